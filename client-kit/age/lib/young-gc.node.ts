/**
 * Bounded memory for long age streams on Node. node:crypto's `update()` returns a fresh 64 KiB
 * buffer per STREAM chunk; V8 frees those only when it collects their small JS wrappers, which it
 * does late (it lets about 64 MiB of such outside memory pile up first), so a 1 GiB file grew the
 * process by ~45 MiB per thread and paid a page fault for every fresh page. A young-generation
 * collection every MiB or so hands the buffers back to the allocator, which reuses them: measured
 * here, 64 KiB chunks ×16 384 went from 115 MiB peak RSS to 52 MiB, and got faster.
 *
 * The collection is V8's own (`--expose-gc`, set once for this process; a new context gets the
 * `gc` function). When that is unavailable, nothing happens.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Chunks between collections: 16 × 64 KiB = 1 MiB of garbage at most. */
export const CHUNKS_PER_GC = 16;

type Gc = (opts: { type: "minor" }) => void;
let gc: Gc | null | undefined;

/** The young-generation collector of this isolate, or null. */
function collector(): Gc | null {
  if (gc === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      gc = runInNewContext("gc") as Gc;
    } catch {
      gc = null;
    }
  }
  return gc;
}

/** Counts processed chunks and runs a young-generation collection every CHUNKS_PER_GC of them. */
export function youngGc(): (chunks: number) => void {
  let since = 0;
  return (chunks) => {
    since += chunks;
    if (since < CHUNKS_PER_GC) return;
    since = 0;
    collector()?.({ type: "minor" });
  };
}

/**
 * The same for the chunk worker's source (plain JS run with `eval`): the flag is process-wide, set
 * by the main thread before the worker starts.
 */
export const WORKER_YOUNG_GC_SOURCE = `
let gcSince = 0;
let gcFn = null;
try { gcFn = require("node:vm").runInNewContext("gc"); } catch {}
const youngGc = (chunks) => { gcSince += chunks; if (gcSince >= ${CHUNKS_PER_GC} && gcFn) { gcSince = 0; gcFn({ type: "minor" }); } };
`;

/** Makes sure the flag is set (call before starting a worker that uses WORKER_YOUNG_GC_SOURCE). */
export function exposeGc(): void {
  collector();
}
