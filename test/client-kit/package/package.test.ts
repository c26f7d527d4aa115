import { beforeAll, describe, expect, it } from "vitest";
import { base64url } from "jose";
import { scanPackageBytes } from "../../../client-kit/package/scan.ts";
import { verifyOuter } from "../../../client-kit/package/verify-outer.ts";
import { openPackage } from "../../../client-kit/package/open.ts";
import { readTar } from "../../../client-kit/lib/tar.ts";
import { paddedLength } from "../../../client-kit/package/inner.ts";
import { decryptBytes } from "../../../client-kit/age/index.ts";
import { ORG, OTHER_ORG, RESULT, makeAuthority, makePackage, makeSigner, outerTar, trustFor, type TestSigner } from "./fixtures.ts";

let preparer: TestSigner;
let management: TestSigner;
let authority: Awaited<ReturnType<typeof makeAuthority>>;
let pkg: Uint8Array;
const now = new Date();

beforeAll(async () => {
  preparer = await makeSigner();
  management = await makeSigner();
  authority = await makeAuthority();
  pkg = await makePackage([preparer, management], [authority.current.recipient]);
});

const members = (bytes: Uint8Array) => readTar(bytes, "PACKAGE_NOT_TAR").map((e) => ({ name: e.header.name, bytes: e.bytes }));

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  return "no error";
}

describe("build → verify → open", () => {
  it("PASSES with both signers trusted, and opens to the exact result bytes", async () => {
    const scanned = await scanPackageBytes(pkg);
    const report = await verifyOuter(scanned, { trust: trustFor([preparer, management]), keyring: authority.keyring, now });
    expect(report.outcome).toBe("PASSED");
    expect(report.signers).toHaveLength(2);
    expect(report.manifest?.organisation).toBe(ORG);
    const opened = await openPackage(pkg, { identities: [authority.current.identity], trust: trustFor([preparer, management]), keyring: authority.keyring, now });
    expect(opened.result).toEqual(RESULT);
  });

  it("holds exactly manifest.json, manifest.jws, payload.age, and no plaintext in the clear", async () => {
    expect(members(pkg).map((m) => m.name)).toEqual(["manifest.json", "manifest.jws", "payload.age"]);
    const text = new TextDecoder("latin1").decode(pkg);
    expect(text).not.toContain("KANARIEF");
    expect(text).not.toContain("canary");
  });

  it("pads the inner tar with Padmé so small results all look alike", async () => {
    const plain = await decryptBytes([authority.current.identity], members(pkg)[2]!.bytes);
    expect(plain.length).toBe(64 * 1024);
    expect(paddedLength(100)).toBe(65536);
    expect(paddedLength(1_000_000)).toBeGreaterThanOrEqual(1_000_000);
    expect(paddedLength(1_000_000)).toBeLessThan(1_120_000);
    expect(paddedLength(1_000_000) % 512).toBe(0);
  });

  it("carries attachments through and checks their names", async () => {
    const p = await makePackage([preparer], [authority.current.recipient], { attachments: [{ name: "bilaga.pdf", bytes: new Uint8Array([1, 2, 3]) }] });
    const opened = await openPackage(p, { identities: [authority.current.identity], trust: trustFor([preparer]), now });
    expect(opened.attachments).toEqual([{ name: "bilaga.pdf", bytes: new Uint8Array([1, 2, 3]) }]);
    expect(await codeOf(makePackage([preparer], [authority.current.recipient], { attachments: [{ name: "../x", bytes: new Uint8Array(1) }] }))).toBe("BAD_INPUT");
    // names Windows cannot hold as written (FORMAT.md rules I4, I12): never written
    for (const names of [["CON"], ["aux.txt"], ["Lpt9.pdf"], ["report."], ["A.txt", "a.txt"]])
      expect(await codeOf(makePackage([preparer], [authority.current.recipient], { attachments: names.map((name) => ({ name, bytes: new Uint8Array(1) })) })), names.join()).toBe("BAD_INPUT");
    // names that only look alike are fine
    expect(await codeOf(makePackage([preparer], [authority.current.recipient], { attachments: [{ name: "console.txt", bytes: new Uint8Array(1) }, { name: "com10.txt", bytes: new Uint8Array(1) }] }))).toBe("no error");
  });
});

