/**
 * feedback/<organisationsnummer>.html: one organisation's private feedback page — its level,
 * fractional level, work-area levels and points beside its group's typorganisation and the 30 bästa,
 * its place in the spread (top / middle / bottom, never its rank among named peers), and the
 * measures that would take it to the next level. The group figures are the published (k-anonymous)
 * ones. docs/ANALYSIS.md §Outputs.
 */
import { html, raw } from "hono/html";
import { formatOrgnr } from "../schemas/orgnr.ts";
import type { QuestionAnswer } from "../schemas/result.ts";
import type { InfosakkollenModel, ItsakkollenModel, SurveyModel } from "../schemas/survey-model.ts";
import type { Admitted } from "./admit-results.ts";
import { BENCH_LABEL, GROUP_LABEL } from "./lib/labels.ts";
import { indexModel, type ModelIndex } from "./lib/model-index.ts";
import { cell, num, page, toHtmlString, type Html } from "./lib/page.ts";
import { nextLevelOf } from "./next-level.ts";
import { takenOf, type InfosakReport, type ItsakOrganisationRow, type ItsakReport, type OrganisationRow, type Report } from "./report.ts";

const PART_TEXT = {
  top10: "bland de översta 10 %",
  middle80: "bland de mellersta 80 %",
  bottom10: "bland de nedersta 10 %",
} as const;

/** A level with a native meter bar (0–4): no chart library per page, no script, prints as drawn. */
function levelCell(v: number | null): Html {
  return v === null ? cell(null) : html`<td>${num(v)} <meter min="0" max="4" value="${v}">${num(v)}</meter></td>`;
}

function top(report: Report, model: SurveyModel, org: string, group: string): Html {
  return html`<header>
<h1>Återkoppling: ${formatOrgnr(org)}</h1>
<p class="meta">${model.title.sv} · version ${model.version} · framtagen ${report.generatedAt} · grupp: ${GROUP_LABEL[group] ?? group}</p>
${model.example ? html`<p class="example">${model.note?.sv ?? "Exempelmodell."}</p>` : ""}
<p class="note">Den här sidan är privat för organisationen. Gruppens siffror är desamma som i den publicerade rapporten; en siffra som vilar på färre än ${report.k} organisationer visas som ”–”.</p>
</header>`;
}

type Bench = { fractionalLevel: number; points: number; areas: Array<{ fractionalLevel: number; points: number }> } | null;

/** What every page of a report shares: the measure lookup and, per group, its columns (rendered once). */
interface FeedbackContext {
  measure: Map<string, { q: InfosakkollenModel["questions"][number]; m: InfosakkollenModel["questions"][number]["measures"][number] }>;
  groupColumns: Map<string, { areas: string[]; total: string }>;
}

function groupColumns(ctx: FeedbackContext, model: InfosakkollenModel, group: string, benches: readonly Bench[]): { areas: string[]; total: string } {
  let cols = ctx.groupColumns.get(group);
  if (!cols) {
    cols = {
      areas: model.areas.map((_, i) => toHtmlString(html`${benches.map((s) => html`${levelCell(s ? s.areas[i]!.fractionalLevel : null)}${cell(s ? s.areas[i]!.points : null, 0)}`)}`)),
      total: toHtmlString(html`${benches.map((s) => html`${cell(s ? s.fractionalLevel : null)}${cell(s ? s.points : null, 0)}`)}`),
    };
    ctx.groupColumns.set(group, cols);
  }
  return cols;
}

