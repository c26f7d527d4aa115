/**
 * Every refusal of a malformed or untrusted upload, in-process: each asserts its problem `code` (and status)
 * and that nothing stored changed — no row, no event, no blob (final or temporary).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash, randomBytes } from "node:crypto";
import { readTar } from "../../../client-kit/lib/tar.ts";
import { outerTar } from "../../client-kit/package/fixtures.ts";
import { signGeneral } from "../../../client-kit/lib/jws.ts";
import { revokeSigner } from "../../../server/registry/add-signer.ts";
import { addCampaign } from "../../../server/registry/add-campaign.ts";
import { harness, TARGET, makeSigner, problem, CAMPAIGN, MODEL, OTHER, T0, type Harness } from "../helpers.ts";

let h: Harness;
let pkg: Uint8Array;
let before: Awaited<ReturnType<Harness["snapshot"]>>;

beforeAll(async () => {
  h = await harness({ maxPackageBytes: 256 * 1024, bodyTimeoutMs: 400 }, TARGET);
  pkg = await h.pack();
  before = await h.snapshot();
});
afterAll(() => h.close());

/** Posts, and checks status, code, problem+json and that nothing was stored. */
async function refused(res: Response | Promise<Response>, code: string, status: number): Promise<{ reasons?: string[] }> {
  const r = await res;
  const p = await problem(r);
  expect({ status: r.status, code: p.code }).toEqual({ status, code });
  expect(p.status).toBe(status);
  expect(p.title_sv).toBeTruthy();
  expect(await h.snapshot()).toEqual(before);
  return p;
}

const members = (bytes: Uint8Array) => readTar(bytes, "PACKAGE_NOT_TAR").map((e) => ({ name: e.header.name, bytes: e.bytes }));

// On workerd three transport cases below are left to the platform: an in-process client cannot send a
// Content-Length it never honours, stall, or vanish mid-body through Miniflare's loopback proxy, and
// workerd owns hop-by-hop headers (`connection`). The 413 while streaming and the 415s run everywhere.
const inProcess = TARGET !== "workerd";
/** Not registered on workerd (rather than reported as skipped): those cases run on the Node target. */
const noTest = (..._args: Parameters<typeof it>) => undefined;

describe("transport", () => {
  (inProcess ? it : noTest)("413 from Content-Length before reading the body", async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull() {
          pulled = true;
        },
      },
      { highWaterMark: 0 },
    );
    await refused(h.post(body, { "content-length": String(10 * 1024 * 1024) }), "PACKAGE_TOO_LARGE", 413);
    expect(pulled).toBe(false);
  });

  it("413 while streaming when no length was declared", async () => {
    // a well-formed package, only too large: the scanner is happy until the limit cuts it off
    const big = await h.pack({ attachments: [{ name: "big.bin", bytes: crypto.getRandomValues(new Uint8Array(60_000)).map((b, i) => (i % 7 ? b : 0)) }].concat(Array.from({ length: 5 }, (_, i) => ({ name: `big${i}.bin`, bytes: crypto.getRandomValues(new Uint8Array(60_000)) }))) });
    expect(big.length).toBeGreaterThan(256 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < big.length; i += 16384) c.enqueue(big.slice(i, i + 16384));
        c.close();
      },
    });
    await refused(h.post(stream), "PACKAGE_TOO_LARGE", 413);
  });

  (inProcess ? it : noTest)("408 for a slow-loris body, and no temporary blob is left", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(pkg.slice(0, 1000));
      },
      pull() {
        return new Promise(() => {}); // never sends the rest
      },
    });
    const res = await h.post(stream);
    expect(res.headers.get("connection")).toBe("close");
    await refused(res, "BODY_TIMEOUT", 408);
  });

  (inProcess ? it : noTest)("400 PACKAGE_TRUNCATED when the client goes away mid-upload", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(pkg.slice(0, 1500));
      },
      pull(c) {
        c.error(new Error("socket hang up"));
      },
    });
    await refused(h.post(stream), "PACKAGE_TRUNCATED", 400);
  });

  it("415 for other content types, or none", async () => {
    for (const ct of ["text/plain", "application/json", "application/x-www-form-urlencoded", "image/png"]) {
      await refused(h.post(pkg, { "content-type": ct }), "UNSUPPORTED_MEDIA_TYPE", 415);
    }
    const res = await h.app.request("/api/v1/submissions", { method: "POST", body: pkg as Uint8Array<ArrayBuffer> });
    expect(res.status).toBe(415);
  });

  it("a form upload: multipart/form-data is not a package format", async () => {
    const form = new FormData();
    form.append("package", new Blob([pkg as Uint8Array<ArrayBuffer>]), "result.kollen");
    const req = new Request("http://x/", { method: "POST", body: form });
    const init = { method: "POST", body: req.body, headers: { "content-type": req.headers.get("content-type")! }, duplex: "half" } as RequestInit;
    await refused(h.app.request("/api/v1/submissions", init), "UNSUPPORTED_MEDIA_TYPE", 415);
  });
});

