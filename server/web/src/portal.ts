/**
 * The organisation portal in the browser. Two ways in: upload a ready
 * `.kollen` package, or build one here — result.json and the signing key are read in this page
 * only, the preview shows what the server will see, then the package is signed, encrypted to the
 * verified keyring and uploaded. The answers and the private key never leave the page; the only
 * request with a body is the upload of the encrypted package. Then the receipt, and the status.
 * A signing key can be made here (lib/key-step.ts, as on the invitation page); a new key is not
 * registered, so the page says at once what to do next, and an upload the server refuses with
 * SIGNER_UNKNOWN says the same (lib/submit-flow.ts).
 */
import "./lib/csp.ts";
import { canonicalOrgnr, formatOrgnr, orgnrProblem } from "../../../schemas/orgnr.ts";
import { PINS_DEV_KEY } from "../../../keys/published/index.ts";
import { codeMessage } from "../i18n.ts";
import { byId, clearDownload, clearError, el, fileBytes, fillFacts, formatBytes, pageAuthority, pageLang, setDownload, setStatus, showDevBanner, showError, tr } from "./lib/dom.ts";
import { wireKeyStep } from "./lib/key-step.ts";
import { peekManifest } from "./lib/peek.ts";
import { prepareSubmission, type Prepared } from "./lib/prepare.ts";
import { answer, api } from "./lib/api.ts";
import { fillCampaigns } from "./lib/campaigns.ts";
import { label } from "./lib/coded.ts";
import { explainProblem } from "./lib/problem.ts";
import { lookupStatus, readReceipt, type StatusView } from "./lib/receipt.ts";
import * as flow from "./lib/submit-flow.ts";

const lang = pageLang();

const campaignInput = byId<HTMLSelectElement>("campaign");

const fail = (e: unknown): void => flow.showFailure(lang, e);
const statusText = (status: string) => label("status", status);
const flagText = (flag: string) => label("flag", flag);
const localTime = (iso: string): string => flow.localTime(lang, iso, "medium");

// --- upload and receipt

let maxPackageBytes: Promise<number | undefined> | undefined;

/** The server's size limit from GET /api/v1/info (asked once), so an oversized package is never sent. */
function sizeLimit(): Promise<number | undefined> {
  maxPackageBytes ??= answer(api.api.v1.info.$get())
    .then(({ maxPackageBytes: n }) => (typeof n === "number" && n > 0 ? n : undefined))
    .catch(() => undefined);
  return maxPackageBytes;
}

/** Uploads and shows the receipt or the problem; true when the server took the package. */
async function send(body: Blob | Uint8Array): Promise<boolean> {
  byId("receipt").hidden = true;
  const size = body instanceof Blob ? body.size : body.length;
  const max = await sizeLimit();
  if (max !== undefined && size > max) {
    showError(codeMessage(lang, "PACKAGE_TOO_LARGE"), [tr("msgTooLarge", { size: formatBytes(size), max: formatBytes(max) })], "PACKAGE_TOO_LARGE");
    return false;
  }
  const answer = await flow.uploadWithProgress(lang, body);
  if (!answer) return false;
  await showReceipt(answer.receipt, answer.again);
  return true;
}

async function showReceipt(jws: string, again: boolean): Promise<void> {
  const r = readReceipt(jws);
  const rows = flow.receiptRows(r, localTime);
  if (r.reasons.length) rows.push([tr("fieldFlags"), r.reasons.map(flagText).join("; ")]);
  await flow.showReceipt(jws, r, rows, again, { clearCheck: true });
}

/** A ready package: sent unless its manifest names another campaign than the one given. */
async function uploadReady(file: File): Promise<void> {
  const campaign = campaignInput.value.trim();
  const m = await peekManifest(file);
  if (campaign && m && m.campaign !== campaign) return showError(tr("msgCampaignMismatch", { result: m.campaign, campaign }));
  clearDownload(byId<HTMLAnchorElement>("package-download"));
  await send(file);
}

flow.wireUploadForm(lang, uploadReady);

// --- build in the browser

function renderPreview(p: Prepared): void {
  const rows: flow.FactRow[] = [
    [tr("fieldOrganisation"), formatOrgnr(p.organisation)],
    [tr("fieldCampaign"), p.campaign],
    [tr("fieldModel"), `${p.model.title[lang]} (${p.model.id}, SHA-256 ${p.model.sha256.slice(0, 16)}…)`],
    [tr("fieldCovers"), p.covers.length ? p.covers.map(formatOrgnr).join(", ") : tr("none")],
    [tr("fieldSigners"), p.signerKids.join("\n"), "mono"],
    [tr("fieldRecipients"), flow.recipientList(p)],
    [tr("fieldEncrypted"), encryptedFiles(p)],
  ];
  flow.showPreview(rows);
}

/** The encrypted files: the summary, then each attachment under its name in the package. */
function encryptedFiles(p: Prepared): HTMLSpanElement {
  const files = el("span", flow.encryptedSummary(p));
  if (p.attachments.length) {
    const list = el("ul");
    for (const a of p.attachments) list.append(el("li", `${a.name} (${formatBytes(a.length)})${a.name !== a.originalName ? ` ← ${a.originalName}` : ""}`));
    files.append(list);
  }
  return files;
}

