/**
 * Encrypts to age X25519 recipients (age-encryption.org/v1): a fresh 16-byte file key is
 * wrapped once per recipient, the header is MACed with HKDF(file key, "", "header"), and the
 * payload is STREAM-encrypted in 64 KiB chunks as the plaintext arrives.
 */
import { KollenError } from "../../schemas/errors.ts";
import { readyBackend, type AgeOptions } from "./backend.ts";
import { formatHeaderForMac, formatMacLine } from "./lib/header.ts";
import { hkdfSha256, hmacSha256 } from "./lib/hkdf.ts";
import { decodeRecipient } from "./lib/keys.ts";
import { randomBytes } from "./lib/random.ts";
import { PAYLOAD_NONCE_BYTES, PayloadEncryptor } from "./lib/stream.ts";
import { FILE_KEY_BYTES, wrapX25519 } from "./lib/x25519.ts";
import { collect, single } from "./lib/streams.ts";

const ascii = new TextEncoder();

/**
 * Returns the age encryption of `plaintext` to every recipient, as a stream. Recipients are
 * checked at once (AGE_RECIPIENT_INVALID); the stream reads its source only as it is read, so
 * memory stays bounded for any file size. Input pieces are not retained between reads.
 *
 * @example
 * const out = encryptStream(["age1…"], file.stream());
 */
export function encryptStream(
  recipients: string[],
  plaintext: ReadableStream<Uint8Array>,
  opts?: AgeOptions,
): ReadableStream<Uint8Array> {
  if (recipients.length === 0) throw new KollenError("AGE_RECIPIENT_INVALID", "at least one age recipient is required");
  const keys = recipients.map(decodeRecipient);
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let payload: PayloadEncryptor | undefined;

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (payload === undefined) {
          const backend = await readyBackend(opts);
          const fileKey = randomBytes(FILE_KEY_BYTES);
          const stanzas = [];
          for (const k of keys) stanzas.push(await wrapX25519(backend, k, fileKey));
          const macInput = ascii.encode(formatHeaderForMac(stanzas));
          const mac = await hmacSha256(await hkdfSha256(fileKey, new Uint8Array(0), "header"), macInput);
          const macLine = ascii.encode(formatMacLine(mac));
          const nonce = randomBytes(PAYLOAD_NONCE_BYTES);
          const payloadKey = await hkdfSha256(fileKey, nonce, "payload");
          fileKey.fill(0);
          payload = new PayloadEncryptor(backend.aead(payloadKey));
          payloadKey.fill(0);
          const head = new Uint8Array(macInput.length + macLine.length + nonce.length);
          head.set(macInput, 0);
          head.set(macLine, macInput.length);
          head.set(nonce, macInput.length + macLine.length);
          reader = plaintext.getReader();
          controller.enqueue(head);
          return;
        }
        for (;;) {
          const r = await reader!.read();
          if (r.done) {
            controller.enqueue(payload.finish());
            controller.close();
            return;
          }
          const out = payload.push(r.value);
          if (out.length > 0) {
            controller.enqueue(out);
            return;
          }
        }
      },
      async cancel(reason) {
        await (reader ?? plaintext).cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Encrypts a whole buffer; convenient for small plaintexts (use encryptStream for files).
 *
 * @example
 * const ct = await encryptBytes([recipient], new TextEncoder().encode("hej"));
 */
export async function encryptBytes(recipients: string[], plaintext: Uint8Array, opts?: AgeOptions): Promise<Uint8Array> {
  return collect(encryptStream(recipients, single(plaintext), opts));
}