describe("package structure", () => {
  it("garbage and empty bodies are not packages", async () => {
    await refused(h.post(new TextEncoder().encode("GET / HTTP/1.1\r\n".repeat(100))), "PACKAGE_NOT_TAR", 400);
    await refused(h.post(crypto.getRandomValues(new Uint8Array(4096))), "PACKAGE_NOT_TAR", 400);
    await refused(h.post(new Uint8Array(0)), "PACKAGE_NOT_TAR", 400);
  });

  it("truncated packages", async () => {
    for (const cut of [700, 1024, pkg.length - 1024, pkg.length - 1]) await refused(h.post(pkg.slice(0, cut)), "PACKAGE_TRUNCATED", 400);
  });

  it("reordered, missing, extra and non-regular members", async () => {
    const [a, b, c] = members(pkg);
    await refused(h.post(outerTar([b!, a!, c!])), "PACKAGE_MEMBER_ORDER", 400);
    await refused(h.post(outerTar([a!, b!])), "PACKAGE_MEMBER_MISSING", 400);
    await refused(h.post(outerTar([a!, b!, c!, { name: "extra.txt", bytes: new Uint8Array(3) }])), "PACKAGE_MEMBER_EXTRA", 400);
    const trailing = new Uint8Array(pkg.length + 1);
    trailing.set(pkg);
    trailing[pkg.length] = 1;
    await refused(h.post(trailing), "PACKAGE_MEMBER_EXTRA", 400);
    const link = pkg.slice();
    link[156] = 0x32;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : link[i]!;
    link.set(new TextEncoder().encode(sum.toString(8).padStart(6, "0") + "\0 "), 148);
    await refused(h.post(link), "PACKAGE_MEMBER_TYPE", 400);
  });

  it("a manifest that is not the signed bytes", async () => {
    const [a, b, c] = members(pkg);
    const original = new TextDecoder().decode(a!.bytes);
    const text = original.replace(/"campaign":\s*"[^"]*"/, `"campaign":"other-campaign"`);
    expect(text).not.toBe(original);
    await refused(h.post(outerTar([{ name: a!.name, bytes: new TextEncoder().encode(text) }, b!, c!])), "SIGNATURE_INVALID", 422);
  });

  it("a broken signature container", async () => {
    const [a, , c] = members(pkg);
    await refused(h.post(outerTar([a!, { name: "manifest.jws", bytes: new TextEncoder().encode("{}") }, c!])), "SIGNATURE_MISSING", 422);
  });

  it("a payload whose digest or length differs from the manifest", async () => {
    const [a, b, c] = members(pkg);
    const flipped = c!.bytes.slice();
    flipped[flipped.length - 5]! ^= 1;
    await refused(h.post(outerTar([a!, b!, { name: c!.name, bytes: flipped }])), "PAYLOAD_DIGEST_MISMATCH", 422);
    const longer = new Uint8Array(c!.bytes.length + 16);
    longer.set(c!.bytes);
    await refused(h.post(outerTar([a!, b!, { name: c!.name, bytes: longer }])), "PAYLOAD_LENGTH_MISMATCH", 422);
  });

  it("a package from another package's payload under this manifest", async () => {
    const other = members(await h.pack());
    const [a, b] = members(pkg);
    await refused(h.post(outerTar([a!, b!, other[2]!])), "PAYLOAD_DIGEST_MISMATCH", 422);
  });
});