// --- a signing key made here (the invitation page's code): not registered yet, so say what to do next

/** The organisationsnummer a new key is made for; undefined when it said what is wrong. */
function keyOrgnr(): string | undefined {
  const raw = byId<HTMLInputElement>("key-orgnr").value.trim();
  const problem = raw ? orgnrProblem(raw) : "ORGNR_INVALID";
  if (problem) {
    showError(codeMessage(lang, problem), [], problem);
    byId("key-orgnr").focus();
    return undefined;
  }
  return canonicalOrgnr(raw);
}

const keys = wireKeyStep(lang, keyOrgnr, (key) => {
  const orgnr = key.kollen_org ? formatOrgnr(key.kollen_org) : "";
  byId("key-no-link").textContent = tr("keyNoLink", { authority: pageAuthority(), orgnr, kid: key.kid });
  byId("key-next").hidden = false;
  setStatus(tr("inviteKeyReady", { kid: key.kid }));
});

/** The build's checks and work: result.json signed with the chosen key files (or the key made here), for the campaign given or the result's. */
function startBuild(): flow.BuildJob | undefined {
  const resultFile = byId<HTMLInputElement>("result-file").files?.[0];
  const signerFiles = [...(byId<HTMLInputElement>("signer-files").files ?? [])];
  const made = keys.current();
  if (!resultFile || (signerFiles.length === 0 && !made)) return void showError(tr("msgChooseResultAndKey"));
  return async () => {
    const { result, attachments, keyring } = await flow.readBuildInputs(resultFile);
    // the chosen key files; without any, the key made here
    const signerKeys = signerFiles.length ? await Promise.all(signerFiles.map((f) => f.slice(0, 16 * 1024).text())) : [JSON.stringify(made)];
    const modelFile = byId<HTMLInputElement>("model-file").files?.[0];
    const p = await prepareSubmission({
      campaign: campaignInput.value,
      result,
      signerKeys,
      attachments,
      covers: byId<HTMLInputElement>("covers").value,
      model: modelFile ? await fileBytes(modelFile) : undefined,
      fetchModel: flow.fetchShippedModel,
      keyring,
      now: new Date(),
    });
    if (!campaignInput.value.trim()) campaignInput.value = p.campaign;
    return p;
  };
}

/** Offers the built package for saving, then sends it. */
function saveAndSend(pkg: Uint8Array, p: Prepared): Promise<boolean> {
  setDownload(byId<HTMLAnchorElement>("package-download"), pkg, `${p.organisation}-${p.campaign}.kollen`, "application/vnd.kollen.package");
  return send(pkg);
}

flow.wireBuildAndSend(lang, startBuild, renderPreview, saveAndSend);

// --- status lookup

function renderStatus(v: StatusView): void {
  const rows: flow.FactRow[] = [
    [tr("fieldSubmissionId"), v.submissionId, "mono"],
    [tr("fieldStatus"), statusText(v.status)],
    [tr("fieldReceivedAt"), localTime(v.receivedAt)],
    [tr("fieldOrganisation"), formatOrgnr(v.organisation)],
    [tr("fieldCampaign"), v.campaign],
  ];
  if (v.covers.length) rows.push([tr("fieldCovers"), v.covers.map((c) => formatOrgnr(c.orgnr)).join(", ")]);
  if (v.flags.length) rows.push([tr("fieldFlags"), v.flags.map(flagText).join("; ")]);
  if (v.supersededBy) rows.push([tr("fieldSupersededBy"), v.supersededBy, "mono"]);
  const dl = byId("lookup-result");
  fillFacts(dl, rows);
  dl.hidden = false;
}

byId<HTMLFormElement>("lookup-form").addEventListener("submit", (e) => {
  e.preventDefault();
  void (async () => {
    clearError();
    byId("lookup-result").hidden = true;
    const file = byId<HTMLInputElement>("lookup-file").files?.[0];
    const text = file ? await file.slice(0, 16 * 1024).text() : byId<HTMLTextAreaElement>("lookup-receipt").value;
    let receipt: string;
    try {
      readReceipt(text);
      receipt = text.trim();
    } catch {
      return showError(tr("msgReceiptInvalid"));
    }
    flow.setBusy(true);
    try {
      const r = await lookupStatus(receipt);
      if (r.ok) {
        renderStatus(r.view);
        setStatus(tr("msgLookupDone"));
      } else if (r.problem) {
        const x = explainProblem(lang, r.problem, r.status);
        showError(x.headline, x.details, x.code);
      } else showError(tr("errorPrefix"), [`HTTP ${r.status}`]);
    } catch (err) {
      if (err instanceof TypeError) showError(tr("msgNetwork"));
      else fail(err);
    } finally {
      flow.setBusy(false);
    }
  })();
});

void fillCampaigns(campaignInput, lang, campaignInput.dataset.campaign ?? "").catch(fail);
showDevBanner(PINS_DEV_KEY);
