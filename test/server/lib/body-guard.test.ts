/**
 * The upload body's guard (server/lib/body-guard.ts): the byte limit and the deadline, and the
 * inspector the upload path hangs its package scan on — it sees every piece and the end, and what it
 * throws ends the body with that error.
 */
import { describe, expect, it } from "vitest";
import { guardBody } from "../../../server/lib/body-guard.ts";
import { KollenError } from "../../../schemas/errors.ts";

function source(pieces: Uint8Array[], opts: { hang?: boolean } = {}): { stream: ReadableStream<Uint8Array>; cancelled: () => unknown } {
  let reason: unknown;
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < pieces.length) controller.enqueue(pieces[i++]!);
      else if (!opts.hang) controller.close();
    },
    cancel(r) {
      reason = r;
    },
  });
  return { stream, cancelled: () => reason };
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) out.push(r.value);
  return out;
}

const bytes = (...xs: number[]) => new Uint8Array(xs);
const limits = { maxBytes: 10, timeoutMs: 5_000 };

describe("guardBody", () => {
  it("passes every piece on in order, and the inspector sees each and then the end", async () => {
    const seen: string[] = [];
    const g = guardBody(source([bytes(1, 2), bytes(3)]).stream, limits, { chunk: (b) => seen.push(`chunk ${b.join(",")}`), end: () => seen.push("end") });
    expect((await drain(g.stream)).map((b) => [...b])).toEqual([[1, 2], [3]]);
    expect(seen).toEqual(["chunk 1,2", "chunk 3", "end"]);
    expect(g.failure()).toBeUndefined();
    g.dispose();
  });

  it("past the limit: PACKAGE_TOO_LARGE as its own failure, and the inspector never sees the piece", async () => {
    const seen: number[] = [];
    const src = source([bytes(...Array(8).fill(1)), bytes(...Array(8).fill(2)), bytes(3), bytes(4)]);
    const g = guardBody(src.stream, limits, { chunk: (b) => seen.push(b.length), end: () => seen.push(-1) });
    await expect(drain(g.stream)).rejects.toMatchObject({ code: "PACKAGE_TOO_LARGE" });
    expect(g.failure()?.code).toBe("PACKAGE_TOO_LARGE");
    expect(seen).toEqual([8]);
    expect(src.cancelled()).toBeInstanceOf(KollenError);
  });

  it("an inspector's throw ends the body with that error and stops reading the source", async () => {
    const src = source([bytes(1), bytes(2), bytes(3)]);
    const refused = new KollenError("PACKAGE_NOT_TAR", "not a tar");
    const passed: number[] = [];
    const g = guardBody(src.stream, limits, {
      chunk: (b) => {
        if (b[0] === 2) throw refused;
      },
      end: () => {},
    });
    const reader = g.stream.getReader();
    passed.push((await reader.read()).value![0]!);
    await expect(reader.read()).rejects.toBe(refused);
    expect(passed).toEqual([1]);
    expect(src.cancelled()).toBe(refused);
    expect(g.failure()).toBeUndefined(); // not the guard's own: the caller answers with the inspector's code
    expect(g.sourceFailed()).toBe(false);
  });

  it("a throw at the end errors the body instead of closing it", async () => {
    const truncated = new KollenError("PACKAGE_TRUNCATED", "the package ends early");
    const g = guardBody(source([bytes(1)]).stream, limits, {
      chunk: () => {},
      end: () => {
        throw truncated;
      },
    });
    await expect(drain(g.stream)).rejects.toBe(truncated);
  });

  it("a body that does not end in time: BODY_TIMEOUT", async () => {
    const g = guardBody(source([bytes(1)], { hang: true }).stream, { maxBytes: 10, timeoutMs: 50 });
    await expect(drain(g.stream)).rejects.toMatchObject({ code: "BODY_TIMEOUT" });
    expect(g.failure()?.code).toBe("BODY_TIMEOUT");
  });
});