/** Re-signs an edited manifest over another payload with ORG's trusted key: what a trusted but careless or hostile signer could send. */
async function forge(payload: Uint8Array, edit: (m: Record<string, unknown>) => void = () => {}, jwk?: Record<string, unknown>): Promise<Uint8Array> {
  const [a] = members(await h.pack());
  const manifest = JSON.parse(new TextDecoder().decode(a!.bytes)) as Record<string, unknown>;
  manifest.payload = { name: "payload.age", length: payload.length, sha256: createHash("sha256").update(payload).digest("hex") };
  edit(manifest);
  const bytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  const jws = await signGeneral(bytes, [{ kind: "jwk", privateJwk: h.signers["2120000142"]!.privateJwk }], "kollen-manifest+jws", true);
  if (jwk) {
    // a protected header whose jwk carries more than the public key, signed as such
    const { CompactSign } = await import("jose");
    const { importJWK } = await import("jose");
    const key = await importJWK(h.signers["2120000142"]!.privateJwk, "EdDSA");
    const header = JSON.parse(Buffer.from(jws.signatures[0]!.protected, "base64url").toString()) as Record<string, unknown>;
    const compact = await new CompactSign(bytes).setProtectedHeader({ ...header, jwk: { ...(header.jwk as object), ...jwk } } as never).sign(key);
    const [p, , sig] = compact.split(".");
    jws.signatures = [{ signature: sig!, protected: p! }];
  }
  return outerTar([{ name: "manifest.json", bytes }, { name: "manifest.jws", bytes: new TextEncoder().encode(`${JSON.stringify(jws)}\n`) }, { name: "payload.age", bytes: payload }]);
}

describe("what a trusted signer signs is still checked (issue 10)", () => {
  it("a signed payload that is not age: random bytes, another stanza type, a stanza count unlike the manifest's, a cut chunk (PAYLOAD_NOT_AGE)", async () => {
    await refused(h.post(await forge(new Uint8Array(randomBytes(100_000)))), "PAYLOAD_NOT_AGE", 422);
    const age = members(pkg)[2]!.bytes;
    const text = Buffer.from(age).toString("latin1");
    const headerEnd = text.indexOf("\n", text.indexOf("\n--- ") + 1) + 1;
    const renamed = Buffer.from(text.replace("-> X25519 ", "-> Y25519 "), "latin1");
    await refused(h.post(await forge(new Uint8Array(renamed))), "PAYLOAD_NOT_AGE", 422);
    await refused(h.post(await forge(age, (m) => void (m.recipients = [...(m.recipients as string[]), (m.recipients as string[])[0]!.replace(/^./, (c) => (c === "0" ? "1" : "0"))]))), "PAYLOAD_NOT_AGE", 422);
    await refused(h.post(await forge(age.slice(0, headerEnd + 16 + 5))), "PAYLOAD_NOT_AGE", 422);
    await refused(h.post(await forge(new TextEncoder().encode("age-encryption.org/v1\n"))), "PAYLOAD_NOT_AGE", 422);
  });

  it("a protected header whose jwk carries the private key (d) is refused, so it is never stored or shown", async () => {
    const d = h.signers["2120000142"]!.privateJwk.d!;
    await refused(h.post(await forge(members(pkg)[2]!.bytes, () => {}, { d })), "SIGNATURE_INVALID", 422);
  });

  it("framing other than the one byte form is PACKAGE_NOT_CANONICAL (FORMAT.md O8, S11)", async () => {
    const [a, b, c] = members(pkg);
    const { writeTar } = await import("../../../client-kit/lib/tar.ts");
    await refused(h.post(writeTar([a!, b!, c!], 1)), "PACKAGE_NOT_CANONICAL", 400);
    await refused(h.post(outerTar([a!, { name: b!.name, bytes: new TextEncoder().encode(`${new TextDecoder().decode(b!.bytes).trimEnd()}  \n`) }, c!])), "PACKAGE_NOT_CANONICAL", 400);
  });

  it("a tar checksum error is PACKAGE_NOT_TAR, first header or later (FORMAT.md T2)", async () => {
    for (const at of [148, 1024 + 148, pkg.length - 1024 - 512 * Math.ceil(members(pkg)[2]!.bytes.length / 512) - 512 + 148]) {
      const broken = pkg.slice();
      broken[at] = broken[at] === 0x37 ? 0x36 : 0x37;
      await refused(h.post(broken), "PACKAGE_NOT_TAR", 400);
    }
  });

});

