/** Small helpers between byte arrays and web streams. */

/** A stream of exactly one piece. */
export function single(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (bytes.length > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** Reads a whole stream into one array. */
export async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const r = await reader.read();
    if (r.done) break;
    parts.push(r.value);
    total += r.value.length;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** What {@link cancelsSource} cancels: the source stream, or its reader once one was taken. */
interface Cancellable {
  cancel(reason?: unknown): Promise<void>;
}

/**
 * The `pull` and `cancel` of a stream made from a source: a step that throws cancels the source
 * (the reader still sees the error), and cancelling the made stream cancels the source, so an
 * abandoned or failed transform never leaves its input open. `source` is asked each time, because
 * the reader is taken only on the first pull.
 */
export function cancelsSource<C>(source: () => Cancellable, step: (controller: C) => Promise<void>) {
  return {
    async pull(controller: C): Promise<void> {
      try {
        await step(controller);
      } catch (e) {
        void source().cancel().catch(() => {});
        throw e;
      }
    },
    async cancel(reason: unknown): Promise<void> {
      await source().cancel(reason);
    },
  };
}
