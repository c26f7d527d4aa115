/**
 * A second core for STREAM chunks (node backend only). ChaCha20-Poly1305 chunks of an age
 * payload are independent, so a batch can be split: the main thread seals or opens the first
 * part while one worker thread does the rest, through a SharedArrayBuffer and Atomics (the
 * main thread waits only for the worker's share, so the API stays synchronous).
 *
 * The worker starts lazily and is unref'd (it never keeps the process alive). Until it has
 * signalled readiness, and on machines with one core, everything runs on the main thread.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { KollenError } from "../../../schemas/errors.ts";
import type { OpenJob, SealJob } from "../backend.ts";

const SLOT = 64 * 1024 + 16;
const MAX_JOBS = 16;
// Control words (Int32): state, op, count, ready, then lengths and per-job status.
const STATE = 0;
const OP = 1;
const COUNT = 2;
const READY = 3;
const LEN = 8;
const STATUS = LEN + MAX_JOBS;
const CTL_BYTES = 256;
const KEY_OFF = CTL_BYTES;
const NONCE_OFF = KEY_OFF + 32;
const IN_OFF = 1024;
const OUT_OFF = IN_OFF + MAX_JOBS * SLOT;
const SAB_BYTES = OUT_OFF + MAX_JOBS * SLOT;
const IDLE = 0;
const REQUEST = 1;
const DONE = 2;
const SEAL = 1;
const OPEN = 2;
const WAIT_MS = 30_000;

const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { createCipheriv, createDecipheriv } = require("node:crypto");
const sab = workerData.sab;
const ctl = new Int32Array(sab, 0, ${CTL_BYTES / 4});
const mem = Buffer.from(sab);
Atomics.store(ctl, ${READY}, 1);
for (;;) {
  let state = Atomics.load(ctl, ${STATE});
  while (state !== ${REQUEST}) {
    Atomics.wait(ctl, ${STATE}, state);
    state = Atomics.load(ctl, ${STATE});
  }
  const key = Buffer.from(mem.subarray(${KEY_OFF}, ${KEY_OFF + 32}));
  const op = ctl[${OP}];
  const count = ctl[${COUNT}];
  for (let i = 0; i < count; i++) {
    const len = ctl[${LEN} + i];
    const nonce = mem.subarray(${NONCE_OFF} + 12 * i, ${NONCE_OFF} + 12 * i + 12);
    const src = mem.subarray(${IN_OFF} + i * ${SLOT}, ${IN_OFF} + i * ${SLOT} + len);
    const dst = ${OUT_OFF} + i * ${SLOT};
    if (op === ${SEAL}) {
      const c = createCipheriv("chacha20-poly1305", key, nonce, { authTagLength: 16 });
      c.update(src).copy(mem, dst);
      c.final();
      c.getAuthTag().copy(mem, dst + len);
      ctl[${STATUS} + i] = 1;
    } else {
      const d = createDecipheriv("chacha20-poly1305", key, nonce, { authTagLength: 16 });
      d.setAuthTag(src.subarray(len - 16));
      const pt = d.update(src.subarray(0, len - 16));
      try {
        d.final();
        pt.copy(mem, dst);
        ctl[${STATUS} + i] = 1;
      } catch {
        ctl[${STATUS} + i] = 0;
      }
    }
  }
  Atomics.store(ctl, ${STATE}, ${DONE});
  Atomics.notify(ctl, ${STATE});
}
`;

/** The worker's share of one batch at a time. */
export interface ChunkWorker {
  /** Hands the tail of `jobs` to the worker; returns how many leading jobs the caller must do itself. */
  startSeal(key: Uint8Array, jobs: SealJob[]): number;
  /** Waits for the worker's share and writes it into the jobs' `out`. */
  finishSeal(jobs: SealJob[]): void;
  startOpen(key: Uint8Array, jobs: OpenJob[]): number;
  /** Waits for the worker's share; returns fresh plaintexts (null where authentication failed). */
  finishOpen(jobs: OpenJob[]): Array<Uint8Array | null>;
}

