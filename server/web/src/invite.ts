/**
 * The company's journey in the browser (DESIGN.md § Invitations). Opening the
 * page only reads the link (GET /api/v1/invites/{token}); nothing is consumed until the company
 * accepts. The signing key is made here (keys/signer.ts over WebCrypto) or loaded from a file, and
 * offered as a download: its private half never leaves the page — the accept request carries the
 * organisationsnummer, the name and the public JWK only. Then the portal's code path: prepare,
 * preview, sign, encrypt to the verified keyring, upload with the link as the bearer, receipt.
 */
import "./lib/csp.ts";
import { generateSignerKey, parseSignerJwk, publicSignerJwk, type SignerJwk } from "../../../keys/signer.ts";
import { PINS_DEV_KEY } from "../../../keys/published/index.ts";
import { canonicalOrgnr, formatOrgnr, orgnrProblem } from "../../../schemas/orgnr.ts";
import { codeMessage } from "../i18n.ts";
import { byId, clearError, fillFacts, pageLang, setDownload, setStatus, showDevBanner, showError, tr } from "./lib/dom.ts";
import { prepareSubmission, type Prepared } from "./lib/prepare.ts";
import { api } from "./lib/api.ts";
import { explainProblem, parseProblem } from "./lib/problem.ts";
import { readReceipt } from "./lib/receipt.ts";
import * as flow from "./lib/submit-flow.ts";

const lang = pageLang();
const token = byId("invite").dataset.token ?? "";
let campaign = "";
let key: SignerJwk | undefined;
let accepted: { orgnr: string; kid: string } | undefined;

const fail = (e: unknown): void => flow.showFailure(lang, e);
const localTime = (iso: string): string => flow.localTime(lang, iso, "short");

/** A problem answer in the page's words; an expired or invalid link gets its own clear message. */
async function showProblem(res: Pick<Response, "status" | "headers" | "text">): Promise<string | undefined> {
  const p = parseProblem(res.headers.get("content-type"), await res.text());
  if (p?.code === "INVITE_EXPIRED") showError(tr("inviteExpiredHeadline"), [tr("inviteExpiredText")], p.code);
  else if (p?.code === "INVITE_INVALID") showError(tr("inviteInvalidHeadline"), [tr("inviteInvalidText")], p.code);
  else if (p) {
    const x = explainProblem(lang, p, res.status);
    showError(x.headline, x.details, x.code);
  } else showError(tr("errorPrefix"), [`HTTP ${res.status}`]);
  return p?.code;
}

// --- the link (a read: nothing is consumed)

async function readLink(): Promise<void> {
  if (!token) {
    showError(tr("inviteInvalidHeadline"), [tr("inviteInvalidText")], "INVITE_INVALID");
    return;
  }
  const res = await api.api.v1.invites[":token"].$get({ param: { token } });
  if (!res.ok) {
    await showProblem(res);
    return;
  }
  const info = await res.json();
  campaign = info.campaign;
  answerLink();
  const rows: Array<[string, string, string?]> = [[tr("fieldCampaign"), info.campaign, "mono"]];
  rows.push([tr("inviteExpires"), localTime(info.expiresAt)]);
  if (info.maxUses > 1) rows.push([tr("inviteUsesLeft"), `${info.usesLeft} / ${info.maxUses}`]);
  const facts = byId("invite-facts");
  fillFacts(facts, rows);
  facts.hidden = false;
  byId("invite-used").hidden = info.usesLeft > 0;
  byId("invite-steps").hidden = false;
  setStatus("");
}

// --- organisation and key

function orgInput(): { orgnr: string; name: string } | undefined {
  const raw = byId<HTMLInputElement>("orgnr").value.trim();
  const name = byId<HTMLInputElement>("org-name").value.trim();
  if (!raw || !name) {
    showError(tr("msgOrgRequired"));
    return undefined;
  }
  const problem = orgnrProblem(raw);
  if (problem) {
    showError(codeMessage(lang, problem), [], problem);
    return undefined;
  }
  return { orgnr: canonicalOrgnr(raw)!, name };
}

function useKey(k: SignerJwk, offerDownload: boolean): void {
  key = k;
  const ready = byId("key-ready");
  ready.textContent = tr("inviteKeyReady", { kid: k.kid });
  ready.hidden = false;
  if (offerDownload) {
    setDownload(byId<HTMLAnchorElement>("key-download"), `${JSON.stringify(k, null, 2)}\n`, `${k.kollen_org ?? "signer"}-signer.jwk`, "application/jwk+json");
    byId("key-save-hint").hidden = false;
  }
}