describe("trust and registry", () => {
  it("an unknown signer", async () => {
    const p = await refused(h.post(await h.pack({ signer: await makeSigner() })), "SIGNER_UNKNOWN", 422);
    expect(p.reasons).toEqual(["SIGNER_UNKNOWN"]);
  });

  it("a signer registered for another organisation", async () => {
    await refused(h.post(await h.pack({ signer: h.signers[OTHER]! })), "SIGNER_WRONG_ORGANISATION", 422);
  });

  it("a trusted signer with an unknown countersigner is not enough", async () => {
    const p = await refused(h.post(await h.pack({ signer: [h.signers["2120000142"]!, await makeSigner()] })), "SIGNER_UNKNOWN", 422);
    expect(p.reasons).toContain("SIGNER_UNKNOWN");
  });

  it("a package sealed to a retired key, or to a key not in the keyring", async () => {
    await refused(h.post(await h.pack({ recipients: [h.retired.recipient] })), "RECIPIENT_RETIRED", 422);
    const { generateX25519Identity } = await import("../../../client-kit/age/index.ts");
    const stranger = await generateX25519Identity();
    await refused(h.post(await h.pack({ recipients: [h.current.recipient, stranger.recipient] })), "RECIPIENT_NOT_IN_KEYRING", 422);
  });

  it("an unknown campaign, another survey model", async () => {
    await refused(h.post(await h.pack({ campaign: "no-such-campaign" })), "CAMPAIGN_UNKNOWN", 422);
    await refused(h.post(await h.pack({ surveyModel: { id: "itsakkollen-example", sha256: MODEL.sha256 } })), "SURVEY_MODEL_MISMATCH", 422);
  });

  it("a closed campaign, and one not yet open", async () => {
    const fresh = await h.pack();
    h.clock.t = new Date("2027-01-15T00:00:00Z");
    await refused(h.post(fresh), "CAMPAIGN_CLOSED", 422);
    h.clock.t = new Date("2025-12-15T00:00:00Z");
    await refused(h.post(await h.pack({ now: new Date("2025-12-14T00:00:00Z") })), "CAMPAIGN_NOT_OPEN", 422);
    h.clock.t = T0;
  });

  it("an organisation that covers others without being registered to", async () => {
    // covers are checked against the registry; a covered organisation the registry does not list is
    // accepted as unconfirmed (see dedup tests) — but covering oneself is a malformed claim
    // the kit's writer refuses to build such a package (FORMAT.md rule M4): forge one by re-signing an edited manifest
    const [a, , c] = members(await h.pack());
    const manifest = JSON.parse(new TextDecoder().decode(a!.bytes)) as { covers: string[] };
    manifest.covers = ["2120000142"];
    const bytes = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
    const jws = await signGeneral(bytes, [{ kind: "jwk", privateJwk: h.signers["2120000142"]!.privateJwk }], "kollen-manifest+jws", true);
    const forged = outerTar([{ name: "manifest.json", bytes }, { name: "manifest.jws", bytes: new TextEncoder().encode(`${JSON.stringify(jws)}\n`) }, c!]);
    await refused(h.post(forged), "MANIFEST_INVALID", 400);
  });

  it("a signer revoked before receipt (last: it changes the registry)", async () => {
    const fresh = await h.pack();
    await revokeSigner(h.deps.db, h.signers["2120000142"]!.kid, new Date(T0.getTime() - 86_400_000), T0);
    before = await h.snapshot();
    await refused(h.post(fresh), "SIGNER_REVOKED", 422);
    // and the campaign registry is untouched by refusals
    await addCampaign(h.deps.db, { id: CAMPAIGN, surveyModelId: MODEL.id }, T0);
  });
});

describe("errors never leak internals", () => {
  it("a failing database answers 500 INTERNAL with nothing about the cause", async () => {
    const broken = await harness();
    const logs: unknown[] = [];
    broken.deps.log = (e, f) => logs.push([e, f]);
    const { createApp } = await import("../../../server/app.ts");
    const failure = () => new Error("SQLITE_FULL: database or disk is full at /secret/path");
    const rejected = () => {
      const p = Promise.reject(failure());
      p.catch(() => {});
      return p;
    };
    // the batch fails outright; or it applies but its COMMIT fails (group commit)
    for (const db of [
      { ...broken.deps.db, stage: undefined, batch: async () => rejected() },
      { ...broken.deps.db, stage: () => ({ applied: Promise.resolve(), durable: rejected() }) },
    ]) {
      const app = createApp({ ...broken.deps, db });
      const res = await app.request("/api/v1/submissions", { method: "POST", body: (await broken.pack()) as Uint8Array<ArrayBuffer>, headers: { "content-type": "application/octet-stream" } });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text).code).toBe("INTERNAL");
      expect(text).not.toMatch(/SQLITE|secret|disk/);
      expect(JSON.stringify(logs)).not.toMatch(/SQLITE|secret/);
      // the blob renamed before the failed commit is removed again
      const snap = await broken.snapshot();
      expect(snap.blobs).toEqual([]);
      expect(snap.submissions).toBe(0);
    }
    broken.close();
  });
});