class SharedChunkWorker implements ChunkWorker {
  private readonly sab = new SharedArrayBuffer(SAB_BYTES);
  private readonly ctl = new Int32Array(this.sab, 0, CTL_BYTES / 4);
  private readonly mem = new Uint8Array(this.sab);
  private started = false;
  private broken = false;
  private first = 0;
  /** Batches the worker has completed (observable in tests through chunkWorkerBatches()). */
  batches = 0;

  private usable(): boolean {
    if (this.broken) return false;
    if (!this.started) {
      this.started = true;
      try {
        const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { sab: this.sab } });
        w.unref();
        w.on("error", () => (this.broken = true));
        w.on("exit", () => (this.broken = true));
      } catch {
        this.broken = true;
      }
      return false;
    }
    return Atomics.load(this.ctl, READY) === 1;
  }

  /** Posts the worker's share (the last `count` jobs); returns the index of its first job. */
  private post(op: number, key: Uint8Array, inputs: Uint8Array[], nonces: Uint8Array[]): number {
    const total = inputs.length;
    if (total < 2 || !this.usable()) return total;
    const count = Math.min(MAX_JOBS, Math.floor(total / 2));
    const first = total - count;
    this.mem.set(key, KEY_OFF);
    for (let i = 0; i < count; i++) {
      const src = inputs[first + i]!;
      if (src.length > SLOT) throw new Error("chunk larger than a STREAM chunk");
      this.ctl[LEN + i] = src.length;
      this.mem.set(nonces[first + i]!, NONCE_OFF + 12 * i);
      this.mem.set(src, IN_OFF + i * SLOT);
    }
    this.ctl[OP] = op;
    this.ctl[COUNT] = count;
    Atomics.store(this.ctl, STATE, REQUEST);
    Atomics.notify(this.ctl, STATE);
    this.first = first;
    return first;
  }

  private wait(): void {
    // The atomic load after the wait orders the worker's plain writes before our reads.
    if (Atomics.wait(this.ctl, STATE, REQUEST, WAIT_MS) === "timed-out" || Atomics.load(this.ctl, STATE) !== DONE) {
      this.broken = true;
      throw new KollenError("INTERNAL", "age chunk worker did not answer");
    }
    this.batches++;
  }

  private release(): void {
    Atomics.store(this.ctl, STATE, IDLE);
    Atomics.notify(this.ctl, STATE);
  }

  startSeal(key: Uint8Array, jobs: SealJob[]): number {
    return this.post(SEAL, key, jobs.map((j) => j.plaintext), jobs.map((j) => j.nonce));
  }

  finishSeal(jobs: SealJob[]): void {
    this.wait();
    for (let i = this.first; i < jobs.length; i++) {
      const j = jobs[i]!;
      const at = OUT_OFF + (i - this.first) * SLOT;
      j.out.set(this.mem.subarray(at, at + j.out.length));
    }
    this.release();
  }

  startOpen(key: Uint8Array, jobs: OpenJob[]): number {
    return this.post(OPEN, key, jobs.map((j) => j.ciphertext), jobs.map((j) => j.nonce));
  }

  finishOpen(jobs: OpenJob[]): Array<Uint8Array | null> {
    this.wait();
    const out: Array<Uint8Array | null> = [];
    for (let i = this.first; i < jobs.length; i++) {
      const k = i - this.first;
      if (this.ctl[STATUS + k] !== 1) {
        out.push(null);
        continue;
      }
      const at = OUT_OFF + k * SLOT;
      out.push(this.mem.slice(at, at + jobs[i]!.ciphertext.length - 16));
    }
    this.release();
    return out;
  }
}

let shared: SharedChunkWorker | undefined;

/** The process's chunk worker, or undefined on a single-core machine or when disabled (KOLLEN_AGE_THREADS=1). */
export function chunkWorker(): ChunkWorker | undefined {
  if (process.env.KOLLEN_AGE_THREADS === "1" || availableParallelism() < 2) return undefined;
  shared ??= new SharedChunkWorker();
  return shared;
}

/** How many batches the worker has shared so far (0 when it has not been used). */
export function chunkWorkerBatches(): number {
  return shared?.batches ?? 0;
}