byId<HTMLButtonElement>("key-create").addEventListener("click", () => {
  void (async () => {
    clearError();
    const org = orgInput();
    if (!org) return;
    try {
      useKey((await generateSignerKey(org.orgnr)).privateJwk, true);
    } catch (err) {
      fail(err);
    }
  })();
});

byId<HTMLInputElement>("key-file").addEventListener("change", () => {
  void (async () => {
    clearError();
    const file = byId<HTMLInputElement>("key-file").files?.[0];
    if (!file) return;
    try {
      const k = parseSignerJwk(await file.slice(0, 16 * 1024).text());
      if (!k.d) return showError(tr("msgKeyIsPublic"));
      useKey(k, false);
    } catch (err) {
      fail(err);
    }
  })();
});

// --- accept: the organisation's own click, the one request that changes anything

byId<HTMLButtonElement>("accept-button").addEventListener("click", () => {
  void (async () => {
    clearError();
    const org = orgInput();
    if (!org) return;
    if (!key) return showError(tr("msgKeyRequired"));
    if (key.kollen_org && key.kollen_org !== org.orgnr) return showError(tr("msgKeyOrgMismatch", { keyorg: formatOrgnr(key.kollen_org), orgnr: formatOrgnr(org.orgnr) }));
    flow.setBusy(true);
    try {
      const publicJwk = publicSignerJwk(key);
      const res = await api.api.v1.invites[":token"].accept.$post({ param: { token }, json: { organisationsnummer: org.orgnr, name: org.name, publicJwk: { ...publicJwk } } });
      if (!res.ok) {
        await showProblem(res);
        return;
      }
      const r = await res.json();
      accepted = { orgnr: r.organisation, kid: r.kid };
      answerLink();
      const done = byId("accept-done");
      done.textContent = tr("inviteAccepted", { kid: r.kid, orgnr: formatOrgnr(r.organisation) });
      done.hidden = false;
      setStatus(done.textContent);
      byId("submit-step").hidden = false;
    } catch (err) {
      fail(err);
    } finally {
      flow.setBusy(false);
    }
  })();
});

// --- build, preview, upload (the portal's code path, with the link as the bearer)

async function send(body: Blob | Uint8Array): Promise<boolean> {
  byId("receipt").hidden = true;
  const answer = await flow.uploadWithProgress(lang, body, token);
  if (!answer) return false;
  const r = readReceipt(answer.receipt);
  await flow.showReceipt(answer.receipt, r, flow.receiptRows(r, localTime), answer.again, { clearCheck: false });
  return true;
}

function renderPreview(p: Prepared): void {
  flow.showPreview([
    [tr("fieldOrganisation"), formatOrgnr(p.organisation)],
    [tr("fieldCampaign"), p.campaign],
    [tr("fieldModel"), `${p.model.title[lang]} (${p.model.id})`],
    [tr("fieldSigners"), p.signerKids.join("\n"), "mono"],
    [tr("fieldRecipients"), flow.recipientList(p)],
    [tr("fieldEncrypted"), flow.encryptedSummary(p)],
  ]);
}

/** The questionnaire for this campaign (and, once accepted, this organisation): answer there, send from there. */
function answerLink(): void {
  const q = new URLSearchParams({ campaign, ...(accepted ? { org: accepted.orgnr } : {}) });
  byId<HTMLAnchorElement>("answer-link").href = `/besvara?${q}`;
}

/** The build's checks and work: the accepted organisation's result, signed with the key made or loaded here. */
function startBuild(): flow.BuildJob | undefined {
  if (!accepted || !key) return void showError(tr("msgAcceptFirst"));
  const signer = key;
  const organisation = accepted.orgnr;
  const resultFile = byId<HTMLInputElement>("result-file").files?.[0];
  if (!resultFile) return void showError(tr("msgChooseResultAndKey"));
  return async () => {
    const { result, attachments, keyring } = await flow.readBuildInputs(resultFile);
    return prepareSubmission({ campaign, organisation, result, signerKeys: [JSON.stringify(signer)], attachments, covers: "", fetchModel: flow.fetchShippedModel, keyring, now: new Date() });
  };
}

flow.wireBuildAndSend(lang, startBuild, renderPreview, (pkg) => send(pkg));

flow.wireUploadForm(lang, send);

showDevBanner(PINS_DEV_KEY);
void readLink().catch(fail);
