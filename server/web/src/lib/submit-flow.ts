/**
 * The "build, preview, upload" flow shared by the portal and the invitation page: the shipped
 * models, the busy/failure handling, progress, the preview's common rows, the upload with progress
 * and problem display, and the receipt. Each page keeps only what differs.
 */
import { buildPackage } from "../../../../client-kit/package/build.ts";
import type { KeyringPayload } from "../../../../keys/keyring.ts";
import { isId } from "../../../../schemas/ids.ts";
import { formatOrgnr } from "../../../../schemas/orgnr.ts";
import type { Lang } from "../../i18n.ts";
import { byId, clearError, el, fileBytes, fillFacts, formatBytes, pageAuthority, printPart, setDownload, setStatus, showError, tr } from "./dom.ts";
import { label } from "./coded.ts";
import { fetchVerifiedKeyring } from "./keyring.ts";
import type { Prepared } from "./prepare.ts";
import { explainError, explainProblem } from "./problem.ts";
import { verifyReceiptSignature, type ReceiptView } from "./receipt.ts";
import { uploadPackage } from "./upload.ts";

/** A row of a facts list: label, value, optional class. */
export type FactRow = [string, string | Node, string?];

/** The shipped survey models, by id, from /assets/models/ (a GET without a body). */
export async function fetchShippedModel(id: string): Promise<Uint8Array | undefined> {
  if (!isId(id)) return undefined;
  const res = await fetch(`/assets/models/${id}.json`, { cache: "no-cache" });
  return res.ok ? new Uint8Array(await res.arrayBuffer()) : undefined;
}

/** A server timestamp in the reader's local time; an unreadable one is shown as it is. */
export function localTime(lang: Lang, iso: string, timeStyle: "short" | "medium"): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang === "sv" ? "sv-SE" : "en-GB", { dateStyle: "long", timeStyle });
}

/** Disables (or enables again) every button of the page while work is under way. */
export function setBusy(on: boolean): void {
  for (const b of document.querySelectorAll<HTMLButtonElement>("main button")) b.disabled = on;
}

/** An unexpected failure, in the page's words. */
export function showFailure(lang: Lang, e: unknown): void {
  const x = explainError(lang, e);
  showError(x.headline, x.details, x.code);
}

/** Runs `work` with the buttons disabled; a failure is shown, never thrown. */
export async function whileBusy(lang: Lang, work: () => Promise<unknown>): Promise<void> {
  setBusy(true);
  try {
    await work();
  } catch (err) {
    showFailure(lang, err);
  } finally {
    setBusy(false);
  }
}

/** Shows the progress bar at `fraction` (0…1). */
export function showProgress(fraction: number): void {
  byId("progress-box").hidden = false;
  const pct = Math.round(fraction * 100);
  byId<HTMLProgressElement>("progress").value = pct;
  byId("progress-text").textContent = `${pct} %`;
}

/** The build's common inputs: result.json and the attachments read in the page, and the verified keyring. */
export async function readBuildInputs(resultFile: Blob): Promise<{ result: Uint8Array; attachments: Array<{ name: string; bytes: Uint8Array }>; keyring: KeyringPayload }> {
  setStatus(tr("msgReadingFiles"));
  const result = await fileBytes(resultFile);
  const attachments = await Promise.all([...(byId<HTMLInputElement>("attachment-files").files ?? [])].map(async (f) => ({ name: f.name, bytes: await fileBytes(f) })));
  setStatus(tr("msgFetchingKeyring"));
  const keyring = await fetchVerifiedKeyring();
  return { result, attachments, keyring };
}

/** Hides the preview (a new build starts, or the package was sent). */
function hidePreview(): void {
  byId("preview").hidden = true;
}

/** The recipients the package is encrypted to, as a list (start and end of each age recipient). */
export function recipientList(p: Prepared): HTMLUListElement {
  const recipients = el("ul");
  for (const r of p.recipients) recipients.append(el("li", `${r.id} (${r.recipient.slice(0, 12)}…${r.recipient.slice(-6)})`, "mono"));
  return recipients;
}

/** What gets encrypted, in one sentence: the result's size and the attachments' count and size. */
export function encryptedSummary(p: Prepared): string {
  const attachments = p.attachments.reduce((n, a) => n + a.length, 0);
  return tr("encryptedFiles", { result: formatBytes(p.resultLength), count: p.attachments.length, attachments: formatBytes(attachments) });
}

/** Fills the preview with `rows`, shows it and says it is ready. */
export function showPreview(rows: FactRow[]): void {
  fillFacts(byId("preview-facts"), rows);
  const section = byId("preview");
  section.hidden = false;
  section.focus();
  setStatus(tr("msgPreviewReady"));
}

