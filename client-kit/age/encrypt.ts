/**
 * Encrypts to age recipients (age-encryption.org/v1): a fresh 16-byte file key is wrapped once
 * per recipient — X25519 (`age1…`) or the post-quantum hybrid mlkem768x25519 (`age1pq1…`,
 * c2sp.org/age), never both in one file (./stanza-types.ts) — the header is MACed with HKDF(file key, "", "header"), and the
 * payload is STREAM-encrypted in 64 KiB chunks as the plaintext arrives.
 */
import type { AgeOptions } from "./backend.ts";
import { readyBackend } from "./default-backend.ts";
import { formatHeaderForMac, formatMacLine } from "./lib/header.ts";
import { hkdfSha256, hmacSha256 } from "./lib/hkdf.ts";
import { randomBytes } from "./lib/random.ts";
import { CT_CHUNK, PAYLOAD_NONCE_BYTES, PayloadEncryptor } from "./lib/stream.ts";
import { FILE_KEY_BYTES, wrapX25519 } from "./lib/x25519.ts";
import { wrapHybrid } from "./lib/mlkem768x25519.ts";
import { sealingRecipients } from "./stanza-types.ts";
import { cancelsSource, collect, single } from "./lib/streams.ts";

const ascii = new TextEncoder();

/**
 * Returns the age encryption of `plaintext` to every recipient, as a byte stream. Recipients
 * are checked at once (AGE_RECIPIENT_INVALID; AGE_RECIPIENTS_MIXED for age1pq1… with age1…). The source is read only as the result is read,
 * so memory stays bounded for any file size, and a source piece is not referenced after the
 * next read from the source. A BYOB reader (`getReader({ mode: "byob" })`) with a buffer of at
 * least 64 KiB + 16 bytes gets the ciphertext sealed straight into its buffer: no allocation
 * per chunk.
 *
 * @example
 * const out = encryptStream(["age1…"], file.stream());
 */
export function encryptStream(
  recipients: string[],
  plaintext: ReadableStream<Uint8Array>,
  opts?: AgeOptions,
): ReadableStream<Uint8Array> {
  const { keys } = sealingRecipients(recipients);
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let payload: PayloadEncryptor | undefined;
  let ended = false;
  // Ciphertext sealed but not yet delivered (only when a BYOB buffer is smaller than a chunk).
  let spill: Uint8Array | undefined;
  let spillOff = 0;
  let spillEnd = 0;
  let closeAfterSpill = false;

  const start = async (controller: ReadableByteStreamController) => {
    const backend = await readyBackend(opts);
    const fileKey = randomBytes(FILE_KEY_BYTES);
    const stanzas = [];
    for (const k of keys) {
      stanzas.push(k.type === "X25519" ? await wrapX25519(backend, k.publicKey, fileKey) : await wrapHybrid(backend, k.publicKey, fileKey));
    }
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
  };

  /** Delivers spilled bytes into the pending BYOB view; true when something was delivered. */
  const drainSpill = (controller: ReadableByteStreamController): boolean => {
    if (spillOff === spillEnd) return false;
    const req = controller.byobRequest;
    if (req?.view) {
      const view = new Uint8Array(req.view.buffer, req.view.byteOffset, req.view.byteLength);
      const n = Math.min(view.length, spillEnd - spillOff);
      view.set(spill!.subarray(spillOff, spillOff + n));
      spillOff += n;
      req.respond(n);
    } else {
      controller.enqueue(spill!.slice(spillOff, spillEnd));
      spillOff = spillEnd;
    }
    if (spillOff === spillEnd && closeAfterSpill) close(controller);
    return true;
  };

  let closed = false;
  const close = (controller: ReadableByteStreamController) => {
    if (closed) return;
    closed = true;
    controller.close();
    controller.byobRequest?.respond(0);
  };

  /** Writes `size` bytes produced by `fill` to the consumer: into its BYOB buffer, a fresh array, or the spill. */
  const emit = (controller: ReadableByteStreamController, size: number, fill: (out: Uint8Array) => number): void => {
    const req = controller.byobRequest;
    if (req?.view && req.view.byteLength >= size) {
      req.respond(fill(new Uint8Array(req.view.buffer, req.view.byteOffset, req.view.byteLength)));
    } else if (req?.view) {
      spill ??= new Uint8Array(CT_CHUNK);
      spillOff = 0;
      spillEnd = fill(spill);
      drainSpill(controller);
    } else {
      const out = new Uint8Array(size);
      const n = fill(out);
      controller.enqueue(n === size ? out : out.subarray(0, n));
    }
  };

  const step = async (controller: ReadableByteStreamController) => {
    if (payload === undefined) {
      await start(controller);
      return;
    }
    if (drainSpill(controller)) return;
    const p = payload;
    while (p.readyChunks() === 0 && !ended) {
      const r = await reader!.read();
      if (r.done) ended = true;
      else p.feed(r.value);
    }
    if (p.readyChunks() > 0) {
      const req = controller.byobRequest;
      const room = req?.view ? Math.max(CT_CHUNK, req.view.byteLength - (req.view.byteLength % CT_CHUNK)) : Infinity;
      const n = Math.min(p.readyChunks(), Math.floor(room / CT_CHUNK));
      emit(controller, n * CT_CHUNK, (out) => p.sealInto(out.subarray(0, n * CT_CHUNK)));
      return;
    }
    closeAfterSpill = true;
    emit(controller, p.finalSize(), (out) => p.finishInto(out));
    if (spillOff === spillEnd) close(controller);
  };

  return new ReadableStream({ type: "bytes", ...cancelsSource(() => reader ?? plaintext, step) });
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