describe("outcomes and reasons", () => {
  it("an unknown countersigner is INDETERMINATE (SIGNER_UNKNOWN)", async () => {
    const report = await verifyOuter(await scanPackageBytes(pkg), { trust: trustFor([preparer]), keyring: authority.keyring, now });
    expect(report.outcome).toBe("INDETERMINATE");
    expect(report.reasons.map((r) => r.code)).toEqual(["SIGNER_UNKNOWN"]);
  });

  it("a signer registered for another organisation FAILS", async () => {
    const report = await verifyOuter(await scanPackageBytes(pkg), { trust: trustFor([preparer, management], [OTHER_ORG]), now });
    expect(report.outcome).toBe("FAILED");
    expect(report.reasons.map((r) => r.code)).toContain("SIGNER_WRONG_ORGANISATION");
  });

  it("a signer revoked before receipt FAILS; one revoked in the future does not", async () => {
    const past = { ...preparer, revokedFrom: new Date(now.getTime() - 1000) };
    const report = await verifyOuter(await scanPackageBytes(pkg), { trust: trustFor([past, management]), now });
    expect(report.outcome).toBe("FAILED");
    expect(report.reasons.map((r) => r.code)).toContain("SIGNER_REVOKED");
    const future = { ...preparer, revokedFrom: new Date(now.getTime() + 86_400_000) };
    expect((await verifyOuter(await scanPackageBytes(pkg), { trust: trustFor([future, management]), now })).outcome).toBe("PASSED");
  });

  it("a package sealed to a retired key, or a key not in the keyring, FAILS", async () => {
    const toRetired = await makePackage([preparer], [authority.retired.recipient]);
    const r1 = await verifyOuter(await scanPackageBytes(toRetired), { trust: trustFor([preparer]), keyring: authority.keyring, now });
    expect(r1.reasons.map((r) => r.code)).toEqual(["RECIPIENT_RETIRED"]);
    expect(r1.outcome).toBe("FAILED");
    const stranger = (await makeAuthority()).current.recipient;
    const r2 = await verifyOuter(await scanPackageBytes(await makePackage([preparer], [stranger])), { trust: trustFor([preparer]), keyring: authority.keyring, now });
    expect(r2.reasons.map((r) => r.code)).toEqual(["RECIPIENT_NOT_IN_KEYRING"]);
  });
});

describe("tampering", () => {
  function flip(bytes: Uint8Array, at: number): Uint8Array {
    const copy = bytes.slice();
    copy[at]! ^= 0x01;
    return copy;
  }

  it("a flipped byte in the manifest breaks the signatures", async () => {
    const bad = flip(pkg, 512 + 40);
    const report = await verifyOuter(await scanPackageBytes(bad), { trust: trustFor([preparer, management]), now });
    expect(report.outcome).toBe("FAILED");
    expect(report.reasons[0]!.code).toBe("SIGNATURE_INVALID");
    expect(report.manifest).toBeUndefined(); // not parsed before the signature check
  });

  it("a flipped byte in the payload is a digest mismatch", async () => {
    const bad = flip(pkg, pkg.length - 1024 - 600);
    const report = await verifyOuter(await scanPackageBytes(bad), { trust: trustFor([preparer, management]), now });
    expect(report.reasons.map((r) => r.code)).toEqual(["PAYLOAD_DIGEST_MISMATCH"]);
  });

  it("every single flipped byte is caught by structure, signature or digest", async () => {
    // step through the package; each flip must be rejected somewhere
    for (let at = 0; at < pkg.length; at += 997) {
      const bad = flip(pkg, at);
      let outcome = "thrown";
      try {
        outcome = (await verifyOuter(await scanPackageBytes(bad), { trust: trustFor([preparer, management]), keyring: authority.keyring, now })).outcome;
      } catch {
        /* structure error: rejected */
      }
      expect(outcome, `flip at ${at}`).not.toBe("PASSED");
    }
  });

  it("a manifest that is not the signed bytes is rejected", async () => {
    const m = members(pkg);
    const jws = JSON.parse(new TextDecoder().decode(m[1]!.bytes));
    jws.payload = base64url.encode(new TextEncoder().encode("{}"));
    const bad = outerTar([m[0]!, { name: "manifest.jws", bytes: new TextEncoder().encode(`${JSON.stringify(jws)}\n`) }, m[2]!]);
    const report = await verifyOuter(await scanPackageBytes(bad), { trust: trustFor([preparer, management]), now });
    expect(report.reasons.map((r) => r.code)).toEqual(["MANIFEST_NOT_SIGNED_BYTES"]);
  });

  it("a payload from another package under this manifest is a digest mismatch; open refuses it", async () => {
    const other = await makePackage([preparer, management], [authority.current.recipient]);
    const m = members(pkg);
    const swapped = outerTar([m[0]!, m[1]!, members(other)[2]!]);
    expect(await codeOf(openPackage(swapped, { identities: [authority.current.identity], trust: trustFor([preparer, management]), now }))).toMatch(
      /PAYLOAD_(DIGEST|LENGTH)_MISMATCH/,
    );
  });

  it("a wrong identity gives DECRYPTION_FAILED and nothing else", async () => {
    const wrong = (await makeAuthority()).current.identity;
    expect(await codeOf(openPackage(pkg, { identities: [wrong], trust: trustFor([preparer, management]), now }))).toBe("DECRYPTION_FAILED");
  });
});

