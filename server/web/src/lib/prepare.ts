/**
 * Prepares a submission in the browser, so the plaintext never leaves the organisation's machine:
 * reads result.json and checks it against its survey model, reads the signing keys, takes the
 * current recipients from the verified keyring, and names the attachments — everything the
 * preview shows, before anything is signed. No DOM and no network: the page passes the bytes in.
 *
 * Errors are KollenErrors; `detail.text` names a ../../i18n.ts text for the user where the code's
 * general message would say too little.
 */
import { KollenError } from "../../../../schemas/errors.ts";
import { CampaignId } from "../../../../schemas/ids.ts";
import { formatOrgnr, Orgnr } from "../../../../schemas/orgnr.ts";
import { loadResult, validateResultAgainstModel } from "../../../../schemas/result.ts";
import { loadSurveyModel, type LoadedSurveyModel } from "../../../../schemas/survey-model.ts";
import { currentRecipients, type KeyringPayload } from "../../../../keys/keyring.ts";
import { parseSignerJwk } from "../../../../keys/signer.ts";
import type { BuildInput } from "../../../../client-kit/package/build.ts";

export interface PrepareInput {
  /** the campaign field; empty → the campaign named in result.json */
  campaign: string;
  /** the organisation the page submits for (an invitation's, the questionnaire's), if it knows one */
  organisation?: string;
  result: Uint8Array;
  /** texts of the private signer JWK files */
  signerKeys: string[];
  attachments: Array<{ name: string; bytes: Uint8Array }>;
  /** organisationsnummer the submission also covers, comma or space separated */
  covers: string;
  /** a model file the user picked; otherwise `fetchModel` is asked for the result's model id */
  model?: Uint8Array;
  fetchModel: (id: string) => Promise<Uint8Array | undefined>;
  /** the keyring, already verified against the pinned keys */
  keyring: KeyringPayload;
  now: Date;
}

/** What the preview shows and what buildPackage gets. */
export interface Prepared {
  organisation: string;
  campaign: string;
  model: { id: string; sha256: string; title: { sv: string; en: string }; example: boolean };
  covers: string[];
  signerKids: string[];
  recipients: Array<{ id: string; recipient: string }>;
  resultLength: number;
  attachments: Array<{ name: string; originalName: string; length: number }>;
  buildInput: BuildInput;
}

const MAX_ATTACHMENTS = 50;

function fail(code: ConstructorParameters<typeof KollenError>[0], message: string, text?: string, vars?: Record<string, string>): never {
  throw new KollenError(code, message, text ? { detail: { text, vars } } : undefined);
}

/**
 * An attachment name the package format accepts (A–Z a–z 0–9 . _ -, starting with a letter or
 * digit, at most 80), made from a file name; Swedish letters become their base letters.
 * @example safeAttachmentName("Riskanalys 2026 (slutlig).pdf") // "Riskanalys_2026_slutlig_.pdf"
 */
export function safeAttachmentName(name: string): string {
  const base = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  let s = base.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[^A-Za-z0-9]+/, "");
  if (s.length > 80) {
    const dot = s.lastIndexOf(".");
    const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : "";
    s = s.slice(0, 80 - ext.length) + ext;
  }
  return s || "bilaga";
}

function uniqueNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    let candidate = n;
    for (let i = 2; used.has(candidate); i++) {
      const dot = n.lastIndexOf(".");
      const suffix = `-${i}`;
      candidate = dot > 0 ? `${n.slice(0, Math.min(dot, 80 - suffix.length - (n.length - dot)))}${suffix}${n.slice(dot)}` : `${n.slice(0, 80 - suffix.length)}${suffix}`;
    }
    used.add(candidate);
    return candidate;
  });
}

function parseCovers(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const r = Orgnr.safeParse(part);
    if (!r.success) {
      const code = (r.error.issues[0] as { params?: { code?: string } }).params?.code === "ORGNR_CHECKSUM" ? "ORGNR_CHECKSUM" : "ORGNR_INVALID";
      fail(code, "a covered organisationsnummer is not valid", "msgCoversInvalid", { value: part.slice(0, 20) });
    }
    out.push(r.data);
  }
  return [...new Set(out)];
}

