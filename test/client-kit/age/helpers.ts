// Shared helpers for the age tests: stream plumbing and a reader that keeps what was released.
import { KollenError } from "../../../schemas/errors.ts";

/** A stream that yields `bytes` in pieces of the given sizes (cycled). */
export function piecewise(bytes: Uint8Array, sizes: number[] = [bytes.length || 1]): ReadableStream<Uint8Array> {
  let off = 0;
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (off >= bytes.length) {
        controller.close();
        return;
      }
      const n = Math.max(1, sizes[i++ % sizes.length]!);
      controller.enqueue(bytes.slice(off, off + n));
      off += n;
    },
  });
}

/** Reads a stream to its end or its error; returns all released bytes and the error, if any. */
export async function drain(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Uint8Array; error?: unknown }> {
  const parts: Uint8Array[] = [];
  let error: unknown;
  const reader = stream.getReader();
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      parts.push(r.value);
    }
  } catch (e) {
    error = e;
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const bytes = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    bytes.set(p, o);
    o += p.length;
  }
  return error === undefined ? { bytes } : { bytes, error };
}

/** The KollenError code of `e`, or a description of what else it was. */
export function codeOf(e: unknown): string {
  if (e instanceof KollenError) return e.code;
  return e === undefined ? "none" : `not a KollenError: ${String(e)}`;
}

/** The code a synchronous call fails with, or "none". */
export function codeOfSync(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return codeOf(e);
  }
  return "none";
}

/** The example pair of the age spec (c2sp.org/age §The X25519 recipient type). */
export const SPEC_IDENTITY = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
export const SPEC_RECIPIENT = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";

export { pseudoRandom } from "./pseudo-random.ts";

/** Fast byte equality for large arrays (vitest's deep equality walks element by element). */
export function sameBytes(actual: Uint8Array, expected: Uint8Array): boolean {
  return actual.length === expected.length && Buffer.compare(actual, expected) === 0;
}
