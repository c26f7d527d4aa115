/**
 * The authority's signed recipient list (`kollen-keyring/1`): whom a package is sealed to.
 *
 * A keyring is a compact JWS (RFC 7515 §7.1), `alg: EdDSA` (RFC 8037), `typ: kollen-keyring+jws`,
 * signed by the authority's offline keyring key. The client kit verifies it against the keys pinned in
 * `keys/published/`, so it never trusts the server alone for whom to encrypt to (DESIGN.md §Keys).
 * The signature is checked over the exact bytes before the payload is parsed.
 *
 * A recipient's key id is the first 8 bytes of SHA-256 over its ASCII `age1…` string, as 16 lowercase
 * hex digits; manifests list these ids (docs/FORMAT.md §Manifest `recipients`).
 *
 * Each recipient has a `type`, covered by the signature like everything in the payload: `X25519`
 * (the default when absent, as in every keyring before the hybrid type existed) or
 * `mlkem768x25519`, the post-quantum hybrid, which MUST be written out (Y2). A file is never
 * sealed to both types, so no two current recipients of different types may be live at the same
 * instant (Y3): an authority moves to hybrid by ending its X25519 window where the hybrid one starts.
 */
import { CompactSign, compactVerify, decodeProtectedHeader, importJWK, type JWK } from "jose";
import { z } from "zod";
import { KollenError } from "../schemas/errors.ts";
import { parseStrictJson } from "../schemas/strict-json.ts";
import { AuthorityId } from "../schemas/ids.ts";
import { RecipientKeyId } from "../schemas/manifest.ts";
import { checkSignerJwk } from "./signer.ts";
import { AGE_RECIPIENT_TYPES, ageRecipientType, recipientKeyId, type AgeRecipientType } from "./age-keys.ts";

export const KEYRING_FORMAT = "kollen-keyring/1";
export const KEYRING_JWS_TYP = "kollen-keyring+jws";
/** Upper bound on a keyring JWS (32 X25519 recipients fit in ~8 KiB, 32 hybrid ones in ~90 KiB). */
export const MAX_KEYRING_BYTES = 256 * 1024;

/** An age X25519 recipient: `age1` + 58 bech32 characters (age-encryption.org/v1 §X25519). */
export const AgeRecipient = z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, "an age1… X25519 recipient");
/** An age mlkem768x25519 recipient: `age1pq1` + 1952 bech32 characters (1216 bytes, c2sp.org/age). */
export const AgeHybridRecipient = z.string().regex(/^age1pq1[02-9ac-hj-np-z]{1952}$/, "an age1pq1… mlkem768x25519 recipient");

/** The type of a keyring recipient: its `type`, or X25519 when absent. */
export function keyringRecipientType(r: { type?: AgeRecipientType | undefined }): AgeRecipientType {
  return r.type ?? "X25519";
}