describe("outer tar structure", () => {
  const scan = (b: Uint8Array) => codeOf(scanPackageBytes(b));

  it("rejects truncation at every boundary", async () => {
    expect(await scan(pkg.subarray(0, pkg.length - 1))).toBe("PACKAGE_TRUNCATED");
    expect(await scan(pkg.subarray(0, 700))).toBe("PACKAGE_TRUNCATED");
    expect(await scan(pkg.subarray(0, pkg.length - 1024))).toBe("PACKAGE_TRUNCATED");
    expect(await scan(new Uint8Array(0))).toBe("PACKAGE_NOT_TAR");
  });

  it("rejects reordered, missing and extra members", async () => {
    const [a, b, c] = members(pkg);
    expect(await scan(outerTar([b!, a!, c!]))).toBe("PACKAGE_MEMBER_ORDER");
    expect(await scan(outerTar([a!, b!]))).toBe("PACKAGE_MEMBER_MISSING");
    expect(await scan(outerTar([a!, b!, c!, { name: "extra.txt", bytes: new Uint8Array(3) }]))).toBe("PACKAGE_MEMBER_EXTRA");
    expect(await scan(outerTar([{ name: "evil", bytes: new Uint8Array(3) }, b!, c!]))).toBe("PACKAGE_MEMBER_EXTRA");
    const trailing = new Uint8Array(pkg.length + 1);
    trailing.set(pkg);
    expect(await scan(trailing)).toBe("PACKAGE_MEMBER_EXTRA");
  });

  it("rejects garbage and non-regular members", async () => {
    expect(await scan(new TextEncoder().encode("hello world, this is not a tar".repeat(30)))).toBe("PACKAGE_NOT_TAR");
    const link = pkg.slice();
    link[156] = 0x32; // symlink typeflag on manifest.json, checksum fixed below
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : link[i]!;
    link.set(new TextEncoder().encode(sum.toString(8).padStart(6, "0") + "\0 "), 148);
    expect(await scan(link)).toBe("PACKAGE_MEMBER_TYPE");
  });

  it("gives the same result whatever the chunking of the stream", async () => {
    const whole = await scanPackageBytes(pkg);
    const { createPackageScanner } = await import("../../../client-kit/package/scan.ts");
    for (const size of [7, 511, 512, 513, 4096]) {
      const { transform, result } = createPackageScanner();
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < pkg.length; i += size) chunks.push(pkg.subarray(i, i + size));
      const out: Uint8Array[] = [];
      await Promise.all([
        new ReadableStream({ pull(c) { const n = chunks.shift(); if (n) c.enqueue(n); else c.close(); } })
          .pipeThrough(transform)
          .pipeTo(new WritableStream({ write: (c) => void out.push(c) })),
        result,
      ]);
      expect(await result).toEqual(whole);
      expect(out.reduce((n, c) => n + c.length, 0)).toBe(pkg.length);
    }
  });
});

describe("the writer obeys the manifest rules (FORMAT.md M4)", () => {
  it("writes covers sorted and once, and refuses to cover the submitting organisation", async () => {
    const built = await makePackage([preparer], [authority.current.recipient], { covers: ["2321000016", "2021005489", "2321000016"] });
    const manifest = JSON.parse(new TextDecoder().decode(readTar(built, "PACKAGE_NOT_TAR")[0]!.bytes)) as { covers: string[]; packageId: string; createdAt: string };
    expect(manifest.covers).toEqual(["2021005489", "2321000016"]);
    expect(manifest.packageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(manifest.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    await expect(makePackage([preparer], [authority.current.recipient], { covers: [ORG] })).rejects.toMatchObject({ code: "BAD_INPUT" });
  });
});
