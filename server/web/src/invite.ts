/**
 * The company's journey in the browser (issue 4 § Build 2; DESIGN.md § Invitations). Opening the
 * page only reads the link (GET /api/v1/invites/{token}); nothing is consumed until the company
 * accepts. The signing key is made here (keys/signer.ts over WebCrypto) or loaded from a file, and
 * offered as a download: its private half never leaves the page — the accept request carries the
 * organisationsnummer, the name and the public JWK only. Then the portal's code path: prepare,
 * preview, sign, encrypt to the verified keyring, upload with the link as the bearer, receipt.
 */
import "./lib/csp.ts";
import { buildPackage } from "../../../client-kit/package/build.ts";
import { generateSignerKey, parseSignerJwk, publicSignerJwk, type SignerJwk } from "../../../keys/signer.ts";
import { PINS_DEV_KEY } from "../../../keys/published/index.ts";
import { canonicalOrgnr, formatOrgnr, orgnrProblem } from "../../../schemas/orgnr.ts";
import { TEXT, codeMessage, type TextKey } from "../i18n.ts";
import { byId, clearError, el, fileBytes, fillFacts, formatBytes, pageLang, setDownload, setStatus, showDevBanner, showError, tr } from "./lib/dom.ts";
import { fetchVerifiedKeyring } from "./lib/keyring.ts";
import { prepareSubmission, type Prepared } from "./lib/prepare.ts";
import { explainError, explainProblem, parseProblem } from "./lib/problem.ts";
import { readReceipt, verifyReceiptSignature } from "./lib/receipt.ts";
import { uploadPackage } from "./lib/upload.ts";

const lang = pageLang();
const token = byId("invite").dataset.token ?? "";
let campaign = "";
let key: SignerJwk | undefined;
let accepted: { orgnr: string; kid: string } | undefined;
let prepared: Prepared | undefined;

function fail(e: unknown): void {
  const x = explainError(lang, e);
  showError(x.headline, x.details, x.code);
}

/** The words for a status the server sent; an unknown value is shown as it is. */
function statusText(status: string): string {
  const key = `status_${status}`;
  return Object.hasOwn(TEXT, key) ? tr(key as TextKey) : status;
}

function localTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang === "sv" ? "sv-SE" : "en-GB", { dateStyle: "long", timeStyle: "short" });
}

function busy(on: boolean): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>("main button")) b.disabled = on;
}

/** A problem answer in the page's words; an expired or invalid link gets its own clear message. */
async function showProblem(res: Response): Promise<string | undefined> {
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
  const res = await fetch(`/api/v1/invites/${token}`, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!res.ok) {
    await showProblem(res);
    return;
  }
  const info = (await res.json()) as { campaign: string; sector: string | null; expiresAt: string; maxUses: number; usesLeft: number; authority: string };
  campaign = info.campaign;
  const rows: Array<[string, string, string?]> = [[tr("fieldCampaign"), info.campaign, "mono"]];
  if (info.sector) rows.push([tr("inviteSector"), info.sector]);
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
    busy(true);
    try {
      const publicJwk = publicSignerJwk(key);
      const res = await fetch(`/api/v1/invites/${token}/accept`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ organisationsnummer: org.orgnr, name: org.name, publicJwk }),
      });
      if (!res.ok) {
        await showProblem(res);
        return;
      }
      const r = (await res.json()) as { organisation: string; kid: string };
      accepted = { orgnr: r.organisation, kid: r.kid };
      const done = byId("accept-done");
      done.textContent = tr("inviteAccepted", { kid: r.kid, orgnr: formatOrgnr(r.organisation) });
      done.hidden = false;
      setStatus(done.textContent);
      byId("submit-step").hidden = false;
    } catch (err) {
      fail(err);
    } finally {
      busy(false);
    }
  })();
});

// --- build, preview, upload (the portal's code path, with the link as the bearer)

async function fetchShippedModel(id: string): Promise<Uint8Array | undefined> {
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(id)) return undefined;
  const res = await fetch(`/assets/models/${id}.json`, { cache: "no-cache" });
  return res.ok ? new Uint8Array(await res.arrayBuffer()) : undefined;
}

function showProgress(fraction: number): void {
  byId("progress-box").hidden = false;
  const pct = Math.round(fraction * 100);
  byId<HTMLProgressElement>("progress").value = pct;
  byId("progress-text").textContent = `${pct} %`;
}

