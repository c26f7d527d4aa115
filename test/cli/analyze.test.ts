/**
 * `kollen demo-data` and `kollen analyze` end to end: the compiled binary on fixture files in a
 * temp dir — a folder of results, an analysts' export tar (index signed like the server's, packages
 * made with `kollen pack`), bad input, and the all-or-nothing output folder.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { CompactSign, exportJWK, generateKeyPair } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { writeTar } from "../../client-kit/lib/tar.ts";

const BIN = resolve("bin/kollen.mjs");
const MODEL = resolve("schemas/models/infosakkollen-example.json");
const EXAMPLE = resolve("examples/result-infosakkollen.json");
let dir: string;

function kollen(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const readJson = (p: string) => JSON.parse(readFileSync(join(dir, p), "utf8"));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kollen-analyze-"));
  expect(kollen("demo-data", "--model", MODEL, "--orgs", "40", "--seed", "3", "-o", "demo").code).toBe(0);
});

describe("kollen demo-data", () => {
  it("is reproducible: the same seed gives the same files", () => {
    expect(kollen("demo-data", "--model", MODEL, "--orgs", "40", "--seed", "3", "-o", "demo2").code).toBe(0);
    const files = readdirSync(join(dir, "demo", "results"));
    expect(files).toHaveLength(40);
    for (const f of files.slice(0, 5)) expect(readFileSync(join(dir, "demo2/results", f, "result.json"), "utf8")).toBe(readFileSync(join(dir, "demo/results", f, "result.json"), "utf8"));
    expect(readJson("demo/registry.json").organisations).toHaveLength(40);
  });
  it("usage errors exit 2", () => expect(kollen("demo-data", "--model", MODEL, "-o", "x").code).toBe(2));
});

describe("kollen analyze --results", () => {
  it("writes report.json, report-public.json, report.html and one feedback page per organisation", () => {
    const r = kollen("analyze", "--model", MODEL, "--results", "demo/results", "--registry", "demo/registry.json", "-o", "out");
    expect(r.err).toContain("analysed 40 organisation(s)");
    expect(r.code).toBe(0);
    const report = readJson("out/report.json");
    expect(report.format).toBe("kollen-report/1");
    expect(report.k).toBe(5);
    expect(report.model.id).toBe("infosakkollen-example");
    expect(report.organisations).toHaveLength(40);
    expect(report.groups.map((g: { group: string }) => g.group)).toEqual(["kommun", "region", "statlig myndighet", "företag", "övrig", "förvaltning", "alla"]);
    const pub = readJson("out/report-public.json");
    expect(pub.organisations).toBeUndefined();
    expect(JSON.stringify(pub)).not.toContain(report.organisations[0].organisation);
    expect(readdirSync(join(dir, "out/feedback"))).toHaveLength(40);
    const html = readFileSync(join(dir, "out/report.html"), "utf8");
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });
  it("refuses a non-empty OUTDIR (exit 1, nothing written)", () => {
    const r = kollen("analyze", "--model", MODEL, "--results", "demo/results", "-o", "out");
    expect(r.code).toBe(1);
    expect(r.err).toContain("[OUTPUT_NOT_EMPTY]");
  });
  it("an empty input is a clear error, exit 1, no OUTDIR", () => {
    mkdirSync(join(dir, "empty"));
    const r = kollen("analyze", "--model", MODEL, "--results", "empty", "-o", "out-empty");
    expect(r.code).toBe(1);
    expect(r.err).toContain("[ANALYSIS_NO_RESULTS]");
    expect(existsSync(join(dir, "out-empty"))).toBe(false);
  });
  it("an unknown measure id: RESULT_INVALID with the path, not the value; nothing written", () => {
    const bad = JSON.parse(readFileSync(EXAMPLE, "utf8"));
    bad.answers[2].measures.push("hemlig-atgard");
    mkdirSync(join(dir, "bad/a"), { recursive: true });
    writeFileSync(join(dir, "bad/a/result.json"), JSON.stringify(bad));
    const r = kollen("analyze", "--model", MODEL, "--results", "bad", "-o", "out-bad");
    expect(r.code).toBe(1);
    expect(r.err).toContain("[RESULT_INVALID] a/result.json: answers[2].measures[2]");
    expect(r.err).not.toContain("hemlig-atgard");
    expect(existsSync(join(dir, "out-bad"))).toBe(false);
  });
  it("a result for another model is left out and listed; duplicates: the later one wins", () => {
    const good = JSON.parse(readFileSync(EXAMPLE, "utf8"));
    mkdirSync(join(dir, "mixed/1"), { recursive: true });
    mkdirSync(join(dir, "mixed/2"), { recursive: true });
    mkdirSync(join(dir, "mixed/3"), { recursive: true });
    writeFileSync(join(dir, "mixed/1/result.json"), JSON.stringify({ ...good, answers: good.answers.map((a: { question: string }) => ({ ...a, measures: [] })) }));
    writeFileSync(join(dir, "mixed/2/result.json"), JSON.stringify(good));
    writeFileSync(join(dir, "mixed/3/result.json"), JSON.stringify({ ...good, organisation: "2321000016", model: { ...good.model, sha256: "0".repeat(64) } }));
    const r = kollen("analyze", "--model", MODEL, "--results", "mixed", "--k", "1", "-o", "out-mixed");
    expect(r.code).toBe(0);
    const report = readJson("out-mixed/report.json");
    expect(report.organisations.map((o: { source: string }) => o.source)).toEqual(["2/result.json"]);
    expect(report.excluded.map((e: { source: string; code: string }) => [e.source, e.code])).toEqual([
      ["1/result.json", "RESULT_SUPERSEDED"],
      ["3/result.json", "SURVEY_MODEL_MISMATCH"],
    ]);
  });
  it("with verification.json beside result.json (as kollen open writes it), the later createdAt wins over path order", () => {
    const good = JSON.parse(readFileSync(EXAMPLE, "utf8"));
    const put = (name: string, result: unknown, createdAt: string) => {
      mkdirSync(join(dir, "opened", name), { recursive: true });
      writeFileSync(join(dir, "opened", name, "result.json"), JSON.stringify(result));
      writeFileSync(join(dir, "opened", name, "verification.json"), JSON.stringify({ outcome: "PASSED", manifest: { createdAt, covers: [] } }));
    };
    put("a-newer", good, "2026-05-02T10:00:00Z");
    put("b-older", { ...good, answers: [] }, "2026-05-01T10:00:00Z");
    const r = kollen("analyze", "--model", MODEL, "--results", "opened", "--k", "1", "-o", "out-opened");
    expect(r.code).toBe(0);
    const report = readJson("out-opened/report.json");
    expect(report.organisations.map((o: { source: string }) => o.source)).toEqual(["a-newer/result.json"]);
    expect(report.excluded.map((e: { source: string; code: string }) => [e.source, e.code])).toEqual([["b-older/result.json", "RESULT_SUPERSEDED"]]);
  });
  it("--previous gives the change between rounds", () => {
    const r = kollen("analyze", "--model", MODEL, "--results", "demo/results", "--previous", "demo2/results", "--k", "3", "-o", "out-change");
    expect(r.code).toBe(0);
    const change = readJson("out-change/report.json").change;
    expect(change).toMatchObject({ inBoth: 40, onlyPrevious: 0, onlyCurrent: 0 });
    expect(change.total.changePercent).toBe(0);
  });
});

describe("kollen analyze --in (the analysts' export)", () => {
  it("verifies the index and each package; one that does not verify is left out with its code", async () => {
    const recipient = kollen("keygen", "recipient", "-o", "authority.agekey").out.trim();
    const good = JSON.parse(readFileSync(EXAMPLE, "utf8"));
    const other = { ...good, organisation: "2321000016" };
    writeFileSync(join(dir, "other-result.json"), JSON.stringify(other));
    expect(kollen("keygen", "signer", "--org", good.organisation, "-o", "ciso.jwk").code).toBe(0);
    expect(kollen("keygen", "signer", "--org", "2321000016", "-o", "stranger.jwk").code).toBe(0);
    const pack = (result: string, org: string, signer: string, out: string) =>
      kollen("pack", "--org", org, "--campaign", "infosakkollen-2026", "--result", result, "--signer", signer, "--recipient", recipient, "-o", out);
    expect(pack(EXAMPLE, good.organisation, "ciso.jwk", "a.kollen").code).toBe(0);
    expect(pack("other-result.json", "2321000016", "stranger.jwk", "b.kollen").code).toBe(0);

    const pkgs = [
      { id: "sub-a", organisation: good.organisation, bytes: readFileSync(join(dir, "a.kollen")) },
      { id: "sub-b", organisation: "2321000016", bytes: readFileSync(join(dir, "b.kollen")) },
    ];
    const index = {
      format: "kollen-export/1",
      authority: "Test",
      issuer: "http://127.0.0.1",
      campaign: "infosakkollen-2026",
      exportedAt: "2026-06-01T00:00:00.000Z",
      submissions: pkgs.map((p) => ({ id: p.id, organisation: p.organisation, covers: [], via: "upload", packageSha256: createHash("sha256").update(p.bytes).digest("hex"), size: p.bytes.length, file: `packages/${p.id}.kollen`, decision: "approved", decidedBy: 2 })),
    };
    const indexBytes = new TextEncoder().encode(JSON.stringify(index, null, 2) + "\n");
    const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const jws = await new CompactSign(indexBytes).setProtectedHeader({ alg: "EdDSA", kid: "k1", typ: "kollen-export+json" }).sign(privateKey);
    writeFileSync(join(dir, "jwks.json"), JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: "k1" }] }));
    const tar = (idx: Uint8Array) =>
      writeTar([{ name: "index.json", bytes: idx }, { name: "index.jws", bytes: new TextEncoder().encode(jws + "\n") }, ...pkgs.map((p) => ({ name: `packages/${p.id}.kollen`, bytes: new Uint8Array(p.bytes) }))], 0);
    writeFileSync(join(dir, "export.tar"), tar(indexBytes));

    // only the municipality's signer is trusted: the region's package is INDETERMINATE → left out
    const r = kollen("analyze", "--model", MODEL, "--in", "export.tar", "-i", "authority.agekey", "--server-key", "jwks.json", "--trust", "ciso.jwk.pub", "--k", "1", "-o", "out-in");
    expect(r.err).toContain("analysed 1 organisation(s), 1 left out");
    expect(r.code).toBe(0);
    const report = readJson("out-in/report.json");
    expect(report.organisations.map((o: { organisation: string }) => o.organisation)).toEqual([good.organisation]);
    expect(report.excluded).toEqual([{ source: "packages/sub-b.kollen", organisation: "2321000016", code: "SIGNER_UNKNOWN", reason: expect.any(String) }]);

    // without --trust no package verifies: a clear error naming the fix
    const u = kollen("analyze", "--model", MODEL, "--in", "export.tar", "-i", "authority.agekey", "--server-key", "jwks.json", "-o", "out-untrusted");
    expect(u.code).toBe(1);
    expect(u.err).toContain("[ANALYSIS_NO_RESULTS]");
    expect(u.err).toContain("--trust");
    expect(existsSync(join(dir, "out-untrusted"))).toBe(false);

    // a changed index no longer verifies: nothing is written
    const tampered = new TextEncoder().encode(JSON.stringify({ ...index, campaign: "other" }, null, 2) + "\n");
    writeFileSync(join(dir, "tampered.tar"), tar(tampered));
    const t = kollen("analyze", "--model", MODEL, "--in", "tampered.tar", "-i", "authority.agekey", "--server-key", "jwks.json", "-o", "out-tampered");
    expect(t.code).toBe(1);
    expect(t.err).toContain("[SIGNATURE_INVALID]");
    expect(existsSync(join(dir, "out-tampered"))).toBe(false);
  });
});

describe("kollen admin registry export", () => {
  it("writes the server's registry in the form --registry reads", async () => {
    expect(kollen("admin", "init", "--data", "data").code).toBe(0);
    expect(kollen("admin", "org", "add", "--data", "data", "--org", "2120000142", "--name", "Testkommun", "--covers", "2120000050").code).toBe(0);
    expect(kollen("admin", "org", "add", "--data", "data", "--org", "2321000016", "--name", "Testregion").code).toBe(0);
    const r = kollen("admin", "registry", "export", "--data", "data", "-o", "registry.json");
    expect(r.code).toBe(0);
    const { parseRegistry } = await import("../../analysis/registry.ts");
    expect(parseRegistry(readJson("registry.json"))).toEqual({
      format: "kollen-registry/1",
      organisations: [
        { organisation: "2120000142", name: "Testkommun", group: "kommun", covers: ["2120000050"] },
        { organisation: "2321000016", name: "Testregion", group: "region" },
      ],
      population: { kommun: 1, region: 1, "statlig myndighet": 0, företag: 0, övrig: 0 },
    });
    expect(kollen("admin", "registry", "export", "--data", "data", "-o", "registry.json").code).toBe(1); // never overwrites
  });
});
