/**
 * The age payload: STREAM over ChaCha20-Poly1305 (age-encryption.org/v1 §Payload).
 *
 *     payload key = HKDF-SHA-256(ikm = file key, salt = 16-byte nonce, info = "payload")
 *     chunk nonce = 11-byte big-endian counter || 0x01 for the final chunk, 0x00 otherwise
 *
 * Plaintext is cut into 64 KiB chunks. The final chunk may be full; it is empty only when the
 * whole plaintext is empty. Both directions keep one 64 KiB staging buffer and one nonce
 * buffer for the life of the stream, and work directly on the caller's pieces whenever a whole
 * chunk lies inside one, so memory does not grow with the file.
 *
 * Decryption mirrors the reference implementation's classification so the released plaintext
 * matches the test vectors exactly: a full chunk followed by more data is opened as non-final,
 * falling back to final (then the trailing data is an error); a chunk at end of input is opened
 * as final, falling back to non-final for a full chunk (then the missing final chunk is an
 * error). Everything authenticated before an error is released, then the error is raised.
 */
import { KollenError } from "../../../schemas/errors.ts";
import type { AgeAead, OpenJob, SealJob } from "../backend.ts";

const CHUNK = 64 * 1024;
export const TAG = 16;
export const CT_CHUNK = CHUNK + TAG;
export const PAYLOAD_NONCE_BYTES = 16;

/** The 12-byte STREAM nonce, updated in place. */
class StreamNonce {
  readonly bytes = new Uint8Array(12);
  private count = 0;

  get counter(): number {
    return this.count;
  }

  setFinal(final: boolean): void {
    this.bytes[11] = final ? 1 : 0;
  }

  increment(): void {
    this.count++;
    for (let i = 10; i >= 0; i--) {
      this.bytes[i] = (this.bytes[i]! + 1) & 0xff;
      if (this.bytes[i] !== 0) return;
    }
    throw new KollenError("AGE_PAYLOAD_INVALID", "age payload: chunk counter overflow");
  }
}

/** The nonce `add` chunks after `base` (11-byte big-endian counter), with the final flag cleared. */
function nonceAt(base: Uint8Array, add: number): Uint8Array {
  const n = base.slice();
  n[11] = 0;
  let carry = add;
  for (let i = 10; i >= 0 && carry > 0; i--) {
    const sum = n[i]! + (carry % 256);
    n[i] = sum & 0xff;
    carry = Math.floor(carry / 256) + (sum >> 8);
  }
  return n;
}

function payloadError(message: string): KollenError {
  return new KollenError("AGE_PAYLOAD_INVALID", `age payload: ${message}`);
}

/**
 * Encrypts a plaintext fed in pieces of any size, sealing into buffers the caller provides
 * (so a BYOB consumer's buffer is filled directly and nothing is allocated per chunk).
 *
 * Protocol: feed(piece) when needsInput(); sealInto(out) while readyChunks() > 0; at end of
 * input, finishInto(out) with out.length ≥ finalSize(). The current piece is referenced only
 * until needsInput() is true again.
 */
export class PayloadEncryptor {
  private readonly stage = new Uint8Array(CHUNK);
  private staged = 0;
  private piece: Uint8Array | undefined;
  private pieceOff = 0;
  private readonly nonce = new StreamNonce();
  private finished = false;

  constructor(private readonly aead: AgeAead) {}

  /** Plaintext bytes held (staged and in the current piece). */
  private available(): number {
    return this.staged + (this.piece === undefined ? 0 : this.piece.length - this.pieceOff);
  }

  /** Chunks that can be sealed now: a full chunk is sealed only once a byte after it exists. */
  readyChunks(): number {
    const a = this.available();
    return a > CHUNK ? Math.floor((a - 1) / CHUNK) : 0;
  }

  /** True when the next input piece (or the end of input) is needed. */
  needsInput(): boolean {
    return this.piece === undefined;
  }

  /** Accepts the next plaintext piece. */
  feed(piece: Uint8Array): void {
    if (this.finished || this.piece !== undefined) throw new Error("PayloadEncryptor: feed out of order");
    this.piece = piece;
    this.pieceOff = 0;
    this.absorbIfIdle();
  }

  /** Seals as many ready chunks as fit in `out`; returns the bytes written (a multiple of CT_CHUNK). */
  sealInto(out: Uint8Array): number {
    const n = Math.min(this.readyChunks(), Math.floor(out.length / CT_CHUNK));
    const piece = this.piece!;
    const jobs: SealJob[] = [];
    for (let i = 0; i < n; i++) {
      const dst = out.subarray(i * CT_CHUNK, (i + 1) * CT_CHUNK);
      let plain: Uint8Array;
      if (this.staged > 0) {
        const take = CHUNK - this.staged;
        this.stage.set(piece.subarray(this.pieceOff, this.pieceOff + take), this.staged);
        this.pieceOff += take;
        this.staged = 0;
        plain = this.stage;
      } else {
        plain = piece.subarray(this.pieceOff, this.pieceOff + CHUNK);
        this.pieceOff += CHUNK;
      }
      jobs.push({ nonce: nonceAt(this.nonce.bytes, i), plaintext: plain, out: dst });
    }
    if (jobs.length > 1 && this.aead.sealBatch) this.aead.sealBatch(jobs);
    else for (const j of jobs) this.aead.sealInto(j.nonce, j.plaintext, j.out);
    for (let i = 0; i < n; i++) this.nonce.increment();
    this.absorbIfIdle();
    return n * CT_CHUNK;
  }

