/**
 * What a verifier without the authority's identity can check of payload.age (docs/FORMAT.md rule
 * P4): its cleartext age header (age-encryption.org/v1 §Header) and that its length is one age's
 * STREAM framing can produce. Nothing here decrypts; a payload that passes may still fail to
 * open (A2), but random bytes or another format are refused on upload.
 *
 *     payload = header nonce(16) *full-chunk final-chunk
 *     full-chunk = 65536 bytes + 16-byte tag; final-chunk = 1–65536 bytes + tag (0 only if it is the only one)
 */
import { ByteReader } from "../age/lib/byte-reader.ts";
import { readHeader } from "../age/lib/header.ts";
import { CT_CHUNK, PAYLOAD_NONCE_BYTES, TAG } from "../age/lib/stream.ts";
import { single } from "../age/lib/streams.ts";
import { checkWrittenStanzas } from "../age/stanza-types.ts";

/** " " + 43 base64 characters of the MAC + LF, after the "---" the MAC input ends with. */
const MAC_LINE_TAIL = 1 + 43 + 1;

/** Log-safe reasons for checkWrittenStanzas's refusals (FORMAT.md A1, A4). */
const STANZA_PROBLEM = {
  "no-stanza": "no recipient stanza",
  "unknown-type": "a recipient stanza of another type",
  malformed: "a malformed recipient stanza",
  mixed: "recipient stanzas of different types",
} as const;

/**
 * Checks the age header at the start of `head` against the manifest's recipient count and the
 * payload's full `length`. Returns undefined when it is a well-formed age v1 payload, else a
 * log-safe reason.
 * @example await payloadHeaderProblem(scanned.payloadHead, scanned.payloadLength, manifest.recipients.length) // undefined
 */
export async function payloadHeaderProblem(head: Uint8Array, length: number, recipients: number): Promise<string | undefined> {
  let header;
  try {
    header = await readHeader(new ByteReader(single(head).getReader()));
  } catch {
    return "no age v1 header";
  }
  // the stanzas a Kollen writer emits: all X25519 or all mlkem768x25519, each of its shape
  const stanzas = checkWrittenStanzas(header.stanzas);
  if (!stanzas.ok) return STANZA_PROBLEM[stanzas.reason];
  if (header.stanzas.length !== recipients) return "the stanza count differs from the manifest's recipients";
  const body = length - (header.macInput.length + MAC_LINE_TAIL) - PAYLOAD_NONCE_BYTES;
  const full = Math.floor(body / CT_CHUNK);
  const last = body % CT_CHUNK;
  // the final chunk holds 1–65536 bytes and its tag, or is the empty only chunk (tag alone)
  const framed = last > TAG || (last === 0 && full > 0) || (last === TAG && full === 0);
  return framed ? undefined : "a length age's chunks cannot have";
}
