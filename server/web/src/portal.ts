/**
 * The organisation portal in the browser (issue 4 § Build 1). Two ways in: upload a ready
 * `.kollen` package, or build one here — result.json and the signing key are read in this page
 * only, the preview shows what the server will see, then the package is signed, encrypted to the
 * verified keyring and uploaded. The answers and the private key never leave the page; the only
 * request with a body is the upload of the encrypted package. Then the receipt, and the status.
 */
import "./lib/csp.ts";
import { buildPackage } from "../../../client-kit/package/build.ts";
import { formatOrgnr } from "../../../schemas/orgnr.ts";
import { PINS_DEV_KEY } from "../../../keys/published/index.ts";
import { TEXT, codeMessage, type TextKey } from "../i18n.ts";
import { byId, clearDownload, clearError, el, fileBytes, fillFacts, formatBytes, pageLang, setDownload, setStatus, showDevBanner, showError, tr } from "./lib/dom.ts";
import { fetchVerifiedKeyring } from "./lib/keyring.ts";
import { peekManifest } from "./lib/peek.ts";
import { prepareSubmission, type Prepared } from "./lib/prepare.ts";
import { explainError, explainProblem } from "./lib/problem.ts";
import { lookupStatus, readReceipt, verifyReceiptSignature, type StatusView } from "./lib/receipt.ts";
import { uploadPackage, type UploadAnswer } from "./lib/upload.ts";

const lang = pageLang();
let prepared: Prepared | undefined;

const campaignInput = byId<HTMLInputElement>("campaign");
const buttons = () => document.querySelectorAll<HTMLButtonElement>("main button");

function busy(on: boolean): void {
  for (const b of buttons()) b.disabled = on;
}

function fail(e: unknown): void {
  const x = explainError(lang, e);
  showError(x.headline, x.details, x.code);
}

/** The words for a status or flag value the server sent; an unknown value is shown as it is. */
function known(prefix: "status_" | "flag_", value: string): string {
  const key = `${prefix}${value}`;
  return Object.hasOwn(TEXT, key) ? tr(key as TextKey) : value;
}
const statusText = (status: string) => known("status_", status);
const flagText = (flag: string) => known("flag_", flag);

function localTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang === "sv" ? "sv-SE" : "en-GB", { dateStyle: "long", timeStyle: "medium" });
}

// --- progress

function showProgress(fraction: number): void {
  byId("progress-box").hidden = false;
  const pct = Math.round(fraction * 100);
  byId<HTMLProgressElement>("progress").value = pct;
  byId("progress-text").textContent = `${pct} %`;
}

// --- upload and receipt

let maxPackageBytes: Promise<number | undefined> | undefined;

/** The server's size limit from GET /api/v1/info (asked once), so an oversized package is never sent. */
function sizeLimit(): Promise<number | undefined> {
  maxPackageBytes ??= fetch("/api/v1/info", { headers: { accept: "application/json" } })
    .then(async (res) => (res.ok ? ((await res.json()) as { maxPackageBytes?: unknown }).maxPackageBytes : undefined))
    .then((n) => (typeof n === "number" && n > 0 ? n : undefined))
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
  showProgress(0);
  setStatus(tr("msgUploading"));
  const answer: UploadAnswer = await uploadPackage(body, showProgress);
  if (answer.ok) {
    await showReceipt(answer.receipt, answer.status === 200);
    return true;
  }
  byId("progress-box").hidden = true;
  if ("network" in answer) showError(tr("msgNetwork"));
  else if (answer.problem) {
    const x = explainProblem(lang, answer.problem, answer.status);
    showError(x.headline, x.details, x.code);
  } else showError(tr("errorPrefix"), [`HTTP ${answer.status}`]);
  return false;
}

async function showReceipt(jws: string, again: boolean): Promise<void> {
  const r = readReceipt(jws);
  const rows: Array<[string, string, string?]> = [
    [tr("fieldSubmissionId"), r.submissionId, "mono"],
    [tr("fieldStatus"), statusText(r.status)],
    [tr("fieldReceivedAt"), localTime(r.receivedAt)],
    [tr("fieldOrganisation"), formatOrgnr(r.organisation)],
    [tr("fieldCampaign"), r.campaign],
    [tr("fieldPackageSha256"), r.packageSha256, "mono"],
  ];
  if (r.reasons.length) rows.push([tr("fieldFlags"), r.reasons.map(flagText).join("; ")]);
  fillFacts(byId("receipt-summary"), rows);
  byId<HTMLTextAreaElement>("receipt-text").value = jws;
  setDownload(byId<HTMLAnchorElement>("receipt-download"), `${jws}\n`, `kvitto-${r.submissionId}.jws`, "application/jose");
  const section = byId("receipt");
  section.hidden = false;
  section.tabIndex = -1;
  section.focus();
  setStatus(again ? tr("msgAcceptedAgain") : tr("msgAccepted", { status: statusText(r.status) }));
  const check = byId("receipt-check");
  check.textContent = "";
  const kid = await verifyReceiptSignature(jws);
  check.textContent = kid === undefined ? tr("receiptNotVerified") : tr("receiptVerified", { kid: kid.slice(0, 16) });
}

