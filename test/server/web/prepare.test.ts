/** prepareSubmission (the portal's build-in-the-browser step) on bad and good inputs, in Node. */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { generateX25519Identity, recipientKeyId } from "../../../client-kit/age/index.ts";
import { buildPackage } from "../../../client-kit/package/build.ts";
import { openPackage } from "../../../client-kit/package/open.ts";
import { staticTrustStore } from "../../../client-kit/package/trust.ts";
import type { KeyringPayload } from "../../../keys/keyring.ts";
import { generateSignerKey, type GeneratedSignerKey } from "../../../keys/signer.ts";
import { isKollenError } from "../../../schemas/errors.ts";
import { prepareSubmission, safeAttachmentName, type PrepareInput } from "../../../server/web/src/lib/prepare.ts";

const ORG = "2120009994";
const resultBytes = new Uint8Array(readFileSync("examples/result-infosakkollen.json"));
const modelBytes = new Uint8Array(readFileSync("schemas/models/infosakkollen-example.json"));
let signer: GeneratedSignerKey;
let authority: { identity: string; recipient: string };
let keyring: KeyringPayload;

beforeAll(async () => {
  signer = await generateSignerKey(ORG);
  authority = await generateX25519Identity();
  const retired = await generateX25519Identity();
  keyring = {
    format: "kollen-keyring/1",
    authority: { name: "MCF", id: "mcf" },
    issuedAt: "2026-01-01T00:00:00Z",
    recipients: [
      { id: await recipientKeyId(authority.recipient), recipient: authority.recipient, status: "current" },
      { id: await recipientKeyId(retired.recipient), recipient: retired.recipient, status: "retired" },
    ],
  };
});

function input(extra: Partial<PrepareInput> = {}): PrepareInput {
  return {
    campaign: "",
    result: resultBytes,
    signerKeys: [JSON.stringify(signer.privateJwk)],
    attachments: [],
    covers: "",
    fetchModel: async (id) => (id === "infosakkollen-example" ? modelBytes : undefined),
    keyring,
    now: new Date("2026-03-01T10:00:00Z"),
    ...extra,
  };
}

async function code(p: Promise<unknown>): Promise<{ code: string; text?: unknown }> {
  try {
    await p;
  } catch (e) {
    if (isKollenError(e)) return { code: e.code, text: e.detail?.text };
    throw e;
  }
  throw new Error("expected a KollenError");
}

describe("prepareSubmission", () => {
  it("takes the campaign from result.json, seals to the current recipients only, and builds a package that opens", async () => {
    const p = await prepareSubmission(input({ attachments: [{ name: "Risk analys.pdf", bytes: new Uint8Array(3) }], covers: "212000-0142, 2120000142" }));
    expect(p.campaign).toBe("infosakkollen-2026");
    expect(p.organisation).toBe(ORG);
    expect(p.covers).toEqual(["2120000142"]);
    expect(p.signerKids).toEqual([signer.thumbprint]);
    expect(p.recipients.map((r) => r.recipient)).toEqual([authority.recipient]);
    expect(p.attachments).toEqual([{ name: "Risk_analys.pdf", originalName: "Risk analys.pdf", length: 3 }]);
    expect(p.model.id).toBe("infosakkollen-example");
    const pkg = await buildPackage(p.buildInput);
    const trust = staticTrustStore([{ kid: signer.thumbprint, publicJwk: signer.publicJwk, organisations: [ORG] }]);
    const opened = await openPackage(pkg, { identities: [authority.identity], trust, now: new Date() });
    expect(opened.report.outcome).toBe("PASSED");
    expect(opened.report.manifest.covers).toEqual(["2120000142"]);
  });

  it("refuses what would make a wrong package, each with its code", async () => {
    expect(await code(prepareSubmission(input({ campaign: "itsakkollen-2026" })))).toEqual({ code: "BAD_INPUT", text: "msgCampaignMismatch" });
    expect(await code(prepareSubmission(input({ campaign: "Not Valid" })))).toEqual({ code: "BAD_INPUT", text: "msgCampaignInvalid" });
    expect((await code(prepareSubmission(input({ result: new TextEncoder().encode("{") })))).code).toBe("RESULT_INVALID");
    expect((await code(prepareSubmission(input({ fetchModel: async () => undefined })))).code).toBe("RESULT_MODEL_MISMATCH");
    expect((await code(prepareSubmission(input({ model: new TextEncoder().encode("{}") })))).code).toBe("SURVEY_MODEL_INVALID");
    expect(await code(prepareSubmission(input({ signerKeys: [JSON.stringify(signer.publicJwk)] })))).toEqual({ code: "KEY_INVALID", text: "msgKeyIsPublic" });
    expect((await code(prepareSubmission(input({ signerKeys: ["not json"] })))).code).toBe("KEY_INVALID");
    expect((await code(prepareSubmission(input({ signerKeys: [] })))).code).toBe("KEY_INVALID");
    const other = await generateSignerKey("2120000142");
    expect((await code(prepareSubmission(input({ signerKeys: [JSON.stringify(other.privateJwk)] })))).code).toBe("SIGNER_WRONG_ORGANISATION");
    // the page submits for 212000-0142 with that organisation's key, but the result names 212000-9994:
    // the result file is at fault, not the key
    expect(await code(prepareSubmission(input({ organisation: "2120000142", signerKeys: [JSON.stringify(other.privateJwk)] })))).toEqual({ code: "RESULT_WRONG_ORGANISATION", text: "msgResultOrgMismatch" });
    expect(await code(prepareSubmission(input({ covers: "2120000143" })))).toEqual({ code: "ORGNR_CHECKSUM", text: "msgCoversInvalid" });
    expect(await code(prepareSubmission(input({ covers: ORG })))).toEqual({ code: "BAD_INPUT", text: "msgCoversSelf" });
    const retiredOnly = { ...keyring, recipients: keyring.recipients.filter((r) => r.status === "retired") };
    expect((await code(prepareSubmission(input({ keyring: retiredOnly })))).code).toBe("KEYRING_INVALID");
  });

  it("makes attachment names the format accepts, unique", async () => {
    expect(safeAttachmentName("Riskanalys 2026 (slutlig).pdf")).toBe("Riskanalys_2026_slutlig_.pdf");
    expect(safeAttachmentName("Åtgärdsplan för året.docx")).toBe("Atgardsplan_for_aret.docx");
    expect(safeAttachmentName(".hidden")).toBe("hidden");
    expect(safeAttachmentName("???")).toBe("bilaga");
    expect(safeAttachmentName(`${"a".repeat(100)}.pdf`)).toMatch(/^a{76}\.pdf$/);
    const p = await prepareSubmission(input({ attachments: [{ name: "a b.txt", bytes: new Uint8Array(1) }, { name: "a_b.txt", bytes: new Uint8Array(1) }] }));
    expect(p.attachments.map((a) => a.name)).toEqual(["a_b.txt", "a_b-2.txt"]);
    await expect(buildPackage(p.buildInput)).resolves.toBeInstanceOf(Uint8Array);
  });
});
