// The CCTV age test vectors (npm cctv-age, c2sp.org/CCTV/age): every binary X25519 and
// mlkem768x25519 (post-quantum hybrid, `hybrid*`) vector, checked on both backends. The `expect:` header names the outcome; on success and on payload
// failure the SHA-256 of everything released must match `payload:`.
import { createHash } from "node:crypto";
import { inflateSync } from "node:zlib";
import * as vectors from "cctv-age";
import { describe, expect, it } from "vitest";
import type { AgeBackend } from "../../../client-kit/age/backend.ts";
import { nodeBackend } from "../../../client-kit/age/backend.node.ts";
import { sodiumBackend } from "../../../client-kit/age/backend.sodium.ts";
import { decryptStream } from "../../../client-kit/age/decrypt.ts";
import { codeOf, drain, piecewise } from "./helpers.ts";

interface Vector {
  name: string;
  meta: Map<string, string[]>;
  file: Uint8Array;
}

function parseVector(name: string, raw: Uint8Array): Vector {
  let end = 0;
  while (!(raw[end] === 0x0a && raw[end + 1] === 0x0a)) end++;
  const meta = new Map<string, string[]>();
  for (const line of new TextDecoder().decode(raw.subarray(0, end)).split("\n")) {
    const i = line.indexOf(": ");
    const k = line.slice(0, i);
    meta.set(k, [...(meta.get(k) ?? []), line.slice(i + 2)]);
  }
  let file = raw.subarray(end + 2);
  if (meta.get("compressed")?.[0] === "zlib") file = new Uint8Array(inflateSync(file));
  return { name, meta, file };
}

const EXPECT_CODE: Record<string, string> = {
  "header failure": "AGE_HEADER_INVALID",
  "no match": "AGE_NO_MATCHING_IDENTITY",
  "HMAC failure": "AGE_HMAC_MISMATCH",
  "payload failure": "AGE_PAYLOAD_INVALID",
};

const all = Object.entries(vectors as Record<string, unknown>)
  .filter((e): e is [string, Uint8Array] => e[1] instanceof Uint8Array)
  .map(([n, raw]) => parseVector(n, raw));
const armored = all.filter((v) => v.meta.get("armored")?.[0] === "yes");
const scrypt = all.filter((v) => !armored.includes(v) && v.meta.has("passphrase"));
const selected = all.filter((v) => !armored.includes(v) && !scrypt.includes(v));
const hybrid = all.filter((v) => v.name.startsWith("hybrid"));

// A vector without identities (e.g. `empty`) must fail before any key matters; try an unrelated one.
const UNRELATED = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";

/** The vector's X25519 and hybrid identities, in the order it lists them. */
function identities(v: Vector): string[] {
  const ids = (v.meta.get("identity") ?? []).filter((id) => id.startsWith("AGE-SECRET-KEY-1") || id.startsWith("AGE-SECRET-KEY-PQ-1"));
  return ids.length > 0 ? ids : [UNRELATED];
}

describe("CCTV age vectors: selection", () => {
  it("runs a realistic number of vectors and excludes only armor and scrypt", () => {
    expect(all.length).toBeGreaterThanOrEqual(140);
    expect(selected.length).toBeGreaterThanOrEqual(83);
    // Every hybrid vector runs: none of them is armored or passphrase-protected.
    expect(hybrid.length).toBeGreaterThanOrEqual(18);
    expect(hybrid.every((v) => selected.includes(v))).toBe(true);
    expect(new Set(hybrid.map((v) => v.meta.get("expect")![0]))).toEqual(new Set(["success", "no match", "header failure"]));
    // Every expected outcome is represented.
    const kinds = new Set(selected.map((v) => v.meta.get("expect")![0]));
    expect([...kinds].sort()).toEqual(["HMAC failure", "header failure", "no match", "payload failure", "success"]);
    expect(selected.filter((v) => !v.meta.has("identity")).map((v) => v.name)).toEqual(["empty"]);
  });
});

const backends: AgeBackend[] = [sodiumBackend, nodeBackend];
for (const backend of backends) {
  describe(`CCTV age vectors (${backend.name} backend)`, () => {
    for (const v of selected) {
      const expectKind = v.meta.get("expect")![0]!;
      it(`${v.name}: ${expectKind}`, async () => {
        // Odd piece sizes for the node backend, one piece for sodium: both paths are covered.
        const pieces = backend.name === "node" ? [4099, 1, 70000] : [v.file.length || 1];
        const { bytes, error } = await drain(decryptStream(identities(v), piecewise(v.file, pieces), { backend }));
        if (expectKind === "success") {
          expect(codeOf(error)).toBe("none");
        } else {
          expect(codeOf(error)).toBe(EXPECT_CODE[expectKind]);
        }
        const payload = v.meta.get("payload")?.[0];
        if (payload !== undefined) expect(createHash("sha256").update(bytes).digest("hex")).toBe(payload);
        else expect(bytes.length).toBe(0);
      });
    }
  });
}
