/**
 * Inner-layer defects: a validly signed and encrypted package whose inner tar or inner statement
 * is wrong. `craft` assembles such packages from the same building blocks build.ts uses.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { encryptBytes } from "../../../client-kit/age/index.ts";
import { sha256Hex } from "../../../encoding/sha256.ts";
import { signGeneral } from "../../../client-kit/lib/jws.ts";
import { BLOCK, fileHeader, writeTar } from "../../../client-kit/lib/tar.ts";
import { manifestBinding } from "../../../client-kit/package/inner.ts";
import { openPackage } from "../../../client-kit/package/open.ts";
import { recipientKeyId } from "../../../client-kit/age/index.ts";
import { MODEL, ORG, RESULT, makeAuthority, makeSigner, outerTar, trustFor, type TestSigner } from "./fixtures.ts";

const enc = new TextEncoder();
let a: TestSigner;
let b: TestSigner;
let authority: Awaited<ReturnType<typeof makeAuthority>>;
beforeAll(async () => {
  a = await makeSigner();
  b = await makeSigner();
  authority = await makeAuthority();
});

interface CraftOptions {
  files?: Array<{ name: string; bytes: Uint8Array }>;
  /** the inner tar from the members (defaults to writeTar) */
  tar?: (members: Array<{ name: string; bytes: Uint8Array }>) => Uint8Array;
  statement?: (s: Record<string, unknown>) => void;
  innerSigners?: TestSigner[];
  outerSigners?: TestSigner[];
  packageId?: string;
}

async function craft(o: CraftOptions = {}): Promise<Uint8Array> {
  const files = o.files ?? [{ name: "result.json", bytes: RESULT }];
  const core = {
    format: "kollen-package/1" as const,
    packageId: crypto.randomUUID(),
    campaign: "2026-infosak",
    surveyModel: MODEL,
    organisation: ORG,
    covers: [],
    createdAt: new Date().toISOString(),
    recipients: [await recipientKeyId(authority.current.recipient)],
    kit: { name: "test", version: "0" },
  };
  const statement: Record<string, unknown> = {
    format: "kollen-inner/1",
    packageId: o.packageId ?? core.packageId,
    binding: await manifestBinding(core),
    files: await Promise.all(files.map(async (f) => ({ name: f.name, length: f.bytes.length, sha256: await sha256Hex(f.bytes) }))),
  };
  o.statement?.(statement);
  const jwk = (s: TestSigner[]) => s.map((x) => ({ kind: "jwk" as const, privateJwk: x.privateJwk }));
  const innerJws = await signGeneral(enc.encode(JSON.stringify(statement)), jwk(o.innerSigners ?? [a]), "kollen-inner+jws", false);
  // a `padding` member is required (FORMAT.md rule I5); its length is not checked (I7)
  const members = [...files, { name: "inner.jws", bytes: enc.encode(JSON.stringify(innerJws)) }, { name: "padding", bytes: new Uint8Array(0) }];
  const payload = await encryptBytes([authority.current.recipient], (o.tar ?? ((m) => writeTar(m, 0)))(members));
  const manifest = { ...core, payload: { name: "payload.age", length: payload.length, sha256: await sha256Hex(payload) } };
  const manifestBytes = enc.encode(JSON.stringify(manifest));
  const outer = await signGeneral(manifestBytes, jwk(o.outerSigners ?? [a]), "kollen-manifest+jws", true);
  return outerTar([
    { name: "manifest.json", bytes: manifestBytes },
    { name: "manifest.jws", bytes: enc.encode(`${JSON.stringify(outer)}\n`) },
    { name: "payload.age", bytes: payload },
  ]);
}

async function openCode(pkg: Uint8Array): Promise<string> {
  try {
    await openPackage(pkg, { identities: [authority.current.identity], trust: trustFor([a, b]), now: new Date() });
    return "opened";
  } catch (e) {
    return (e as { code: string }).code;
  }
}

/** A tar member header with a raw name and typeflag (links, traversal). */
function rawMember(name: string, type: string, linkname = ""): Uint8Array {
  const h = fileHeader("x", 0, 0);
  h.fill(0, 0, 100);
  h.set(enc.encode(name), 0);
  h[156] = type.charCodeAt(0);
  h.set(enc.encode(linkname), 157);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const x of h) sum += x;
  h.set(enc.encode(sum.toString(8).padStart(6, "0") + "\0 "), 148);
  return h;
}

function withExtra(extra: Uint8Array) {
  return (members: Array<{ name: string; bytes: Uint8Array }>) => {
    const base = writeTar(members, 0);
    const out = new Uint8Array(base.length + extra.length);
    out.set(base.subarray(0, base.length - 2 * BLOCK));
    out.set(extra, base.length - 2 * BLOCK);
    return out; // the end marker lands after `extra` (zero-filled)
  };
}

describe("inner tar", () => {
  it("a well-formed crafted package opens (the crafting itself is sound)", async () => {
    expect(await openCode(await craft())).toBe("opened");
  });
  it("../ paths are INNER_PATH_UNSAFE", async () => {
    expect(await openCode(await craft({ files: [{ name: "result.json", bytes: RESULT }, { name: "../evil", bytes: new Uint8Array(1) }] }))).toBe("INNER_PATH_UNSAFE");
    expect(await openCode(await craft({ files: [{ name: "result.json", bytes: RESULT }, { name: "attachments/../../x", bytes: new Uint8Array(1) }] }))).toBe(
      "INNER_PATH_UNSAFE",
    );
  });
  it("links are INNER_LINK_FORBIDDEN", async () => {
    expect(await openCode(await craft({ tar: withExtra(rawMember("attachments/l", "2", "/etc/passwd")) }))).toBe("INNER_LINK_FORBIDDEN");
    expect(await openCode(await craft({ tar: withExtra(rawMember("attachments/h", "1", "result.json")) }))).toBe("INNER_LINK_FORBIDDEN");
  });
  it("duplicate names are INNER_DUPLICATE_NAME", async () => {
    expect(await openCode(await craft({ files: [{ name: "result.json", bytes: RESULT }, { name: "result.json", bytes: RESULT }] }))).toBe("INNER_DUPLICATE_NAME");
  });
  it("a missing result.json is INNER_MEMBER_MISSING", async () => {
    expect(await openCode(await craft({ files: [{ name: "attachments/a.txt", bytes: RESULT }] }))).toBe("INNER_MEMBER_MISSING");
  });
});

describe("inner statement", () => {
  it("a statement for another package is INNER_BINDING_MISMATCH", async () => {
    expect(await openCode(await craft({ packageId: crypto.randomUUID() }))).toBe("INNER_BINDING_MISMATCH");
    expect(await openCode(await craft({ statement: (s) => (s.binding = "0".repeat(64)) }))).toBe("INNER_BINDING_MISMATCH");
  });
  it("a file that differs from its signed digest is INNER_DIGEST_MISMATCH", async () => {
    expect(
      await openCode(
        await craft({ statement: (s) => ((s.files as Array<{ sha256: string }>)[0]!.sha256 = "f".repeat(64)) }),
      ),
    ).toBe("INNER_DIGEST_MISMATCH");
  });
  it("inner signatures by other signers than the outer ones are INNER_SIGNERS_MISMATCH", async () => {
    expect(await openCode(await craft({ innerSigners: [b], outerSigners: [a] }))).toBe("INNER_SIGNERS_MISMATCH");
    expect(await openCode(await craft({ innerSigners: [a], outerSigners: [a, b] }))).toBe("INNER_SIGNERS_MISMATCH");
  });
});