function infosakFeedback(report: InfosakReport, model: InfosakkollenModel, ix: ModelIndex, row: OrganisationRow, taken: Uint8Array, ctx: FeedbackContext): Html {
  const g = report.groups.find((x) => x.group === row.group)!;
  const names = ["Er organisation", BENCH_LABEL.benchmark, BENCH_LABEL.top30];
  // the group's columns are the same on every page of the group: rendered once, already escaped
  const cols = groupColumns(ctx, model, row.group, [g.benchmark, g.top30]);
  const next = nextLevelOf(ix, taken, row.level);
  const measure = ctx.measure;
  const level = (l: number) => model.levels.find((x) => x.level === l);
  return html`${top(report, model, row.organisation, row.group)}
<main>
<section><h2>Ert resultat</h2>
<div class="cards">
<div class="card"><div>Nivå</div><div class="v">${row.level}</div><div class="note">${row.level ? level(row.level)?.name.sv : "Nivå 1 ej uppnådd"}</div></div>
<div class="card"><div>Nivå med decimaler</div><div class="v">${num(row.fractionalLevel)}</div></div>
<div class="card"><div>Poäng</div><div class="v">${num(row.points, 0)}</div></div>
<div class="card"><div>Plats i gruppens spridning</div>${
  g.suppressed.includes(`spread.${row.spread}`)
    ? html`<div class="v">–</div><div class="note">Visas inte: för få organisationer i den delen av gruppen</div>`
    : html`<div class="v">${PART_TEXT[row.spread]}</div>`
}</div>
</div>
<p class="note">Ett arbetsområdes indikativa nivå kan ligga över organisationens nivå: nivå 1 kan saknas i ett annat område.</p>
</section>
<section><h2>Jämfört med gruppen (${GROUP_LABEL[row.group] ?? row.group})</h2>
<table><thead><tr><th>Arbetsområde</th>${names.map((name) => html`<th colspan="2">${name}</th>`)}</tr>
<tr><th></th>${names.map(() => html`<th>Nivå</th><th>Poäng</th>`)}</tr></thead><tbody>
${model.areas.map(
  (a, i) => html`<tr><td>${a.number}. ${a.title.sv}</td>${levelCell(row.areas[i]!.fractionalLevel)}${cell(row.areas[i]!.points, 0)}${raw(cols.areas[i])}</tr>`,
)}
<tr><th>Totalt</th>${cell(row.fractionalLevel)}${cell(row.points, 0)}${raw(cols.total)}</tr>
</tbody></table>
${g.top30 === null && !g.suppressed.includes("top30") ? html`<p class="note">30 bästa tas fram bara för grupper med fler än 60 svarande.</p>` : ""}
</section>
<section><h2>Till nästa nivå</h2>
${
  next === null
    ? html`<p>Ni har nått den högsta nivån.</p>`
    : html`<p>För nivå ${next.target} (${level(next.target)?.name.sv ?? ""}): ${level(next.target)?.description.sv ?? ""}</p>
${
  next.kind === "at-least-one-measure-per-question"
    ? html`<p>Vidta minst en åtgärd på var och en av dessa ${next.questions.length} frågor:</p><ul>${next.questions.map((qid) => {
        const q = model.questions.find((x) => x.id === qid)!;
        return html`<li>${q.number} ${q.text.sv}<ul>${q.measures.map((m) => html`<li>${m.text.sv} (nivå ${m.level}, ${m.points} p)</li>`)}</ul></li>`;
      })}</ul>`
    : html`<p>Vidta ${next.needed} åtgärd${next.needed === 1 ? "" : "er"} till bland dessa (lägst nivå först):</p><ul>${next.measures.map((id) => {
        const x = measure.get(id)!;
        return html`<li>${x.q.number} ${x.m.text.sv} (nivå ${x.m.level}, ${x.m.points} p)</li>`;
      })}</ul>`
}`
}
</section>
</main>`;
}

function itsakFeedback(report: ItsakReport, model: ItsakkollenModel, row: ItsakOrganisationRow): Html {
  const g = report.groups.find((x) => x.group === row.group)!;
  return html`${top(report, model, row.organisation, row.group)}
<main><section><h2>Ert resultat</h2>
<div class="cards"><div class="card"><div>Helhet (1–4)</div><div class="v">${row.value === null ? "–" : num(row.value)}</div></div>
<div class="card"><div>Gruppens helhet</div><div class="v">${g.value === null ? "–" : num(g.value)}</div></div></div>
<table><thead><tr><th>Arbetsområde</th><th>Er organisation</th><th>Gruppen</th></tr></thead><tbody>
${model.areas.map((a, i) => html`<tr><td>${a.number}. ${a.title.sv}</td>${cell(row.areas[i]!.value)}${cell(g.areas ? g.areas[i]!.value : null)}</tr>`)}
</tbody></table></section></main>`;
}

/**
 * The feedback page of each organisation of the report, one at a time (10 000 pages are never held
 * together); `results` (the admitted results the report was built from) give the measures taken,
 * for the next-level advice.
 *
 * @example for (const [orgnr, page] of feedbackPages(report, model, admitted)) await writeFile(`feedback/${orgnr}.html`, page)
 */
export function* feedbackPages(report: Report, model: SurveyModel, results: readonly Admitted[]): Generator<[string, string]> {
  const title = (org: string) => `Återkoppling – ${formatOrgnr(org)}`;
  if (report.kind === "infosakkollen") {
    const m = model as InfosakkollenModel;
    const ix = indexModel(m);
    const answers = new Map(results.map((r) => [r.organisation, r.answers as QuestionAnswer[]]));
    const ctx: FeedbackContext = { measure: new Map(m.questions.flatMap((q) => q.measures.map((x) => [x.id, { q, m: x }] as const))), groupColumns: new Map() };
    for (const row of report.organisations) {
      const taken = takenOf(ix, answers.get(row.organisation) ?? []);
      yield [row.organisation, toHtmlString(page({ title: title(row.organisation), body: infosakFeedback(report, m, ix, row, taken, ctx) }))];
    }
    return;
  }
  for (const row of report.organisations) {
    yield [row.organisation, toHtmlString(page({ title: title(row.organisation), body: itsakFeedback(report, model as ItsakkollenModel, row) }))];
  }
}