export const KeyringRecipient = z
  .strictObject({
    id: RecipientKeyId,
    recipient: z.union([AgeRecipient, AgeHybridRecipient]),
    /** The recipient's age type; absent means X25519. */
    type: z.enum(AGE_RECIPIENT_TYPES).optional(),
    status: z.enum(["current", "retired"]),
    /** Sealing to this recipient starts at … (inclusive). */
    from: z.iso.datetime({ offset: true }).optional(),
    /** … and stops at (exclusive). */
    until: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((r) => r.from === undefined || r.until === undefined || Date.parse(r.from) < Date.parse(r.until), {
    message: "from must be before until",
    path: ["until"],
  })
  .refine((r) => keyringRecipientType(r) === (r.recipient.startsWith("age1pq1") ? "mlkem768x25519" : "X25519"), {
    message: "type must name the recipient's age type (mlkem768x25519 for age1pq1…, written out)",
    path: ["type"],
  });
export type KeyringRecipient = z.infer<typeof KeyringRecipient>;

export const KeyringPayload = z
  .strictObject({
    format: z.literal(KEYRING_FORMAT),
    authority: z.strictObject({
      name: z.string().min(1).max(200),
      id: AuthorityId,
    }),
    issuedAt: z.iso.datetime({ offset: true }),
    recipients: z.array(KeyringRecipient).min(1).max(32),
  })
  .superRefine((k, ctx) => {
    const ids = new Set<string>();
    const recipients = new Set<string>();
    k.recipients.forEach((r, i) => {
      if (ids.has(r.id)) ctx.addIssue({ code: "custom", path: ["recipients", i, "id"], message: "duplicate id" });
      if (recipients.has(r.recipient)) ctx.addIssue({ code: "custom", path: ["recipients", i, "recipient"], message: "duplicate recipient" });
      ids.add(r.id);
      recipients.add(r.recipient);
    });
    const live = k.recipients.filter((r) => r.status === "current");
    live.forEach((a, i) => {
      for (const b of live.slice(0, i)) {
        if (keyringRecipientType(a) !== keyringRecipientType(b) && windowsOverlap(a, b)) {
          const message = "current recipients of different types (X25519, mlkem768x25519) must not be live at the same time";
          ctx.addIssue({ code: "custom", path: ["recipients", i, "type"], message });
        }
      }
    });
  });

/** True when two `from`/`until` windows (absent = unbounded) share an instant. */
function windowsOverlap(a: { from?: string | undefined; until?: string | undefined }, b: { from?: string | undefined; until?: string | undefined }): boolean {
  const start = (w: { from?: string | undefined }) => (w.from === undefined ? -Infinity : Date.parse(w.from));
  const end = (w: { until?: string | undefined }) => (w.until === undefined ? Infinity : Date.parse(w.until));
  return start(a) < end(b) && start(b) < end(a);
}
export type KeyringPayload = z.infer<typeof KeyringPayload>;

/** The key id of an age recipient (docs/FORMAT.md §Manifest); defined in ./age-keys.ts. */
export { recipientKeyId };

/**
 * A keyring entry for an `age1…` or `age1pq1…` recipient: its key id, and its `type` written out
 * when it is the hybrid one.
 *
 * @example await keyringEntry("age1pq1…", { status: "current", from: "2026-09-01T00:00:00Z" })
 * @throws KollenError AGE_RECIPIENT_INVALID
 */
export async function keyringEntry(
  recipient: string,
  window: Pick<KeyringRecipient, "status" | "from" | "until"> = { status: "current" },
): Promise<KeyringRecipient> {
  const type = ageRecipientType(recipient);
  return { id: await recipientKeyId(recipient), recipient, ...(type === "X25519" ? {} : { type }), ...window };
}

function invalid(message: string, error?: z.ZodError): never {
  const paths = error?.issues.slice(0, 10).map((i) => `${i.path.join(".") || "(root)"}: ${i.code}`);
  throw new KollenError("KEYRING_INVALID", paths ? `${message}: ${paths.join("; ")}` : message);
}

async function checkPayload(value: unknown): Promise<KeyringPayload> {
  const r = KeyringPayload.safeParse(value);
  if (!r.success) invalid("the keyring does not match kollen-keyring/1", r.error);
  for (const [i, rec] of r.data.recipients.entries()) {
    if ((await recipientKeyId(rec.recipient)) !== rec.id) invalid(`recipients.${i}.id is not the key id of its recipient`);
  }
  return r.data;
}

/**
 * Signs a keyring payload with the keyring key (an Ed25519 private JWK).
 *
 * @example const jws = await createKeyring({ format: "kollen-keyring/1", authority, issuedAt, recipients }, privateJwk);
 * @throws KollenError `KEYRING_INVALID` (payload), `KEY_INVALID` / `KEY_UNSUPPORTED` (key)
 */
export async function createKeyring(payload: KeyringPayload, keyringPrivateJwk: JWK): Promise<string> {
  const checked = await checkPayload(payload);
  const jwk = checkSignerJwk(keyringPrivateJwk);
  if (!jwk.d) throw new KollenError("KEY_INVALID", "the keyring key must be a private key");
  const key = await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d }, "EdDSA");
  return new CompactSign(new TextEncoder().encode(JSON.stringify(checked)))
    .setProtectedHeader({ alg: "EdDSA", typ: KEYRING_JWS_TYP, kid: jwk.kid })
    .sign(key);
}

