/**
 * Showing a decrypted-and-verified package (shared by the reviewer page and the admin view): the
 * outer and inner verification, the result per arbetsområde and the attachments as downloads, into
 * the report markup of server/web/pages/review.ts (reviewReportMarkup). Nothing here sends anything.
 */
import type { KeyringView, SignerReport, VerificationReport } from "../../../../client-kit/package/verify-outer.ts";
import type { Manifest } from "../../../../schemas/manifest.ts";
import { isId } from "../../../../schemas/ids.ts";
import { codeWords } from "../../../../schemas/messages.ts";
import { formatOrgnr } from "../../../../schemas/orgnr.ts";
import type { LocalizedText } from "../../../../schemas/survey-model.ts";
import { codeMessage, type TextKey } from "../../i18n.ts";
import { byId, el, fillFacts, formatBytes, pageLang, setDownload, showError, tr } from "./dom.ts";
import { fetchVerifiedKeyring } from "./keyring.ts";
import type { AreaView, ReviewOutcome } from "./open-for-review.ts";

const lang = pageLang();
const L = (text: LocalizedText) => text[lang];
const num = (n: number, digits = 0) => n.toLocaleString(lang === "sv" ? "sv-SE" : "en-GB", { maximumFractionDigits: digits });

function badge(outcome: string): HTMLElement {
  const b = el("span", codeWords("outcome", outcome, lang).toLocaleUpperCase(lang === "sv" ? "sv-SE" : "en-GB"), `badge ${outcome}`);
  b.title = outcome;
  return b;
}

function signersTable(signers: SignerReport[]): HTMLTableElement {
  const table = el("table");
  const head = el("tr");
  for (const h of [tr("reviewSigner"), "alg", tr("fieldOrganisation"), tr("reviewOutcome")]) head.append(el("th", h));
  table.append(el("thead"), el("tbody"));
  table.tHead!.append(head);
  for (const s of signers) {
    const row = el("tr");
    row.append(el("td", s.kid ?? s.name ?? "x509", "mono"), el("td", s.alg), el("td", s.orgnr ? formatOrgnr(s.orgnr) : "–"));
    const cell = el("td");
    cell.append(badge(s.outcome));
    if (s.code) cell.append(" ", el("span", `${codeMessage(lang, s.code)} (${s.code})`));
    row.append(cell);
    table.tBodies[0]!.append(row);
  }
  return table;
}

function renderOuter(report: VerificationReport, keyringChecked: boolean): void {
  const box = byId("outer-report");
  box.replaceChildren();
  const head = el("p");
  head.append(`${tr("reviewOutcome")}: `, badge(report.outcome));
  box.append(head);
  const m: Manifest | undefined = report.manifest;
  if (m) {
    const dl = el("dl", undefined, "facts");
    fillFacts(dl, [
      [tr("fieldOrganisation"), formatOrgnr(m.organisation)],
      [tr("fieldCampaign"), m.campaign],
      [tr("fieldModel"), `${m.surveyModel.id} (SHA-256 ${m.surveyModel.sha256.slice(0, 16)}…)`],
      [tr("fieldCovers"), m.covers.length ? m.covers.map(formatOrgnr).join(", ") : tr("none")],
      [tr("fieldPackageId"), m.packageId, "mono"],
      [tr("fieldCreatedAt"), new Date(m.createdAt).toLocaleString(lang === "sv" ? "sv-SE" : "en-GB")],
      [tr("fieldPayloadSize"), formatBytes(m.payload.length)],
      [tr("fieldRecipients"), m.recipients.join(", "), "mono"],
      [tr("fieldKitVersion"), `${m.kit.name} ${m.kit.version}`],
    ]);
    box.append(dl);
  }
  box.append(signersTable(report.signers));
  if (report.reasons.length) {
    box.append(el("p", tr("reviewReasons")));
    const ul = el("ul", undefined, "reasons");
    for (const r of report.reasons) ul.append(el("li", `${codeMessage(lang, r.code)} (${r.code})`));
    box.append(ul);
  }
  if (report.signers.some((s) => s.code === "SIGNER_UNKNOWN")) box.append(el("p", tr("reviewSignerUnknownHint"), "hint"));
  if (!keyringChecked) box.append(el("p", tr("reviewKeyringNotChecked"), "hint"));
}

function renderInner(view: Extract<ReviewOutcome, { ok: true }>): void {
  const box = byId("inner-report");
  box.replaceChildren(el("p", tr("reviewInnerOk")));
  const labels: Record<string, TextKey> = { schema: "reviewCheckSchema", organisation: "reviewCheckOrganisation", model: "reviewCheckModel" };
  const dl = el("dl", undefined, "facts");
  fillFacts(
    dl,
    view.checks.map((c) => [tr(labels[c.what]!), c.ok ? tr("reviewCheckPassed") : `${tr("reviewCheckFailed")}: ${codeMessage(lang, c.code ?? "")} (${c.code})`]),
  );
  box.append(dl);
}