async function send(body: Blob | Uint8Array): Promise<boolean> {
  byId("receipt").hidden = true;
  showProgress(0);
  setStatus(tr("msgUploading"));
  const answer = await uploadPackage(body, showProgress, token);
  if (!answer.ok) {
    byId("progress-box").hidden = true;
    if ("network" in answer) showError(tr("msgNetwork"));
    else if (answer.problem) {
      const x = explainProblem(lang, answer.problem, answer.status);
      showError(x.headline, x.details, x.code);
    } else showError(tr("errorPrefix"), [`HTTP ${answer.status}`]);
    return false;
  }
  const r = readReceipt(answer.receipt);
  fillFacts(byId("receipt-summary"), [
    [tr("fieldSubmissionId"), r.submissionId, "mono"],
    [tr("fieldStatus"), statusText(r.status)],
    [tr("fieldReceivedAt"), localTime(r.receivedAt)],
    [tr("fieldOrganisation"), formatOrgnr(r.organisation)],
    [tr("fieldCampaign"), r.campaign],
    [tr("fieldPackageSha256"), r.packageSha256, "mono"],
  ]);
  byId<HTMLTextAreaElement>("receipt-text").value = answer.receipt;
  setDownload(byId<HTMLAnchorElement>("receipt-download"), `${answer.receipt}\n`, `kvitto-${r.submissionId}.jws`, "application/jose");
  const section = byId("receipt");
  section.hidden = false;
  section.tabIndex = -1;
  section.focus();
  setStatus(answer.status === 200 ? tr("msgAcceptedAgain") : tr("msgAccepted", { status: statusText(r.status) }));
  const kid = await verifyReceiptSignature(answer.receipt);
  byId("receipt-check").textContent = kid === undefined ? tr("receiptNotVerified") : tr("receiptVerified", { kid: kid.slice(0, 16) });
  return true;
}

byId<HTMLFormElement>("build-form").addEventListener("submit", (e) => {
  e.preventDefault();
  void (async () => {
    clearError();
    prepared = undefined;
    byId("preview").hidden = true;
    if (!accepted || !key) return showError(tr("msgAcceptFirst"));
    const resultFile = byId<HTMLInputElement>("result-file").files?.[0];
    if (!resultFile) return showError(tr("msgChooseResultAndKey"));
    busy(true);
    try {
      setStatus(tr("msgReadingFiles"));
      const result = await fileBytes(resultFile);
      const attachments = await Promise.all([...(byId<HTMLInputElement>("attachment-files").files ?? [])].map(async (f) => ({ name: f.name, bytes: await fileBytes(f) })));
      setStatus(tr("msgFetchingKeyring"));
      const keyring = await fetchVerifiedKeyring();
      const p = await prepareSubmission({ campaign, result, signerKeys: [JSON.stringify(key)], attachments, covers: "", fetchModel: fetchShippedModel, keyring, now: new Date() });
      if (p.organisation !== accepted.orgnr) return showError(tr("msgResultOrgMismatch", { result: formatOrgnr(p.organisation), orgnr: formatOrgnr(accepted.orgnr) }));
      prepared = p;
      const recipients = el("ul");
      for (const r of p.recipients) recipients.append(el("li", `${r.id} (${r.recipient.slice(0, 12)}…${r.recipient.slice(-6)})`, "mono"));
      fillFacts(byId("preview-facts"), [
        [tr("fieldOrganisation"), formatOrgnr(p.organisation)],
        [tr("fieldCampaign"), p.campaign],
        [tr("fieldModel"), `${p.model.title[lang]} (${p.model.id})`],
        [tr("fieldSigners"), p.signerKids.join("\n"), "mono"],
        [tr("fieldRecipients"), recipients],
        [tr("fieldEncrypted"), tr("encryptedFiles", { result: formatBytes(p.resultLength), count: p.attachments.length, attachments: formatBytes(p.attachments.reduce((n, a) => n + a.length, 0)) })],
      ]);
      const section = byId("preview");
      section.hidden = false;
      section.focus();
      setStatus(tr("msgPreviewReady"));
    } catch (err) {
      fail(err);
    } finally {
      busy(false);
    }
  })();
});

byId<HTMLButtonElement>("send-button").addEventListener("click", () => {
  void (async () => {
    if (!prepared) return;
    clearError();
    busy(true);
    try {
      setStatus(tr("msgBuilding"));
      const pkg = await buildPackage({ ...prepared.buildInput, now: new Date() });
      if (await send(pkg)) {
        prepared = undefined;
        byId("preview").hidden = true;
      }
    } catch (err) {
      fail(err);
    } finally {
      busy(false);
    }
  })();
});

byId<HTMLFormElement>("upload-form").addEventListener("submit", (e) => {
  e.preventDefault();
  void (async () => {
    clearError();
    const file = byId<HTMLInputElement>("package-file").files?.[0];
    if (!file) return showError(tr("msgChooseFile"));
    busy(true);
    try {
      await send(file);
    } catch (err) {
      fail(err);
    } finally {
      busy(false);
    }
  })();
});

showDevBanner(PINS_DEV_KEY);
void readLink().catch(fail);
