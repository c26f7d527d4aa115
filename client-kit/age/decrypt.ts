/**
 * Decrypts an age v1 file with X25519 (`AGE-SECRET-KEY-1…`) and post-quantum hybrid
 * (`AGE-SECRET-KEY-PQ-1…`, mlkem768x25519, c2sp.org/age) identities, streaming.
 *
 * Order of checks, each with its own code so the test vectors can be told apart:
 * header syntax (AGE_HEADER_INVALID) → stanza unwrapping, identities in order, stanzas in
 * order, each identity trying the stanzas of its own type (AGE_HEADER_INVALID for a malformed
 * stanza of that type, AGE_NO_MATCHING_IDENTITY when none unwraps) → header MAC (AGE_HMAC_MISMATCH) → 16-byte payload nonce (AGE_HEADER_INVALID) →
 * STREAM chunks (AGE_PAYLOAD_INVALID). Plaintext is released one authenticated chunk at a time;
 * a payload error is raised after the plaintext authenticated before it has been read.
 */
import { KollenError } from "../../schemas/errors.ts";
import type { AgeAead, AgeBackend, AgeOptions } from "./backend.ts";
import { readyBackend } from "./default-backend.ts";
import { ByteReader } from "./lib/byte-reader.ts";
import { readHeader, type Stanza } from "./lib/header.ts";
import { hkdfSha256, hmacSha256Verify } from "./lib/hkdf.ts";
import { parseAgeIdentity, type ParsedAgeIdentity } from "../../keys/age-keys.ts";
import { unwrapHybrid } from "./lib/mlkem768x25519.ts";
import { PAYLOAD_NONCE_BYTES, PayloadDecryptor, type DecryptStep } from "./lib/stream.ts";
import { cancelsSource, collect, single } from "./lib/streams.ts";
import { unwrapX25519, type X25519Identity } from "./lib/x25519.ts";

/**
 * Returns the plaintext of the age file `ciphertext` as a stream. Identities are checked at
 * once (AGE_IDENTITY_INVALID); every other failure errors the returned stream with a
 * KollenError. Input pieces are not retained between reads.
 *
 * @example
 * const plain = decryptStream(["AGE-SECRET-KEY-1…"], response.body!);
 */
export function decryptStream(
  identities: string[],
  ciphertext: ReadableStream<Uint8Array>,
  opts?: AgeOptions,
): ReadableStream<Uint8Array> {
  if (identities.length === 0) throw new KollenError("AGE_IDENTITY_INVALID", "at least one age identity is required");
  const secrets = identities.map(parseAgeIdentity);
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let payload: PayloadDecryptor | undefined;
  let pendingError: KollenError | undefined;

  /** Enqueues what authenticated; keeps an error for the next read so that plaintext is seen first. */
  const deliver = (controller: ReadableStreamDefaultController<Uint8Array>, step: DecryptStep): boolean => {
    for (const p of step.plaintext) if (p.length > 0) controller.enqueue(p);
    if (step.error !== undefined) {
      if (step.plaintext.some((p) => p.length > 0)) pendingError = step.error;
      else controller.error(step.error);
      void reader?.cancel().catch(() => {});
      return true;
    }
    return step.plaintext.some((p) => p.length > 0);
  };

  return new ReadableStream<Uint8Array>(
    cancelsSource(() => reader ?? ciphertext, step),
    { highWaterMark: 0 },
  );

  async function step(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
    if (pendingError !== undefined) {
      controller.error(pendingError);
      return;
    }
    if (payload === undefined) {
      const backend = await readyBackend(opts);
      reader = ciphertext.getReader();
      const bytes = new ByteReader(reader);
      payload = new PayloadDecryptor(await unlock(backend, secrets, bytes));
      const rest = bytes.takeBuffered();
      if (rest.length > 0 && deliver(controller, payload.push(rest))) return;
    }
    for (;;) {
      const r = await reader!.read();
      if (r.done) {
        const last = payload.finish();
        deliver(controller, last);
        if (last.error === undefined) controller.close();
        return;
      }
      if (deliver(controller, payload.push(r.value))) return;
    }
  }
}

/**
 * Reads the header and the payload nonce, unwraps the file key with the first identity that
 * matches a stanza, checks the header MAC, and returns the payload AEAD.
 */
async function unlock(backend: AgeBackend, secrets: ParsedAgeIdentity[], bytes: ByteReader): Promise<AgeAead> {
  const header = await readHeader(bytes);
  const unwrappers = secrets.map((id): ((stanza: Stanza) => Promise<Uint8Array | null>) => {
    if (id.type === "mlkem768x25519") return (stanza) => unwrapHybrid(backend, id.secret, stanza);
    const x: X25519Identity = { secret: id.secret, recipient: backend.x25519Base(id.secret) };
    return (stanza) => unwrapX25519(backend, x, stanza);
  });
  let fileKey: Uint8Array | null = null;
  search: for (const unwrap of unwrappers) {
    for (const stanza of header.stanzas) {
      fileKey = await unwrap(stanza);
      if (fileKey !== null) break search;
    }
  }
  if (fileKey === null) throw new KollenError("AGE_NO_MATCHING_IDENTITY", "no identity matches any recipient of the age file");
  const macKey = await hkdfSha256(fileKey, new Uint8Array(0), "header");
  if (!(await hmacSha256Verify(macKey, header.macInput, header.mac))) {
    throw new KollenError("AGE_HMAC_MISMATCH", "age header MAC does not verify");
  }
  const nonce = await bytes.readUpTo(PAYLOAD_NONCE_BYTES);
  if (nonce.length !== PAYLOAD_NONCE_BYTES) throw new KollenError("AGE_HEADER_INVALID", "age file ends before the payload nonce");
  const payloadKey = await hkdfSha256(fileKey, nonce, "payload");
  fileKey.fill(0);
  const aead = backend.aead(payloadKey);
  payloadKey.fill(0);
  return aead;
}

/**
 * Decrypts a whole age file held in memory (use decryptStream for files).
 *
 * @example
 * const plain = await decryptBytes([identity], ciphertext);
 */
export async function decryptBytes(identities: string[], ciphertext: Uint8Array, opts?: AgeOptions): Promise<Uint8Array> {
  return collect(decryptStream(identities, single(ciphertext), opts));
}
