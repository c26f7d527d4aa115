// The node backend's second core (lib/chunk-worker.node.ts): batches split with the worker give
// the same bytes as the main thread alone, and a bad chunk in the worker's share is caught in
// order, with only the chunks before it released.
import { describe, expect, it } from "vitest";
import { nodeBackend } from "../../../client-kit/age/backend.node.ts";
import { sodiumBackend } from "../../../client-kit/age/backend.sodium.ts";
import { decryptStream, encryptStream, generateX25519Identity } from "../../../client-kit/age/index.ts";
import { chunkWorkerJobs } from "../../../client-kit/age/lib/chunk-worker.node.ts";
import { codeOf, drain, piecewise, pseudoRandom, sameBytes } from "./helpers.ts";

const K = 64 * 1024;
const CT = K + 16;
const MIB = 1 << 20;

async function workerReady(): Promise<void> {
  // The worker starts on the first batch and is used once it has signalled readiness.
  const pair = await generateX25519Identity();
  const before = chunkWorkerJobs();
  for (let i = 0; i < 200 && chunkWorkerJobs() === before; i++) {
    await drain(encryptStream([pair.recipient], piecewise(new Uint8Array(2 * MIB), [MIB]), { backend: nodeBackend }));
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(chunkWorkerJobs()).toBeGreaterThan(before);
}

describe("node backend with a worker thread", () => {
  it("encrypts and decrypts in shared batches, byte-identical to libsodium's view", async () => {
    await workerReady();
    const pair = await generateX25519Identity();
    const plain = pseudoRandom(5 * MIB + 321, 77);
    const ct = await drain(encryptStream([pair.recipient], piecewise(plain, [MIB]), { backend: nodeBackend }));
    const viaSodium = await drain(decryptStream([pair.identity], piecewise(ct.bytes, [MIB]), { backend: sodiumBackend }));
    expect(sameBytes(viaSodium.bytes, plain)).toBe(true);
    const viaNode = await drain(decryptStream([pair.identity], piecewise(ct.bytes, [MIB]), { backend: nodeBackend }));
    expect(sameBytes(viaNode.bytes, plain)).toBe(true);
  });

  it("a tampered chunk in the worker's share fails in order", async () => {
    await workerReady();
    const pair = await generateX25519Identity();
    const plain = pseudoRandom(20 * K + 9, 5);
    const ct = (await drain(encryptStream([pair.recipient], piecewise(plain), { backend: sodiumBackend }))).bytes;
    // Which thread opens the bad chunk depends on timing (work stealing); both must fail in order.
    const header = ct.length - (16 + 21 * 16 + plain.length);
    for (const bad of [1, 9, 14]) {
      const x = ct.slice();
      x[header + 16 + bad * CT + 100]! ^= 1;
      // One piece: a single batch of 20 chunks, the later half in the worker.
      const r = await drain(decryptStream([pair.identity], piecewise(x), { backend: nodeBackend }));
      expect(codeOf(r.error)).toBe("AGE_PAYLOAD_INVALID");
      expect(r.bytes.length).toBe(bad * K);
      expect(sameBytes(r.bytes, plain.subarray(0, bad * K))).toBe(true);
    }
  });

  it("keeps memory flat on a long stream: each chunk's fresh buffer is collected within a MiB or so", async () => {
    const pair = await generateX25519Identity();
    const piece = pseudoRandom(MIB, 5);
    let left = 64;
    const source = new ReadableStream<Uint8Array>({ pull: (c) => (left-- > 0 ? c.enqueue(piece) : c.close()) }, { highWaterMark: 0 });
    const reader = encryptStream([pair.recipient], source, { backend: nodeBackend }).getReader({ mode: "byob" });
    const base = process.memoryUsage().arrayBuffers;
    let peak = 0;
    let buf = new Uint8Array(2 * MIB);
    for (;;) {
      const r = await reader.read(buf);
      if (r.done) break;
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
      buf = new Uint8Array(r.value.buffer);
    }
    // without the collections V8 lets ~64 MiB of dead chunk buffers pile up
    expect(peak).toBeLessThan(16 * MIB);
  });
});