/** The work of a build, run with the buttons disabled: the prepared package, or undefined when it said why not. */
export type BuildJob = () => Promise<Prepared | undefined>;

/**
 * Wires the build form and the preview's send button. `start` checks the page's inputs (undefined:
 * it said what is missing) and answers the build's work; `render` shows the preview; the send click
 * builds (signs, encrypts) the package and hands it to `send`, and once the server took it the
 * preview is gone — a second click must not make a second (superseding) package.
 */
export function wireBuildAndSend(lang: Lang, start: () => BuildJob | undefined, render: (p: Prepared) => void, send: (pkg: Uint8Array, p: Prepared) => Promise<boolean>): void {
  let prepared: Prepared | undefined;
  byId<HTMLFormElement>("build-form").addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      clearError();
      prepared = undefined;
      hidePreview();
      const job = start();
      if (!job) return;
      await whileBusy(lang, async () => {
        const p = await job();
        if (!p) return;
        prepared = p;
        render(p);
      });
    })();
  });
  byId<HTMLButtonElement>("send-button").addEventListener("click", () => {
    void (async () => {
      const p = prepared;
      if (!p) return;
      clearError();
      await whileBusy(lang, async () => {
        setStatus(tr("msgBuilding"));
        const pkg = await buildPackage({ ...p.buildInput, now: new Date() });
        if (!(await send(pkg, p))) return;
        prepared = undefined;
        hidePreview();
      });
    })();
  });
}

/** Wires the form for a ready package: once a file is chosen, `upload` runs with the buttons disabled. */
export function wireUploadForm(lang: Lang, upload: (file: File) => Promise<unknown>): void {
  byId<HTMLFormElement>("upload-form").addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      clearError();
      const file = byId<HTMLInputElement>("package-file").files?.[0];
      if (!file) return showError(tr("msgChooseFile"));
      await whileBusy(lang, () => upload(file));
    })();
  });
}

/**
 * Uploads with progress (`bearer`: an invitation token, if any); on a refusal shows the problem and
 * answers undefined, else the receipt and whether it was an earlier one (HTTP 200).
 */
export async function uploadWithProgress(lang: Lang, body: Blob | Uint8Array, bearer?: string): Promise<{ receipt: string; again: boolean } | undefined> {
  showProgress(0);
  setStatus(tr("msgUploading"));
  const answer = await uploadPackage(body, showProgress, bearer);
  if (answer.ok) return { receipt: answer.receipt, again: answer.status === 200 };
  byId("progress-box").hidden = true;
  if ("network" in answer) showError(tr("msgNetwork"));
  else if (answer.problem) {
    const x = explainProblem(lang, answer.problem, answer.status);
    // an unknown key: say exactly what to do next (the link, or whom to contact)
    if (x.code === "SIGNER_UNKNOWN") x.details.push(tr("signerUnknownNext", { authority: pageAuthority() }));
    showError(x.headline, x.details, x.code);
  } else showError(tr("errorPrefix"), [`HTTP ${answer.status}`]);
  return undefined;
}

/** The receipt's rows every page shows (`time` formats the reception time). */
export function receiptRows(r: ReceiptView, time: (iso: string) => string): FactRow[] {
  return [
    [tr("fieldSubmissionId"), r.submissionId, "mono"],
    [tr("fieldStatus"), label("status", r.status)],
    [tr("fieldReceivedAt"), time(r.receivedAt)],
    [tr("fieldOrganisation"), formatOrgnr(r.organisation)],
    [tr("fieldCampaign"), r.campaign],
    [tr("fieldPackageSha256"), r.packageSha256, "mono"],
  ];
}

/** Shows the receipt `jws` with `rows`, offers it as a download, then checks its signature. */
export async function showReceipt(jws: string, r: ReceiptView, rows: FactRow[], again: boolean, options: { clearCheck: boolean }): Promise<void> {
  fillFacts(byId("receipt-summary"), rows);
  byId<HTMLTextAreaElement>("receipt-text").value = jws;
  setDownload(byId<HTMLAnchorElement>("receipt-download"), `${jws}\n`, `kvitto-${r.submissionId}.jws`, "application/jose");
  byId("receipt-print").onclick = () => printPart("receipt");
  const section = byId("receipt");
  section.hidden = false;
  section.tabIndex = -1;
  section.focus();
  setStatus(again ? tr("msgAcceptedAgain") : tr("msgAccepted", { status: label("status", r.status) }));
  const check = byId("receipt-check");
  if (options.clearCheck) check.textContent = "";
  const kid = await verifyReceiptSignature(jws);
  check.textContent = kid === undefined ? tr("receiptNotVerified") : tr("receiptVerified", { kid: kid.slice(0, 16) });
}