const importedPins = new WeakMap<object, Promise<{ kid: string; key: CryptoKey | Uint8Array }>>();

function importPin(jwk: JWK): Promise<{ kid: string; key: CryptoKey | Uint8Array }> {
  let p = importedPins.get(jwk);
  if (!p) {
    p = (async () => {
      const pub = checkSignerJwk(jwk);
      return { kid: pub.kid, key: await importJWK({ kty: pub.kty, crv: pub.crv, x: pub.x }, "EdDSA") };
    })();
    importedPins.set(jwk, p);
  }
  return p;
}

/**
 * Verifies a keyring against the pinned keyring keys, then parses it.
 *
 * @example const keyring = await verifyKeyring(jwsText, PINNED_KEYRING_KEYS);
 * @throws KollenError `KEYRING_SIGNATURE_INVALID` (no pinned key verifies it),
 *   `KEYRING_KEY_UNKNOWN` (nothing pinned), `KEYRING_INVALID` (not a compact JWS, or the payload's shape)
 */
export async function verifyKeyring(jws: string, pinnedPublicJwks: readonly JWK[]): Promise<KeyringPayload> {
  if (typeof jws !== "string" || jws.length > MAX_KEYRING_BYTES) invalid("a keyring is a compact JWS of at most 256 KiB");
  const text = jws.trim();
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text)) invalid("a keyring is a compact JWS (three base64url parts)");
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(text);
  } catch {
    invalid("the keyring's protected header is not JSON");
  }
  if (pinnedPublicJwks.length === 0) throw new KollenError("KEYRING_KEY_UNKNOWN", "no keyring key is pinned in this kit");
  const pins = await Promise.all(pinnedPublicJwks.map(importPin));
  // The kid only orders the attempts: every pinned key is tried before giving up.
  pins.sort((a, b) => Number(b.kid === header.kid) - Number(a.kid === header.kid));
  let payload: Uint8Array | undefined;
  for (const pin of pins) {
    try {
      const r = await compactVerify(text, pin.key, { algorithms: ["EdDSA", "Ed25519"] });
      payload = r.payload;
      break;
    } catch {
      // try the next pinned key
    }
  }
  if (!payload) {
    throw new KollenError("KEYRING_SIGNATURE_INVALID", "the keyring is not signed by a pinned keyring key", {
      detail: { kid: typeof header.kid === "string" ? header.kid.slice(0, 64) : undefined },
    });
  }
  if (header.typ !== KEYRING_JWS_TYP) invalid(`the keyring's typ must be ${KEYRING_JWS_TYP}`);
  let value: unknown;
  try {
    value = parseStrictJson(payload); // FORMAT.md §Keyring: strict JSON (rule J1's grammar)
  } catch {
    invalid("the keyring payload is not strict UTF-8 JSON");
  }
  return checkPayload(value);
}

/**
 * The recipients to seal to at `now`: status `current` and inside their `from`/`until` window.
 *
 * @example const recipients = currentRecipients(keyring).map((r) => r.recipient);
 */
export function currentRecipients(keyring: KeyringPayload, now: Date = new Date()): KeyringRecipient[] {
  const t = now.getTime();
  return keyring.recipients.filter(
    (r) =>
      r.status === "current" &&
      (r.from === undefined || Date.parse(r.from) <= t) &&
      (r.until === undefined || t < Date.parse(r.until)),
  );
}

