/**
 * The recipient stanza types Kollen writes, and the rule that one file holds one type only
 * (docs/FORMAT.md §Payload A1, A4): `X25519` (age-encryption.org/v1) or `mlkem768x25519`
 * (c2sp.org/age, the post-quantum hybrid). A file sealed to a hybrid recipient is never also
 * sealed to a plain X25519 one: that X25519 stanza alone would open it to a future quantum
 * attacker, whatever the hybrid stanza next to it does (age v1.3 refuses the mix the same way).
 *
 * Needs no key, so it serves the writers (encrypt.ts refuses to mix before sealing) as well as
 * anyone checking a header from outside, such as the server's check that `payload.age` is an age
 * file written the way Kollen writes it. Imports no post-quantum code.
 */
import { KollenError } from "../../schemas/errors.ts";
import { AGE_RECIPIENT_TYPES, parseAgeRecipient, type AgeRecipientType, type ParsedAgeRecipient } from "../../keys/age-keys.ts";
import { base64DecodeUnpadded } from "../../encoding/base64.ts";
import { ByteReader } from "./lib/byte-reader.ts";
import { readHeader } from "./lib/header.ts";
import { single } from "./lib/streams.ts";

export type { AgeRecipientType } from "../../keys/age-keys.ts";

/** The stanza types a Kollen writer emits: the allow-list for a header check. */
export const WRITTEN_STANZA_TYPES: readonly AgeRecipientType[] = AGE_RECIPIENT_TYPES;

/** What a writer puts in each stanza type: two arguments (type, share) and a 32-byte body. */
const SHAPE: Record<AgeRecipientType, { shareBytes: number }> = {
  X25519: { shareBytes: 32 },
  mlkem768x25519: { shareBytes: 1120 },
};
const BODY_BYTES = 32;

/** The type a stanza's first argument names, if it is one Kollen writes (exact, case-sensitive). */
export function writtenStanzaType(firstArgument: string | undefined): AgeRecipientType | undefined {
  return WRITTEN_STANZA_TYPES.find((t) => t === firstArgument);
}

/**
 * Parses recipients and checks that they are all of one type.
 *
 * @throws KollenError AGE_RECIPIENT_INVALID (not a recipient, or none), AGE_RECIPIENTS_MIXED
 * @example sealingRecipients(["age1pq1…", "age1pq1…"]).type // "mlkem768x25519"
 */
export function sealingRecipients(recipients: readonly string[]): { type: AgeRecipientType; keys: ParsedAgeRecipient[] } {
  if (recipients.length === 0) throw new KollenError("AGE_RECIPIENT_INVALID", "at least one age recipient is required");
  const keys = recipients.map(parseAgeRecipient);
  const type = keys[0]!.type;
  if (keys.some((k) => k.type !== type)) {
    throw new KollenError("AGE_RECIPIENTS_MIXED", "mlkem768x25519 (age1pq1…) and X25519 (age1…) recipients must not be mixed in one file");
  }
  return { type, keys };
}

/** The outcome of checking a header's stanzas against what Kollen writes. */
export type StanzaCheck =
  | { ok: true; type: AgeRecipientType; count: number }
  | { ok: false; reason: "no-stanza" | "unknown-type" | "malformed" | "mixed"; index?: number };

/**
 * Checks the stanzas of a parsed header against what a Kollen writer emits: every stanza of a
 * type in WRITTEN_STANZA_TYPES, with two arguments, a share of the type's length in canonical
 * base64 and a 32-byte body, and all of one type. A reader (A3) is more lenient: this check is
 * for files Kollen made, not for age files in general.
 *
 * @example checkWrittenStanzas(header.stanzas) // { ok: true, type: "X25519", count: 2 }
 */
export function checkWrittenStanzas(stanzas: ReadonlyArray<{ args: readonly string[]; body: Uint8Array }>): StanzaCheck {
  if (stanzas.length === 0) return { ok: false, reason: "no-stanza" };
  let first: AgeRecipientType | undefined;
  for (const [index, s] of stanzas.entries()) {
    const type = writtenStanzaType(s.args[0]);
    if (type === undefined) return { ok: false, reason: "unknown-type", index };
    const share = s.args.length === 2 ? base64DecodeUnpadded(s.args[1]!) : undefined;
    if (share?.length !== SHAPE[type].shareBytes || s.body.length !== BODY_BYTES) return { ok: false, reason: "malformed", index };
    first ??= type;
    if (type !== first) return { ok: false, reason: "mixed", index };
  }
  return { ok: true, type: first!, count: stanzas.length };
}

/**
 * Parses the header of an age file held in memory (the header alone suffices; it is at most
 * 1 MiB) and checks its stanzas with checkWrittenStanzas. Needs no key and authenticates
 * nothing: the header MAC needs the file key.
 *
 * @throws KollenError AGE_HEADER_INVALID when the bytes do not start with a well-formed age v1 header
 * @example (await checkWrittenHeader(payloadHead)).ok
 */
export async function checkWrittenHeader(bytes: Uint8Array): Promise<StanzaCheck> {
  const reader = single(bytes).getReader();
  try {
    return checkWrittenStanzas((await readHeader(new ByteReader(reader))).stanzas);
  } finally {
    void reader.cancel().catch(() => {});
  }
}
