/**
 * A second core for STREAM chunks (node backend only). ChaCha20-Poly1305 chunks of an age
 * payload are independent, so a batch can be shared: the main thread takes the first half,
 * a worker thread claims jobs of the second half one by one through a SharedArrayBuffer, and
 * the main thread, once done with its half, claims whatever the worker has not started. So a
 * busy or slow second core never slows a batch down by more than a few copies, and the API
 * stays synchronous (the main thread only waits for a job the worker is already running).
 *
 * The worker starts lazily and is unref'd (it never keeps the process alive). Until it has
 * signalled readiness, and on machines with one core, everything runs on the main thread.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { KollenError } from "../../../schemas/errors.ts";
import type { OpenJob, SealJob } from "../backend.ts";
import { exposeGc, WORKER_YOUNG_GC_SOURCE } from "./young-gc.node.ts";

const SLOT = 64 * 1024 + 16;
const MAX_JOBS = 16;
// Control words (Int32): state, op, job count, ready flag, next unclaimed job, then lengths and per-job status.
const STATE = 0;
const OP = 1;
const COUNT = 2;
const READY = 3;
const NEXT = 4;
const LEN = 8;
const STATUS = LEN + MAX_JOBS;
const CTL_BYTES = 256;
const KEY_OFF = CTL_BYTES;
const NONCE_OFF = KEY_OFF + 32;
const IN_OFF = 1024;
const OUT_OFF = IN_OFF + MAX_JOBS * SLOT;
const SAB_BYTES = OUT_OFF + MAX_JOBS * SLOT;
// States. REQUEST → RUNNING is the worker's claim on a batch; the main thread may instead take
// REQUEST → IDLE when it has done every job itself.
const IDLE = 0;
const REQUEST = 1;
const DONE = 2;
const RUNNING = 3;
// Per-job status written by the worker.
const NOT_MINE = 0;
const OK = 1;
const FAILED = 2;
const SEAL = 1;
const OPEN = 2;
const WAIT_MS = 30_000;
/** A wait longer than this for the worker (a 64 KiB job takes ~0.15 ms) means its core is busy. */
const SLOW_WAIT_MS = 1;
const COOLDOWN_BATCHES = 32;

