/** openForReview (the reviewer page's decrypt-and-verify) in Node: outcomes, failures, per-area view. */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { formatIdentityFile, generateX25519Identity } from "../../../client-kit/age/index.ts";
import { buildPackage } from "../../../client-kit/package/build.ts";
import { generateSignerKey, type GeneratedSignerKey } from "../../../keys/signer.ts";
import { loadSurveyModel } from "../../../schemas/survey-model.ts";
import { openForReview, type ReviewInput } from "../../../server/web/src/lib/open-for-review.ts";

const ORG = "2120009994";
const resultBytes = new Uint8Array(readFileSync("examples/result-infosakkollen.json"));
const modelBytes = new Uint8Array(readFileSync("schemas/models/infosakkollen-example.json"));
let signer: GeneratedSignerKey;
let authority: { identity: string; recipient: string };
let pkg: Uint8Array;

async function make(result: Uint8Array, organisation = ORG, key = signer) {
  const model = await loadSurveyModel(modelBytes);
  return buildPackage({
    result,
    attachments: [{ name: "plan.txt", bytes: new TextEncoder().encode("plan") }],
    organisation,
    campaign: "infosakkollen-2026",
    surveyModel: { id: model.model.id, sha256: model.sha256 },
    signers: [{ kind: "jwk", privateJwk: key.privateJwk }],
    recipients: [authority.recipient],
  });
}

beforeAll(async () => {
  signer = await generateSignerKey(ORG);
  authority = await generateX25519Identity();
  pkg = await make(resultBytes);
});

function input(extra: Partial<ReviewInput> = {}): ReviewInput {
  return {
    packageBytes: pkg,
    identityText: formatIdentityFile(authority, new Date()),
    trustKeys: [JSON.stringify(signer.publicJwk)],
    fetchModel: async (id) => (id === "infosakkollen-example" ? modelBytes : undefined),
    now: new Date(),
    ...extra,
  };
}

describe("openForReview", () => {
  it("decrypts, verifies and groups the answers per arbetsområde", async () => {
    const v = await openForReview(input());
    if (!v.ok) throw new Error(v.code);
    expect(v.report.outcome).toBe("PASSED");
    expect(v.checks).toEqual([
      { what: "schema", ok: true },
      { what: "organisation", ok: true },
      { what: "model", ok: true },
    ]);
    expect(v.areas.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const result = JSON.parse(new TextDecoder().decode(resultBytes)) as { answers: Array<{ measures: string[] }> };
    expect(v.areas.reduce((n, a) => n + a.taken, 0)).toBe(result.answers.reduce((n, a) => n + a.measures.length, 0));
    expect(v.areas.every((a) => a.points <= a.maxPoints && a.taken <= a.measures)).toBe(true);
    expect(v.attachments.map((a) => a.name)).toEqual(["plan.txt"]);
  });

  it("is INDETERMINATE without the signer's key, and checks the recipients against a keyring", async () => {
    const v = await openForReview(input({ trustKeys: [], keyring: { recipients: [] } }));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v).toMatchObject({ stage: "outer", code: "RECIPIENT_NOT_IN_KEYRING" });
    const w = await openForReview(input({ trustKeys: [] }));
    expect(w.ok && w.report.outcome).toBe("INDETERMINATE");
  });

  it("names the stage and the code of each failure", async () => {
    const other = await generateX25519Identity();
    expect(await openForReview(input({ identityText: formatIdentityFile(other, new Date()) }))).toEqual({ ok: false, stage: "open", code: "DECRYPTION_FAILED" });
    expect(await openForReview(input({ identityText: "# nothing\n" }))).toEqual({ ok: false, stage: "identity", code: "AGE_IDENTITY_INVALID" });
    const flipped = Uint8Array.from(pkg);
    flipped[flipped.length - 2048] ^= 1;
    expect(await openForReview(input({ packageBytes: flipped }))).toMatchObject({ ok: false, stage: "outer", code: "PAYLOAD_DIGEST_MISMATCH", report: { outcome: "FAILED" } });
    expect(await openForReview(input({ packageBytes: new Uint8Array(100) }))).toMatchObject({ ok: false, stage: "open" });
  });

  it("shows an It-säkkollen result as ratings per area with their average", async () => {
    const itModel = new Uint8Array(readFileSync("schemas/models/itsakkollen-example.json"));
    const loaded = await loadSurveyModel(itModel);
    const itResult = new Uint8Array(readFileSync("examples/result-itsakkollen.json"));
    const itPkg = await buildPackage({
      result: itResult,
      organisation: ORG,
      campaign: "itsakkollen-2026",
      surveyModel: { id: loaded.model.id, sha256: loaded.sha256 },
      signers: [{ kind: "jwk", privateJwk: signer.privateJwk }],
      recipients: [authority.recipient],
    });
    const v = await openForReview(input({ packageBytes: itPkg, fetchModel: async (id) => (id === "itsakkollen-example" ? itModel : undefined) }));
    if (!v.ok) throw new Error(v.code);
    expect(v.model?.kind).toBe("itsakkollen");
    const statements = v.areas.flatMap((a) => a.statements);
    expect(statements).toHaveLength(41);
    expect(statements.every((s) => s.rating >= 1 && s.rating <= 4 && s.label !== undefined)).toBe(true);
    for (const a of v.areas.filter((x) => x.statements.length))
      expect(a.average).toBeCloseTo(a.statements.reduce((n, s) => n + s.rating, 0) / a.statements.length);
  });

  it("reports a result that does not fit its manifest or model", async () => {
    const r = JSON.parse(new TextDecoder().decode(resultBytes)) as { organisation: string; answers: unknown[] };
    const otherOrg = await generateSignerKey("2120000142");
    const mismatched = await make(new TextEncoder().encode(JSON.stringify(r)), "2120000142", otherOrg);
    const v = await openForReview(input({ packageBytes: mismatched, trustKeys: [JSON.stringify(otherOrg.publicJwk)] }));
    expect(v.ok && v.checks).toEqual([
      { what: "schema", ok: true },
      { what: "organisation", ok: false, code: "RESULT_INVALID" },
      { what: "model", ok: true },
    ]);
    const short = await make(new TextEncoder().encode(JSON.stringify({ ...r, answers: r.answers.slice(1) })));
    const w = await openForReview(input({ packageBytes: short }));
    expect(w.ok && w.checks.at(-1)).toEqual({ what: "model", ok: false, code: "RESULT_MODEL_MISMATCH" });
    expect(w.ok && w.areas).toEqual([]);
    const bad = await openForReview(input({ packageBytes: await make(new TextEncoder().encode('{"not":"a result"}')) }));
    expect(bad.ok && bad.checks).toEqual([{ what: "schema", ok: false, code: "RESULT_INVALID" }]);
    const noModel = await openForReview(input({ fetchModel: async () => undefined }));
    expect(noModel.ok && noModel.checks.at(-1)).toEqual({ what: "model", ok: false, code: "SURVEY_MODEL_INVALID" });
  });
});
