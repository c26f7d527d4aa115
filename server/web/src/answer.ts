/**
 * The questionnaire in the browser (`/besvara`): the open campaigns from the server, the campaign's
 * survey model (its exact bytes, so the hash is the one the server pins), the questions drawn from
 * it, the draft kept in IndexedDB as the user goes, the feedback beside the questions
 * (analysis/own-feedback.ts), the draft as result.json and back, and at the end the package signed,
 * encrypted and sent as from the portal. The answers never leave the page in clear: the only request
 * with a body is the upload of the encrypted package.
 */
import "./lib/csp.ts";
import { ownFeedbackOf } from "../../../analysis/own-feedback.ts";
import { PINS_DEV_KEY } from "../../../keys/published/index.ts";
import { canonicalOrgnr, formatOrgnr, orgnrProblem } from "../../../schemas/orgnr.ts";
import { loadResult, MAX_RESULT_BYTES } from "../../../schemas/result.ts";
import { loadSurveyModel, type LoadedSurveyModel, type SurveyModel } from "../../../schemas/survey-model.ts";
import { isKollenError } from "../../../schemas/errors.ts";
import { codeMessage } from "../i18n.ts";
import { api } from "./lib/api.ts";
import { fillCampaigns } from "./lib/campaigns.ts";
import { byId, clearError, el, fileBytes, pageAuthority, pageLang, printPart, setDownload, setStatus, showDevBanner, showError, tr } from "./lib/dom.ts";
import { answerItem, draftOfResult, emptyDraft, resultOfDraft, unansweredCount, withAnswer, type Draft } from "./lib/draft.ts";
import * as store from "./lib/draft-store.ts";
import { renderFeedback } from "./lib/feedback-view.ts";
import { prepareSubmission, type Prepared } from "./lib/prepare.ts";
import { readReceipt } from "./lib/receipt.ts";
import * as flow from "./lib/submit-flow.ts";

const lang = pageLang();
const campaignSelect = byId<HTMLSelectElement>("campaign");
const orgInput = byId<HTMLInputElement>("organisation");
const fail = (e: unknown): void => flow.showFailure(lang, e);

/** What is being answered: the campaign's model (bytes too, for the package) and the draft. */
let current: { loaded: LoadedSurveyModel; modelBytes: Uint8Array; draft: Draft } | undefined;

// --- the campaign and the organisation

