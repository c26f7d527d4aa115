/**
 * The server's V8 young generation, capped (docs/OPERATIONS.md § Memory). V8 doubles each
 * semi-space of the young generation up to 16 MiB as allocation goes on, and the pages it touched
 * stay resident: 32 MiB of the server's RSS after a few hundred uploads, where under 1 MiB of it is
 * alive at any time. With 2 MiB semi-spaces (and the blob store's write budget), 8 concurrent
 * 64 MiB uploads peaked at ~107 MiB instead of ~155 MiB, requests/s and MB/s unchanged within the
 * noise (bench:server --vs, 2026-12-01).
 *
 * `--max-semi-space-size` is read only when the heap is set up, so a running process cannot lower
 * it; the semi-space growth factor is read at each growth, though: it is set to 1 while the server
 * loads, then back to 2 until the young generation reaches the cap, then to 1 for good. An
 * operator's own `--max-semi-space-size` (in node's arguments or NODE_OPTIONS) is left alone.
 */
import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";

/** The cap of one semi-space, in bytes (the young generation holds two). */
export const SEMI_SPACE_CAP_BYTES = 2 * 1024 * 1024;

const OWN_SETTING = /--max-semi-space-size\b/;

/** Bytes of one semi-space now (half of V8's new_space). */
function semiSpaceBytes(): number {
  const space = getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
  return space ? space.space_size / 2 : 0;
}

/** Whether node was started with its own `--max-semi-space-size` (arguments or NODE_OPTIONS). */
function ownSetting(): boolean {
  return [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((a) => OWN_SETTING.test(a));
}

/**
 * Keeps the young generation at its initial size while the server's modules load (they would
 * otherwise grow it to 16 MiB per semi-space before `kollen serve` runs a line). Call
 * capYoungGeneration() once they are loaded.
 * @example holdYoungGeneration(); const { serve } = await import("./serve.node.ts")
 */
export function holdYoungGeneration(): void {
  if (!ownSetting()) setFlagsFromString("--semi-space-growth-factor=1");
}

/**
 * Lets the young generation grow again, by doubling, up to `SEMI_SPACE_CAP_BYTES` per semi-space,
 * unless node was started with its own `--max-semi-space-size`.
 * @example capYoungGeneration() // in `kollen serve`, before it listens
 */
export function capYoungGeneration(): void {
  if (ownSetting()) return;
  const stop = () => setFlagsFromString("--semi-space-growth-factor=1");
  if (semiSpaceBytes() >= SEMI_SPACE_CAP_BYTES) return stop();
  setFlagsFromString("--semi-space-growth-factor=2");
  // the first growth that reaches the cap is the last
  const observer = new PerformanceObserver(() => {
    if (semiSpaceBytes() < SEMI_SPACE_CAP_BYTES) return;
    stop();
    observer.disconnect();
  });
  observer.observe({ entryTypes: ["gc"] });
}