function areaSection(a: AreaView, kind: "infosakkollen" | "itsakkollen"): HTMLElement {
  const section = el("section");
  const summary = kind === "infosakkollen" ? ` — ${num(a.taken)}/${num(a.measures)} · ${tr("reviewPoints")} ${num(a.points)}/${num(a.maxPoints)}` : a.average !== undefined ? ` — ${tr("reviewAverage")} ${num(a.average, 2)}` : "";
  section.append(el("h3", `${a.number}. ${L(a.title)}${summary}`));
  const table = el("table", undefined, "answers");
  const head = el("tr");
  const tbody = el("tbody");
  if (kind === "infosakkollen") {
    for (const [h, c] of [[tr("reviewQuestion"), ""], [tr("reviewMeasuresTaken"), ""], [tr("reviewPoints"), "num"]] as const) head.append(el("th", h, c || undefined));
    for (const q of a.questions) {
      const row = el("tr");
      row.append(el("td", `${q.number} ${L(q.text)}`));
      const cell = el("td");
      if (q.taken.length) {
        const ul = el("ul");
        for (const m of q.taken) ul.append(el("li", L(m.text)));
        cell.append(ul);
      } else cell.textContent = tr("none");
      row.append(cell, el("td", `${num(q.points)}/${num(q.maxPoints)}`, "num"));
      tbody.append(row);
    }
  } else {
    for (const [h, c] of [[tr("reviewStatement"), ""], [tr("reviewRating"), "num"]] as const) head.append(el("th", h, c || undefined));
    for (const s of a.statements) {
      const row = el("tr");
      row.append(el("td", `${s.number} ${L(s.text)}`), el("td", s.label ? `${s.rating} – ${L(s.label)}` : String(s.rating), "num"));
      tbody.append(row);
    }
  }
  const thead = el("thead");
  thead.append(head);
  table.append(thead, tbody);
  section.append(table);
  return section;
}

function renderResult(view: Extract<ReviewOutcome, { ok: true }>): void {
  const box = byId("result-view");
  box.replaceChildren();
  const r = view.result;
  if (r) {
    const dl = el("dl", undefined, "facts");
    const rows: Array<[string, string]> = [
      [tr("reviewPreparedBy"), `${r.preparedBy.name}, ${r.preparedBy.role}${r.preparedBy.email ? `, ${r.preparedBy.email}` : ""}`],
      [tr("reviewPresented"), r.presentedToManagement.presented ? `${tr("reviewYes")}${r.presentedToManagement.date ? ` (${r.presentedToManagement.date})` : ""}` : tr("reviewNo")],
    ];
    if (view.model) rows.unshift([tr("fieldModel"), `${L(view.model.title)} (${view.model.id})`]);
    if (r.comments) rows.push([tr("reviewComments"), r.comments]);
    fillFacts(dl, rows);
    box.append(dl);
    if (view.model?.note) box.append(el("p", L(view.model.note), "hint"));
  }
  if (view.model) for (const a of view.areas) box.append(areaSection(a, view.model.kind));
}

function renderAttachments(list: Array<{ name: string; bytes: Uint8Array }>): void {
  const ul = byId("attachments");
  ul.replaceChildren();
  if (!list.length) return void ul.append(el("li", tr("reviewNoAttachments")));
  for (const a of list) {
    const li = el("li");
    const link = el("a", `${a.name} (${formatBytes(a.bytes.length)})`);
    // served as opaque bytes: an attachment is never rendered inside this page
    setDownload(link, a.bytes, a.name, "application/octet-stream");
    li.append(link);
    ul.append(li);
  }
}

export async function keyringView(): Promise<KeyringView | undefined> {
  try {
    const k = await fetchVerifiedKeyring();
    return { recipients: k.recipients.map((r) => ({ id: r.id, recipient: r.recipient, status: r.status })) };
  } catch {
    return undefined;
  }
}

export async function fetchShippedModel(id: string): Promise<Uint8Array | undefined> {
  if (!isId(id)) return undefined;
  const res = await fetch(`/assets/models/${id}.json`, { cache: "no-cache" });
  return res.ok ? new Uint8Array(await res.arrayBuffer()) : undefined;
}

export function forget(): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>("#attachments a")) URL.revokeObjectURL(a.href);
  for (const id of ["outer-report", "inner-report", "result-view", "attachments"]) byId(id).replaceChildren();
  byId("report").hidden = true;
}


/**
 * Shows an outcome of openForReview: on failure the outer report (if any) and the error (through
 * `fail`, the page's error box by default); on success everything. Answers whether it was shown as
 * decrypted.
 */
export function showOutcome(view: ReviewOutcome, keyringChecked: boolean, fail: (headline: string, details: string[], code?: string) => void = showError): boolean {
  if (!view.ok) {
    if (view.report) {
      renderOuter(view.report, keyringChecked);
      byId("decrypted").hidden = true;
      byId("report").hidden = false;
      fail(codeMessage(lang, view.code), [tr("reviewFailedOuter")], view.code);
    } else fail(codeMessage(lang, view.code), [], view.code);
    return false;
  }
  renderOuter(view.report, keyringChecked);
  renderInner(view);
  renderResult(view);
  renderAttachments(view.attachments);
  byId("decrypted").hidden = false;
  byId("report").hidden = false;
  return true;
}