async function fetchModel(campaign: string): Promise<Uint8Array> {
  const res = await api.api.v1.campaigns[":id"].model.$get({ param: { id: campaign } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function start(): Promise<void> {
  clearError();
  const campaign = campaignSelect.value;
  const organisation = canonicalOrgnr(orgInput.value);
  if (!campaign || !organisation) {
    const problem = orgInput.value.trim() ? orgnrProblem(orgInput.value) : undefined;
    return showError(tr("msgPickCampaignOrg"), problem ? [codeMessage(lang, problem)] : [], problem);
  }
  orgInput.value = formatOrgnr(organisation);
  let modelBytes: Uint8Array;
  try {
    modelBytes = await fetchModel(campaign);
  } catch {
    return showError(tr("msgModelUnavailable", { authority: pageAuthority() }));
  }
  const loaded = await loadSurveyModel(modelBytes);
  const saved = await store.loadDraft(campaign, organisation).catch(() => undefined);
  const fits = saved && saved.model.id === loaded.model.id && saved.model.sha256 === loaded.sha256;
  current = { loaded, modelBytes, draft: fits ? saved : emptyDraft(campaign, organisation, loaded) };
  history.replaceState(null, "", `?campaign=${encodeURIComponent(campaign)}`);
  drawQuestionnaire();
  // what the printed feedback is about
  byId("feedback-meta").textContent = `${formatOrgnr(organisation)} · ${loaded.model.title[lang]} · ${campaign} · ${new Date().toLocaleDateString(lang === "sv" ? "sv-SE" : "en-GB", { dateStyle: "long" })}`;
  fillAbout();
  for (const id of ["draft-tools", "answer-layout", "about", "send"]) byId(id).hidden = false;
  refresh();
  if (!store.available()) showError(tr("msgDraftUnavailable"));
  else if (fits) setStatus(tr("msgDraftRestored"));
  else setStatus("");
}

// --- the questionnaire, drawn from the model

function drawQuestionnaire(): void {
  const { model } = current!.loaded;
  byId("model-title").textContent = model.title[lang];
  byId("model-note").textContent = model.note?.[lang] ?? "";
  const root = byId("areas");
  root.replaceChildren();
  for (const area of model.areas) {
    const section = el("section", undefined, "area card");
    section.id = `area-${area.id}`;
    const h = el("h2", `${area.number}. ${area.title[lang]}`);
    const progress = el("span", "", "area-progress");
    progress.id = `progress-${area.id}`;
    h.append(" ", progress);
    section.append(h);
    if (model.kind === "infosakkollen") for (const q of model.questions.filter((x) => x.area === area.id)) section.append(questionFieldset(q));
    else for (const s of model.statements.filter((x) => x.area === area.id)) section.append(statementFieldset(model, s));
    root.append(section);
  }
  showAnswers();
}

type InfosakQuestion = Extract<SurveyModel, { kind: "infosakkollen" }>["questions"][number];
type ItsakStatement = Extract<SurveyModel, { kind: "itsakkollen" }>["statements"][number];

function choice(type: "checkbox" | "radio", id: string, label: string, meta?: string, className = "choice"): { wrap: HTMLLabelElement; input: HTMLInputElement } {
  const wrap = el("label", undefined, className);
  const input = el("input");
  input.type = type;
  input.id = id;
  wrap.htmlFor = id;
  const span = el("span", label);
  wrap.append(input, span);
  if (meta) wrap.append(" ", el("span", meta, "meta"));
  return { wrap, input };
}

function questionFieldset(q: InfosakQuestion): HTMLFieldSetElement {
  const fs = el("fieldset", undefined, "question");
  fs.id = `q-${q.id}`;
  fs.append(el("legend", `${q.number} ${q.text[lang]}`));
  const boxes: HTMLInputElement[] = [];
  for (const m of q.measures) {
    const { wrap, input } = choice("checkbox", `m-${m.id}`, m.text[lang], `(${tr("answerMeasurePoints", { level: m.level, points: m.points })})`);
    input.value = m.id;
    input.dataset.measure = q.id;
    boxes.push(input);
    fs.append(wrap);
  }
  const none = choice("checkbox", `none-${q.id}`, tr("answerNoMeasure"), undefined, "choice none");
  none.input.dataset.none = q.id;
  fs.append(none.wrap);
  fs.addEventListener("change", (e) => {
    const target = e.target as HTMLInputElement;
    if (target === none.input && none.input.checked) for (const b of boxes) b.checked = false;
    if (target !== none.input && target.checked) none.input.checked = false;
    const measures = boxes.filter((b) => b.checked).map((b) => b.value);
    answer(q.id, measures.length || none.input.checked ? { question: q.id, measures } : undefined);
  });
  return fs;
}

function statementFieldset(model: Extract<SurveyModel, { kind: "itsakkollen" }>, s: ItsakStatement): HTMLFieldSetElement {
  const fs = el("fieldset", undefined, "question");
  fs.id = `q-${s.id}`;
  fs.append(el("legend", `${s.number}. ${s.text[lang]}`));
  const scale = el("div", undefined, "scale");
  for (const v of model.scaleLabels) {
    const { wrap, input } = choice("radio", `r-${s.id}-${v.value}`, `${v.value} – ${v.label[lang]}`);
    input.name = `rating-${s.id}`;
    input.value = String(v.value);
    scale.append(wrap);
  }
  fs.append(scale);
  fs.addEventListener("change", (e) => answer(s.id, { statement: s.id, rating: Number((e.target as HTMLInputElement).value) }));
  return fs;
}

/** Ticks the boxes and radios of the draft's answers (after a restore or an opened file). */
function showAnswers(): void {
  const d = current!.draft;
  for (const i of document.querySelectorAll<HTMLInputElement>("#areas input")) i.checked = false;
  for (const a of d.answers) {
    if ("question" in a) {
      if (a.measures.length === 0) byId<HTMLInputElement>(`none-${a.question}`).checked = true;
      for (const m of a.measures) byId<HTMLInputElement>(`m-${m}`).checked = true;
    } else byId<HTMLInputElement>(`r-${a.statement}-${a.rating}`).checked = true;
  }
}

// --- the draft: kept as the user goes

let saving: Promise<void> = Promise.resolve();
/** Saves asked for and not finished yet: leaving the page now would lose the last change. */
let unsaved = 0;
window.addEventListener("beforeunload", (e) => {
  if (unsaved > 0) e.preventDefault(); // the browser asks whether to leave
});

function answer(item: string, a: Parameters<typeof withAnswer>[3]): void {
  const c = current!;
  c.draft = { ...c.draft, answers: withAnswer(c.loaded.model, c.draft.answers, item, a) };
  refresh();
  persist();
}

/** Saves the draft (one write at a time, in order), then says so (or `done`). */
function persist(done?: string): void {
  const d = { ...current!.draft, savedAt: new Date().toISOString() };
  current!.draft = d;
  unsaved++;
  saving = saving
    .then(() => store.saveDraft(d))
    .then(() => setStatus(done ?? tr("msgDraftSaved", { time: flow.localTime(lang, d.savedAt, "medium") })))
    .catch(() => showError(tr("msgDraftUnavailable")))
    .finally(() => unsaved--);
}

/** Progress per work area, the open questions marked, and the feedback. */
function refresh(): void {
  const { loaded, draft } = current!;
  const f = ownFeedbackOf(loaded.model, draft.answers);
  const answered = new Set(draft.answers.map(answerItem));
  for (const a of f.areas) byId(`progress-${a.id}`).textContent = tr(f.kind === "infosakkollen" ? "answerProgress" : "answerProgressStatements", { answered: a.answered, total: a.total });
  for (const fs of document.querySelectorAll<HTMLFieldSetElement>("#areas fieldset.question")) fs.classList.toggle("open", !answered.has(fs.id.slice(2)));
  renderFeedback(byId("feedback-body"), f, lang);
}

const ABOUT = { name: "prepared-name", role: "prepared-role", email: "prepared-email" } as const;

function fillAbout(): void {
  const d = current!.draft;
  for (const [k, id] of Object.entries(ABOUT)) byId<HTMLInputElement>(id).value = d.preparedBy[k as keyof typeof ABOUT];
  byId<HTMLInputElement>("presented").checked = d.presented;
  byId<HTMLInputElement>("presented-date").value = d.presentedDate;
  byId<HTMLTextAreaElement>("comments").value = d.comments;
}

byId("about").addEventListener("input", () => {
  if (!current) return;
  current.draft = {
    ...current.draft,
    preparedBy: { name: byId<HTMLInputElement>(ABOUT.name).value, role: byId<HTMLInputElement>(ABOUT.role).value, email: byId<HTMLInputElement>(ABOUT.email).value },
    presented: byId<HTMLInputElement>("presented").checked,
    presentedDate: byId<HTMLInputElement>("presented-date").value,
    comments: byId<HTMLTextAreaElement>("comments").value,
  };
  persist();
});

// --- file, clear, print

/** result.json of the draft, or undefined when it said what is missing. */
function resultBytes(): Uint8Array | undefined {
  const d = current!.draft;
  if (!d.preparedBy.name.trim() || !d.preparedBy.role.trim()) {
    showError(tr("msgNeedPreparedBy"));
    byId(ABOUT.name).focus();
    return undefined;
  }
  return new TextEncoder().encode(`${JSON.stringify(resultOfDraft(d), null, 2)}\n`);
}

byId("save-file").addEventListener("click", () => {
  clearError();
  try {
    const bytes = resultBytes();
    if (!bytes) return;
    const link = byId<HTMLAnchorElement>("save-link");
    setDownload(link, bytes, `result-${current!.draft.organisation}-${current!.draft.campaign}.json`, "application/json");
    link.click();
    const open = unansweredCount(current!.loaded.model, current!.draft);
    setStatus(open ? tr("msgUnanswered", { count: open }) : tr("msgFileSaved"));
  } catch (e) {
    fail(e);
  }
});

byId<HTMLInputElement>("open-file").addEventListener("change", (e) => {
  const input = e.target as HTMLInputElement;
  const file = input.files?.[0];
  input.value = "";
  if (!file || !current) return;
  void (async () => {
    clearError();
    try {
      const c = current!;
      const head = await fileBytes(file.slice(0, 4));
      const isWorkbook = file.name.toLowerCase().endsWith(".xlsx") || (head[0] === 0x50 && head[1] === 0x4b);
      const result = isWorkbook ? await fromWorkbook(file, c) : loadResult(await fileBytes(file.size > MAX_RESULT_BYTES ? file.slice(0, MAX_RESULT_BYTES + 1) : file));
      if (result.model.id !== c.loaded.model.id) return showError(codeMessage(lang, "RESULT_MODEL_MISMATCH"), [tr("msgFileOtherModel", { file: result.model.id, model: c.loaded.model.id })], "RESULT_MODEL_MISMATCH");
      c.draft = draftOfResult(result, c.draft.campaign, c.draft.organisation, c.loaded);
      showAnswers();
      fillAbout();
      refresh();
      persist(tr("msgFileOpened", { count: c.draft.answers.length }));
    } catch (err) {
      if (!(err instanceof WorkbookRefused)) fail(err);
    }
  })();
});

/**
 * A filled workbook (`kollen form xlsx`, or the page's own download) read in the page by the same
 * reader as `kollen result from-xlsx` — strictly: a changed text, a value outside the drop-down, a
 * formula, another model → RESULT_INVALID naming the sheet and cell. exceljs is loaded only now (its
 * own chunk), so the questionnaire does not carry it.
 */
async function fromWorkbook(file: File, c: NonNullable<typeof current>) {
  const { readWorkbook } = await import("../../../client-kit/workbook/read.ts");
  const { MAX_WORKBOOK_BYTES } = await import("../../../client-kit/workbook/layout.ts");
  const bytes = await fileBytes(file.size > MAX_WORKBOOK_BYTES ? file.slice(0, MAX_WORKBOOK_BYTES + 1) : file);
  try {
    return await readWorkbook(bytes, async () => c.loaded, { organisation: c.draft.organisation, campaign: c.draft.campaign });
  } catch (e) {
    // the reader's message names the sheet and cell (log-safe: no answer in it)
    if (isKollenError(e)) showError(codeMessage(lang, e.code), [e.message], e.code);
    throw new WorkbookRefused();
  }
}

/** A workbook refusal already shown. */
class WorkbookRefused extends Error {}

byId("download-workbook").addEventListener("click", () => {
  if (!current) return;
  const c = current;
  void flow.whileBusy(lang, async () => {
    const { writeWorkbook } = await import("../../../client-kit/workbook/write.ts");
    const link = byId<HTMLAnchorElement>("workbook-link");
    setDownload(link, await writeWorkbook(c.loaded), `${c.loaded.model.id}-${c.draft.organisation}.xlsx`, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    link.click();
    setStatus(tr("msgWorkbookReady"));
  });
});

byId("clear-draft").addEventListener("click", () => {
  if (!current || !window.confirm(tr("answerClearConfirm"))) return;
  const c = current;
  void (async () => {
    await saving;
    await store.deleteDraft(c.draft.campaign, c.draft.organisation).catch(() => undefined);
    c.draft = emptyDraft(c.draft.campaign, c.draft.organisation, c.loaded);
    showAnswers();
    fillAbout();
    refresh();
    setStatus(tr("msgDraftCleared"));
  })();
});

byId("print-feedback").addEventListener("click", () => printPart("feedback"));

// --- sign, encrypt, send

function renderPreview(p: Prepared): void {
  flow.showPreview([
    [tr("fieldOrganisation"), formatOrgnr(p.organisation)],
    [tr("fieldCampaign"), p.campaign],
    [tr("fieldModel"), `${p.model.title[lang]} (${p.model.id}, SHA-256 ${p.model.sha256.slice(0, 16)}…)`],
    [tr("fieldSigners"), p.signerKids.join("\n"), "mono"],
    [tr("fieldRecipients"), flow.recipientList(p)],
    [tr("fieldEncrypted"), flow.encryptedSummary(p)],
  ]);
}

function startBuild(): flow.BuildJob | undefined {
  if (!current) return void showError(tr("msgPickCampaignOrg"));
  const c = current;
  const open = unansweredCount(c.loaded.model, c.draft);
  if (open) return void showError(tr("msgUnansweredSend", { count: open }));
  const signerFiles = [...(byId<HTMLInputElement>("signer-files").files ?? [])];
  if (signerFiles.length === 0) return void showError(tr("msgChooseResultAndKey"));
  const result = resultBytes();
  if (!result) return undefined;
  return async () => {
    const { attachments, keyring } = await flow.readBuildInputs(new Blob([result as Uint8Array<ArrayBuffer>]));
    const signerKeys = await Promise.all(signerFiles.map((f) => f.slice(0, 16 * 1024).text()));
    return prepareSubmission({ campaign: c.draft.campaign, organisation: c.draft.organisation, result, signerKeys, attachments, covers: "", model: c.modelBytes, fetchModel: flow.fetchShippedModel, keyring, now: new Date() });
  };
}

async function send(pkg: Uint8Array): Promise<boolean> {
  byId("receipt").hidden = true;
  const answer = await flow.uploadWithProgress(lang, pkg);
  if (!answer) return false;
  const r = readReceipt(answer.receipt);
  await flow.showReceipt(answer.receipt, r, flow.receiptRows(r, (iso) => flow.localTime(lang, iso, "medium")), answer.again, { clearCheck: true });
  return true;
}

flow.wireBuildAndSend(lang, startBuild, renderPreview, (pkg) => send(pkg));

// --- start

byId<HTMLFormElement>("setup-form").addEventListener("submit", (e) => {
  e.preventDefault();
  void flow.whileBusy(lang, start);
});
byId<HTMLFormElement>("questionnaire").addEventListener("submit", (e) => e.preventDefault());

// from the invitation page: the organisation that accepted the link
const orgParam = canonicalOrgnr(new URLSearchParams(location.search).get("org") ?? "");
if (orgParam) orgInput.value = formatOrgnr(orgParam);
void fillCampaigns(campaignSelect, lang, byId("setup-form").dataset.campaign ?? "").catch(fail);
showDevBanner(PINS_DEV_KEY);