  /** Size of the final chunk's ciphertext (call at end of input). */
  finalSize(): number {
    return this.staged + TAG;
  }

  /** Seals the final chunk into `out` (empty only when the whole plaintext was empty); returns its size. */
  finishInto(out: Uint8Array): number {
    if (this.finished || this.piece !== undefined) throw new Error("PayloadEncryptor: finish out of order");
    this.finished = true;
    this.nonce.setFinal(true);
    this.aead.sealInto(this.nonce.bytes, this.stage.subarray(0, this.staged), out.subarray(0, this.staged + TAG));
    this.stage.fill(0);
    return this.staged + TAG;
  }

  /** When no chunk is ready, the rest of the piece fits the stage: copy it and release the piece. */
  private absorbIfIdle(): void {
    if (this.piece === undefined || this.readyChunks() > 0) return;
    const rest = this.piece.subarray(this.pieceOff);
    this.stage.set(rest, this.staged);
    this.staged += rest.length;
    this.piece = undefined;
  }

}

/** Result of feeding ciphertext: authenticated plaintext pieces, then possibly an error. */
export interface DecryptStep {
  plaintext: Uint8Array[];
  error?: KollenError;
}

/** Decrypts a payload (after its 16-byte nonce) fed in pieces of any size. */
export class PayloadDecryptor {
  private readonly stage = new Uint8Array(CT_CHUNK);
  private staged = 0;
  private readonly nonce = new StreamNonce();
  private failed = false;

  constructor(private readonly aead: AgeAead) {}

  /** Consumes `piece`; returns the plaintext of every chunk now known not to be final. */
  push(piece: Uint8Array): DecryptStep {
    const step: DecryptStep = { plaintext: [] };
    if (this.failed) throw new Error("PayloadDecryptor: push after error");
    let off = 0;
    // Full chunks with data after them are opened as non-final, in one batch.
    const jobs: Uint8Array[] = [];
    let stageJob = false;
    if (this.staged > 0) {
      const n = Math.min(CT_CHUNK - this.staged, piece.length);
      this.stage.set(piece.subarray(0, n), this.staged);
      this.staged += n;
      off = n;
      if (this.staged < CT_CHUNK || off === piece.length) return step;
      jobs.push(this.stage);
      stageJob = true;
    }
    while (piece.length - off > CT_CHUNK) {
      jobs.push(piece.subarray(off, off + CT_CHUNK));
      off += CT_CHUNK;
    }
    if (jobs.length > 0 && !this.openMiddles(jobs, step)) return step;
    if (stageJob) this.staged = 0;
    this.stage.set(piece.subarray(off), 0);
    this.staged = piece.length - off;
    return step;
  }

  /** Ends the payload: the staged bytes must be a valid final chunk. */
  finish(): DecryptStep {
    const step: DecryptStep = { plaintext: [] };
    if (this.failed) throw new Error("PayloadDecryptor: finish after error");
    const ct = this.stage.subarray(0, this.staged);
    if (this.staged === 0) return this.fail(step, "no final chunk");
    if (this.staged < TAG) return this.fail(step, "truncated chunk");
    if (this.staged === TAG && this.nonce.counter > 0) return this.fail(step, "empty final chunk");
    this.nonce.setFinal(true);
    const pt = this.aead.open(this.nonce.bytes, ct);
    if (pt !== null) {
      step.plaintext.push(pt);
      return step;
    }
    if (this.staged === CT_CHUNK) {
      this.nonce.setFinal(false);
      const mid = this.aead.open(this.nonce.bytes, ct);
      if (mid !== null) {
        step.plaintext.push(mid);
        return this.fail(step, "missing final chunk");
      }
    }
    return this.fail(step, "chunk authentication failed");
  }

  /** Opens full chunks that have data after them, in order; false (with step.error) on the first failure. */
  private openMiddles(cts: Uint8Array[], step: DecryptStep): boolean {
    const jobs: OpenJob[] = cts.map((ciphertext, i) => ({ nonce: nonceAt(this.nonce.bytes, i), ciphertext }));
    const results = jobs.length > 1 && this.aead.openBatch ? this.aead.openBatch(jobs) : jobs.map((j) => this.aead.open(j.nonce, j.ciphertext));
    for (let i = 0; i < jobs.length; i++) {
      const pt = results[i];
      if (pt !== null && pt !== undefined) {
        step.plaintext.push(pt);
        this.nonce.increment();
        continue;
      }
      // Not a valid non-final chunk: a valid final one followed by data is still an error,
      // but its plaintext is released first (as the reference implementation does).
      this.nonce.setFinal(true);
      const last = this.aead.open(this.nonce.bytes, cts[i]!);
      if (last !== null) {
        step.plaintext.push(last);
        this.fail(step, "data after the final chunk");
      } else {
        this.fail(step, "chunk authentication failed");
      }
      return false;
    }
    return true;
  }

  private fail(step: DecryptStep, message: string): DecryptStep {
    this.failed = true;
    this.stage.fill(0);
    step.error = payloadError(message);
    return step;
  }
}