byId<HTMLFormElement>("upload-form").addEventListener("submit", (e) => {
  e.preventDefault();
  void (async () => {
    clearError();
    const file = byId<HTMLInputElement>("package-file").files?.[0];
    if (!file) return showError(tr("msgChooseFile"));
    busy(true);
    try {
      const campaign = campaignInput.value.trim();
      const m = await peekManifest(file);
      if (campaign && m && m.campaign !== campaign) return showError(tr("msgCampaignMismatch", { result: m.campaign, campaign }));
      clearDownload(byId<HTMLAnchorElement>("package-download"));
      await send(file);
    } catch (err) {
      fail(err);
    } finally {
      busy(false);
    }
  })();
});

// --- build in the browser

function renderPreview(p: Prepared): void {
  const title = p.model.title[lang];
  const attachments = p.attachments.reduce((n, a) => n + a.length, 0);
  const rows: Array<[string, string | Node, string?]> = [
    [tr("fieldOrganisation"), formatOrgnr(p.organisation)],
    [tr("fieldCampaign"), p.campaign],
    [tr("fieldModel"), `${title} (${p.model.id}, SHA-256 ${p.model.sha256.slice(0, 16)}…)`],
    [tr("fieldCovers"), p.covers.length ? p.covers.map(formatOrgnr).join(", ") : tr("none")],
    [tr("fieldSigners"), p.signerKids.join("\n"), "mono"],
  ];
  const recipients = el("ul");
  for (const r of p.recipients) recipients.append(el("li", `${r.id} (${r.recipient.slice(0, 12)}…${r.recipient.slice(-6)})`, "mono"));
  rows.push([tr("fieldRecipients"), recipients]);
  const files = el("span", tr("encryptedFiles", { result: formatBytes(p.resultLength), count: p.attachments.length, attachments: formatBytes(attachments) }));
  if (p.attachments.length) {
    const list = el("ul");
    for (const a of p.attachments) list.append(el("li", `${a.name} (${formatBytes(a.length)})${a.name !== a.originalName ? ` ← ${a.originalName}` : ""}`));
    files.append(list);
  }
  rows.push([tr("fieldEncrypted"), files]);
  fillFacts(byId("preview-facts"), rows);
  const section = byId("preview");
  section.hidden = false;
  section.focus();
}

byId<HTMLFormElement>("build-form").addEventListener("submit", (e) => {
  e.preventDefault();
  void (async () => {
    clearError();
    prepared = undefined;
    byId("preview").hidden = true;
    const resultFile = byId<HTMLInputElement>("result-file").files?.[0];
    const signerFiles = [...(byId<HTMLInputElement>("signer-files").files ?? [])];
    if (!resultFile || signerFiles.length === 0) return showError(tr("msgChooseResultAndKey"));
    busy(true);
    try {
      setStatus(tr("msgReadingFiles"));
      const result = await fileBytes(resultFile);
      const signerKeys = await Promise.all(signerFiles.map((f) => f.slice(0, 16 * 1024).text()));
      const attachments = await Promise.all([...(byId<HTMLInputElement>("attachment-files").files ?? [])].map(async (f) => ({ name: f.name, bytes: await fileBytes(f) })));
      const modelFile = byId<HTMLInputElement>("model-file").files?.[0];
      setStatus(tr("msgFetchingKeyring"));
      const keyring = await fetchVerifiedKeyring();
      prepared = await prepareSubmission({
        campaign: campaignInput.value,
        result,
        signerKeys,
        attachments,
        covers: byId<HTMLInputElement>("covers").value,
        model: modelFile ? await fileBytes(modelFile) : undefined,
        fetchModel: fetchShippedModel,
        keyring,
        now: new Date(),
      });
      if (!campaignInput.value.trim()) campaignInput.value = prepared.campaign;
      renderPreview(prepared);
      setStatus(tr("msgPreviewReady"));
    } catch (err) {
      fail(err);
    } finally {
      busy(false);
    }
  })();
});

/** The shipped survey models, by id, from /assets/models/ (a GET without a body). */
async function fetchShippedModel(id: string): Promise<Uint8Array | undefined> {
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(id)) return undefined;
  const res = await fetch(`/assets/models/${id}.json`, { cache: "no-cache" });
  return res.ok ? new Uint8Array(await res.arrayBuffer()) : undefined;
}

byId<HTMLButtonElement>("send-button").addEventListener("click", () => {
  void (async () => {
    if (!prepared) return;
    clearError();
    busy(true);
    try {
      setStatus(tr("msgBuilding"));
      const pkg = await buildPackage({ ...prepared.buildInput, now: new Date() });
      setDownload(byId<HTMLAnchorElement>("package-download"), pkg, `${prepared.organisation}-${prepared.campaign}.kollen`, "application/vnd.kollen.package");
      if (await send(pkg)) {
        // sent: a second click must not make a second (superseding) package
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

// --- status lookup

function renderStatus(v: StatusView): void {
  const rows: Array<[string, string, string?]> = [
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
    busy(true);
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
      busy(false);
    }
  })();
});

showDevBanner(PINS_DEV_KEY);