/**
 * Checks everything and returns the preview facts with the input for buildPackage.
 * @example const p = await prepareSubmission({ campaign, result, signerKeys, attachments: [], covers: "", fetchModel, keyring, now: new Date() });
 *          const pkg = await buildPackage(p.buildInput);
 */
export async function prepareSubmission(input: PrepareInput): Promise<Prepared> {
  const result = loadResult(input.result);
  const campaign = input.campaign.trim() || result.campaign || "";
  if (!CampaignId.safeParse(campaign).success) fail("BAD_INPUT", "the campaign id is not valid", "msgCampaignInvalid");
  if (result.campaign && result.campaign !== campaign)
    fail("BAD_INPUT", "result.json names another campaign", "msgCampaignMismatch", { result: result.campaign, campaign });

  let modelBytes = input.model;
  if (!modelBytes) {
    modelBytes = await input.fetchModel(result.model.id);
    if (!modelBytes) fail("RESULT_MODEL_MISMATCH", "the result's survey model is not available", "reviewModelMissing", { model: result.model.id });
  }
  const model: LoadedSurveyModel = await loadSurveyModel(modelBytes);
  validateResultAgainstModel(result, model);

  const organisation = result.organisation;
  // the result file is the one at fault, not the key made for the page's organisation
  if (input.organisation && input.organisation !== organisation)
    fail("RESULT_WRONG_ORGANISATION", "the result file names another organisation", "msgResultOrgMismatch", { result: formatOrgnr(organisation), orgnr: formatOrgnr(input.organisation) });
  const covers = parseCovers(input.covers);
  if (covers.includes(organisation)) fail("BAD_INPUT", "an organisation cannot cover itself", "msgCoversSelf");

  if (input.signerKeys.length === 0) fail("KEY_INVALID", "no signing key", "msgChooseResultAndKey");
  const privateJwks = new Map<string, ReturnType<typeof parseSignerJwk>>();
  for (const text of input.signerKeys) {
    const jwk = parseSignerJwk(text);
    if (typeof jwk.d !== "string") fail("KEY_INVALID", "a public key cannot sign", "msgKeyIsPublic");
    if (jwk.kollen_org && jwk.kollen_org !== organisation) fail("SIGNER_WRONG_ORGANISATION", "the key was made for another organisation");
    privateJwks.set(jwk.kid, jwk);
  }

  const recipients = currentRecipients(input.keyring, input.now).map((r) => ({ id: r.id, recipient: r.recipient }));
  if (recipients.length === 0) fail("KEYRING_INVALID", "the keyring has no current recipient");

  if (input.attachments.length > MAX_ATTACHMENTS) fail("BAD_INPUT", "too many attachments", "msgTooManyAttachments", { max: String(MAX_ATTACHMENTS) });
  const names = uniqueNames(input.attachments.map((a) => safeAttachmentName(a.name)));
  const attachments = input.attachments.map((a, i) => ({ name: names[i]!, bytes: a.bytes }));

  const buildInput: BuildInput = {
    result: input.result,
    attachments,
    organisation,
    campaign,
    surveyModel: { id: model.model.id, sha256: model.sha256 },
    covers,
    signers: [...privateJwks.values()].map((privateJwk) => ({ kind: "jwk" as const, privateJwk })),
    recipients: recipients.map((r) => r.recipient),
    now: input.now,
  };
  return {
    organisation,
    campaign,
    model: { id: model.model.id, sha256: model.sha256, title: model.model.title, example: model.model.example },
    covers,
    signerKids: [...privateJwks.keys()],
    recipients,
    resultLength: input.result.length,
    attachments: input.attachments.map((a, i) => ({ name: names[i]!, originalName: a.name, length: a.bytes.length })),
    buildInput,
  };
}