const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { createCipheriv, createDecipheriv } = require("node:crypto");
const ctl = new Int32Array(workerData.sab, 0, ${CTL_BYTES / 4});
const mem = Buffer.from(workerData.sab);
${WORKER_YOUNG_GC_SOURCE}
Atomics.store(ctl, ${READY}, 1);
for (;;) {
  let state = Atomics.load(ctl, ${STATE});
  if (state !== ${REQUEST}) {
    Atomics.wait(ctl, ${STATE}, state);
    continue;
  }
  if (Atomics.compareExchange(ctl, ${STATE}, ${REQUEST}, ${RUNNING}) !== ${REQUEST}) continue;
  const key = Buffer.from(mem.subarray(${KEY_OFF}, ${KEY_OFF + 32}));
  const op = ctl[${OP}];
  const count = ctl[${COUNT}];
  for (;;) {
    const i = Atomics.add(ctl, ${NEXT}, 1);
    if (i >= count) break;
    const len = ctl[${LEN} + i];
    const nonce = mem.subarray(${NONCE_OFF} + 12 * i, ${NONCE_OFF} + 12 * i + 12);
    const src = mem.subarray(${IN_OFF} + i * ${SLOT}, ${IN_OFF} + i * ${SLOT} + len);
    const dst = ${OUT_OFF} + i * ${SLOT};
    if (op === ${SEAL}) {
      const c = createCipheriv("chacha20-poly1305", key, nonce, { authTagLength: 16 });
      c.update(src).copy(mem, dst);
      c.final();
      c.getAuthTag().copy(mem, dst + len);
      ctl[${STATUS} + i] = ${OK};
    } else {
      const d = createDecipheriv("chacha20-poly1305", key, nonce, { authTagLength: 16 });
      d.setAuthTag(src.subarray(len - 16));
      const pt = d.update(src.subarray(0, len - 16));
      try {
        d.final();
        pt.copy(mem, dst);
        ctl[${STATUS} + i] = ${OK};
      } catch {
        ctl[${STATUS} + i] = ${FAILED};
      }
    }
  }
  Atomics.store(ctl, ${STATE}, ${DONE});
  Atomics.notify(ctl, ${STATE});
  youngGc(count);
}
`;

/** Shares one batch at a time with the worker. */
export interface ChunkWorker {
  /**
   * Offers the tail of `jobs` to the worker; returns how many leading jobs the caller must do
   * itself before calling finishSeal.
   */
  startSeal(key: Uint8Array, jobs: SealJob[]): number;
  /** Does the offered jobs the worker has not claimed (with `seal`), waits for the rest, fills every `out`. */
  finishSeal(jobs: SealJob[], seal: (job: SealJob) => void): void;
  startOpen(key: Uint8Array, jobs: OpenJob[]): number;
  /** As finishSeal; returns the results of the offered jobs (fresh plaintexts, null where authentication failed). */
  finishOpen(jobs: OpenJob[], open: (job: OpenJob) => Uint8Array | null): Array<Uint8Array | null>;
}

class SharedChunkWorker implements ChunkWorker {
  private readonly sab = new SharedArrayBuffer(SAB_BYTES);
  private readonly ctl = new Int32Array(this.sab, 0, CTL_BYTES / 4);
  private readonly mem = new Uint8Array(this.sab);
  private started = false;
  private broken = false;
  private first = 0;
  /** Batches left to run on the main thread alone after a slow wait. */
  private cooldown = 0;
  /** Jobs the worker has done (observable in tests through chunkWorkerJobs()). */
  jobsDone = 0;

  private usable(): boolean {
    if (this.broken) return false;
    if (!this.started) {
      this.started = true;
      try {
        exposeGc();
        const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { sab: this.sab } });
        w.unref();
        w.on("error", () => (this.broken = true));
        w.on("exit", () => (this.broken = true));
      } catch {
        this.broken = true;
      }
      return false;
    }
    if (this.cooldown > 0) {
      this.cooldown--;
      return false;
    }
    return Atomics.load(this.ctl, READY) === 1;
  }

  /** Offers the last jobs to the worker; returns the index of the first offered job. */
  private offer(op: number, key: Uint8Array, inputs: Uint8Array[], nonces: Uint8Array[]): number {
    const total = inputs.length;
    if (total < 2 || !this.usable()) return total;
    const count = Math.min(MAX_JOBS, Math.floor(total / 2));
    const first = total - count;
    this.mem.set(key, KEY_OFF);
    for (let i = 0; i < count; i++) {
      const src = inputs[first + i]!;
      if (src.length > SLOT) throw new Error("chunk larger than a STREAM chunk");
      this.ctl[LEN + i] = src.length;
      this.ctl[STATUS + i] = NOT_MINE;
      this.mem.set(nonces[first + i]!, NONCE_OFF + 12 * i);
      this.mem.set(src, IN_OFF + i * SLOT);
    }
    this.ctl[OP] = op;
    this.ctl[COUNT] = count;
    this.ctl[NEXT] = 0;
    Atomics.store(this.ctl, STATE, REQUEST);
    Atomics.notify(this.ctl, STATE);
    this.first = first;
    return first;
  }

  /**
   * Claims and runs the offered jobs the worker has not taken, then waits for the worker's.
   * Returns true when the worker took part (its results are in shared memory).
   */
  private complete(run: (offered: number) => void): boolean {
    const count = this.ctl[COUNT]!;
    for (;;) {
      const k = Atomics.add(this.ctl, NEXT, 1);
      if (k >= count) break;
      run(k);
    }
    if (Atomics.compareExchange(this.ctl, STATE, REQUEST, IDLE) === REQUEST) return false; // worker never started
    const waitStart = performance.now();
    for (;;) {
      const state = Atomics.load(this.ctl, STATE);
      if (state === DONE) break;
      if (Atomics.wait(this.ctl, STATE, state, WAIT_MS) === "timed-out") {
        this.broken = true;
        throw new KollenError("INTERNAL", "age chunk worker did not answer");
      }
    }
    // Waiting long for the worker's last job means its core is busy with other work: then the
    // main thread alone is faster, so pause sharing for a while and try again later.
    if (performance.now() - waitStart > SLOW_WAIT_MS) this.cooldown = COOLDOWN_BATCHES;
    return true;
  }

  private release(): void {
    Atomics.store(this.ctl, STATE, IDLE);
    Atomics.notify(this.ctl, STATE);
  }

  startSeal(key: Uint8Array, jobs: SealJob[]): number {
    return this.offer(SEAL, key, jobs.map((j) => j.plaintext), jobs.map((j) => j.nonce));
  }

  finishSeal(jobs: SealJob[], seal: (job: SealJob) => void): void {
    const first = this.first;
    const mine = new Set<number>();
    const shared = this.complete((k) => {
      mine.add(k);
      seal(jobs[first + k]!);
    });
    if (shared) {
      for (let i = first; i < jobs.length; i++) {
        const k = i - first;
        if (mine.has(k)) continue;
        const j = jobs[i]!;
        const at = OUT_OFF + k * SLOT;
        j.out.set(this.mem.subarray(at, at + j.out.length));
        this.jobsDone++;
      }
      this.release();
    }
  }

  startOpen(key: Uint8Array, jobs: OpenJob[]): number {
    return this.offer(OPEN, key, jobs.map((j) => j.ciphertext), jobs.map((j) => j.nonce));
  }

  finishOpen(jobs: OpenJob[], open: (job: OpenJob) => Uint8Array | null): Array<Uint8Array | null> {
    const first = this.first;
    const out = new Array<Uint8Array | null>(jobs.length - first).fill(null);
    const mine = new Set<number>();
    const shared = this.complete((k) => {
      mine.add(k);
      out[k] = open(jobs[first + k]!);
    });
    if (shared) {
      for (let k = 0; k < out.length; k++) {
        if (mine.has(k)) continue;
        this.jobsDone++;
        if (this.ctl[STATUS + k] !== OK) continue;
        const at = OUT_OFF + k * SLOT;
        out[k] = this.mem.slice(at, at + jobs[first + k]!.ciphertext.length - 16);
      }
      this.release();
    }
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

/** How many chunks the worker thread has processed so far (0 when it has not been used). */
export function chunkWorkerJobs(): number {
  return shared?.jobsDone ?? 0;
}
