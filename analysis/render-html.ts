/**
 * report.html: the publishable page of an analysis, in Swedish — participation, level distribution,
 * benchmarks per work area with the 30 bästa and the spread, cooperation potential, change between
 * rounds — as static SVG charts and tables. Built only from the groups of the report (never the
 * organisation rows), so it is as anonymous as report-public.json: suppressed figures show as "–"
 * with the reason. docs/ANALYSIS.md §Outputs.
 */
import { html } from "hono/html";
import type { InfosakkollenModel, ItsakkollenModel, SurveyModel } from "../schemas/survey-model.ts";
import { barChartSvg } from "./lib/charts.ts";
import { cell, num, page, svg, toHtmlString, type Html } from "./lib/page.ts";
import type { GroupFigures, InfosakReport, ItsakGroupRow, ItsakReport, Report } from "./report.ts";
import type { Score } from "./score.ts";
import { BENCH_LABEL, GROUP_LABEL, GROUP_SHORT } from "./lib/labels.ts";

const SUPPRESSED_NOTE = "Visas inte: vilar på för få organisationer";

function areaTitle(model: SurveyModel, id: string): string {
  const a = model.areas.find((x) => x.id === id);
  return a ? `${a.number}. ${a.title.sv}` : id;
}

function header(report: Report, model: SurveyModel, title: string): Html {
  return html`<header>
<h1>${title}</h1>
<p class="meta">${model.title.sv} · version ${model.version} · modell ${report.model.id} (SHA-256 ${report.model.sha256.slice(0, 16)}…) · framtagen ${report.generatedAt}</p>
${model.example ? html`<p class="example">${model.note?.sv ?? "Exempelmodell."}</p>` : ""}
<p class="note">Anonymitet: ingen publicerad siffra vilar på färre än ${report.k} organisationer. En sådan siffra visas som ”–”. Antalet svarande visas alltid.</p>
</header>`;
}

function participationTable(groups: ReadonlyArray<GroupFigures | ItsakGroupRow>): Html {
  return html`<section id="deltagande"><h2>Deltagande</h2>
<table><thead><tr><th>Grupp</th><th>Svarande</th><th>Nådda organisationer</th><th>Population</th><th>Andel nådda</th></tr></thead><tbody>
${groups.map(
  (g) => html`<tr><td>${GROUP_LABEL[g.group] ?? g.group}</td><td>${g.respondents}</td><td>${g.participation.reached}</td><td>${g.participation.population ?? "uppgift saknas"}</td>${
    g.participation.share === null ? html`<td>–</td>` : html`<td>${num(100 * g.participation.share, 1)} %</td>`
  }</tr>`,
)}
</tbody></table>
<p class="note">En paraplyinlämning räknas som en svarande; nådda = paraplyorganisationen och varje bekräftad täckt organisation.</p></section>`;
}

function levelSection(groups: readonly GroupFigures[]): Html {
  const shown = groups.filter((g) => g.respondents > 0);
  const chart = barChartSvg({
    title: "Antal organisationer per nivå och grupp",
    categories: ["Nivå 0", "Nivå 1", "Nivå 2", "Nivå 3", "Nivå 4"],
    series: shown.map((g) => ({ name: GROUP_SHORT[g.group] ?? g.group, data: (["0", "1", "2", "3", "4"] as const).map((l) => (g.levelDistribution ? 100 * (g.levelDistribution[l] / g.respondents) : null)) })),
    yName: "% av gruppen",
    yMax: 100,
  });
  return html`<section id="nivaer"><h2>Nivåfördelning</h2>
<figure>${svg(chart)}<figcaption>Andel av gruppens svarande på varje nivå (0–4). Grupper med för få svarande saknar staplar.</figcaption></figure>
<table><thead><tr><th>Grupp</th><th>Svarande</th><th>Nivå 0</th><th>Nivå 1</th><th>Nivå 2</th><th>Nivå 3</th><th>Nivå 4</th><th>Medelnivå</th></tr></thead><tbody>
${groups.map(
  (g) => html`<tr><td>${GROUP_LABEL[g.group] ?? g.group}</td><td>${g.respondents}</td>${(["0", "1", "2", "3", "4"] as const).map((l) => cell(g.levelDistribution?.[l] ?? null, 0))}${cell(g.meanLevel)}</tr>`,
)}
</tbody></table></section>`;
}

function benchmarksOf(g: GroupFigures): Array<[keyof typeof BENCH_LABEL, Score | null, boolean]> {
  return [
    ["benchmark", g.benchmark, g.suppressed.includes("benchmark")],
    ["top30", g.top30, g.suppressed.includes("top30")],
    ["top10", g.spread.top10, g.suppressed.includes("spread.top10")],
    ["middle80", g.spread.middle80, g.suppressed.includes("spread.middle80")],
    ["bottom10", g.spread.bottom10, g.suppressed.includes("spread.bottom10")],
  ];
}

function benchmarkGroup(model: InfosakkollenModel, g: GroupFigures): Html {
  const rows = benchmarksOf(g);
  const drawn = rows.filter(([, s]) => s !== null);
  const chart = drawn.length
    ? barChartSvg({
        title: `${GROUP_LABEL[g.group] ?? g.group}: indikativ nivå per arbetsområde`,
        categories: model.areas.map((a) => String(a.number)),
        series: drawn.map(([name, s]) => ({ name: BENCH_LABEL[name], data: s!.areas.map((a) => a.fractionalLevel) })),
        yMax: 4,
        yName: "nivå",
      })
    : null;
  return html`<section class="group" id="grupp-${g.group}"><h3>${GROUP_LABEL[g.group] ?? g.group} (${g.respondents} svarande)</h3>
${chart ? html`<figure>${svg(chart)}<figcaption>Nivå med decimaler per arbetsområde (1–${model.areas.length}) för typorganisationen, de 30 bästa och spridningens delar.</figcaption></figure>` : html`<p class="note">${SUPPRESSED_NOTE}.</p>`}
<table><caption class="note">Kolumnerna ${model.areas.map((a) => a.number).join(", ")}: nivå med decimaler per arbetsområde.</caption><thead><tr><th>Jämförelse</th><th>Nivå</th><th>Nivå (decimaler)</th><th>Poäng</th>${model.areas.map((a) => html`<th title="${a.title.sv}">${a.number}</th>`)}</tr></thead><tbody>
${rows.map(([name, s, suppressed]) =>
  s
    ? html`<tr><td>${BENCH_LABEL[name]}</td><td>${s.level}</td><td>${num(s.fractionalLevel)}</td><td>${num(s.points, 0)}</td>${s.areas.map((a) => html`<td>${num(a.fractionalLevel)}</td>`)}</tr>`
    : html`<tr><td>${BENCH_LABEL[name]}</td><td class="suppressed" colspan="${3 + model.areas.length}">${suppressed ? `– ${SUPPRESSED_NOTE}` : "– Tas fram bara för grupper med fler än 60 svarande"}</td></tr>`,
)}
</tbody></table></section>`;
}

function cooperationSection(model: InfosakkollenModel, groups: readonly GroupFigures[]): Html {
  const q = (id: string) => {
    const x = model.questions.find((y) => y.id === id);
    return x ? `${x.number} ${x.text.sv}` : id;
  };
  return html`<section id="samverkan"><h2>Samverkanspotential</h2>
<p class="note">Lära av varandra: frågor där 40–60 % av gruppen har vidtagit minst en åtgärd. Behöver stöd utifrån: frågor där högst 20 % har vidtagit någon åtgärd.</p>
${groups
  .filter((g) => g.respondents > 0)
  .map(
    (g) => html`<h3>${GROUP_LABEL[g.group] ?? g.group}</h3>${
      g.cooperation
        ? html`<p><strong>Lära av varandra (${g.cooperation.learnFromEachOther.length}):</strong></p><ul class="ids">${g.cooperation.learnFromEachOther.map((id) => html`<li>${q(id)}</li>`)}</ul>
<p><strong>Behöver stöd utifrån (${g.cooperation.needSupport.length}):</strong></p><ul class="ids">${g.cooperation.needSupport.map((id) => html`<li>${q(id)}</li>`)}</ul>`
        : html`<p class="note">– ${SUPPRESSED_NOTE}.</p>`
    }`,
  )}
</section>`;
}

function changeSection(model: InfosakkollenModel, report: InfosakReport): Html {
  const c = report.change;
  if (!c) return html``;
  const pct = (v: number | null) => (v === null ? "–" : `${v > 0 ? "+" : ""}${num(v, 1)} %`);
  const chart = c.areas
    ? barChartSvg({
        title: "Medelpoäng per arbetsområde, föregående och denna omgång",
        categories: model.areas.map((a) => String(a.number)),
        series: [
          { name: "Föregående omgång", data: c.areas.map((a) => a.previous) },
          { name: "Denna omgång", data: c.areas.map((a) => a.current) },
        ],
        yName: "poäng",
      })
    : null;
  return html`<section id="forandring"><h2>Förändring sedan föregående omgång</h2>
<p>${c.inBoth} organisationer finns i båda omgångarna; ${c.onlyPrevious} bara i den föregående, ${c.onlyCurrent} bara i denna.</p>
${
  c.total && c.areas && chart
    ? html`<figure>${svg(chart)}<figcaption>Medelpoäng för organisationer som finns i båda omgångarna.</figcaption></figure>
<table><thead><tr><th>Arbetsområde</th><th>Föregående</th><th>Denna</th><th>Förändring</th></tr></thead><tbody>
${c.areas.map((a) => html`<tr><td>${areaTitle(model, a.area)}</td><td>${num(a.previous)}</td><td>${num(a.current)}</td><td>${pct(a.changePercent)}</td></tr>`)}
<tr><th>Totalt</th><td>${num(c.total.previous)}</td><td>${num(c.total.current)}</td><td>${pct(c.total.changePercent)}</td></tr>
</tbody></table>`
    : html`<p class="note">– ${SUPPRESSED_NOTE}.</p>`
}</section>`;
}

function excludedSection(report: Report): Html {
  if (!report.excluded.length) return html``;
  const byCode = new Map<string, number>();
  for (const e of report.excluded) byCode.set(e.code, (byCode.get(e.code) ?? 0) + 1);
  return html`<section id="uteslutna"><h2>Underlag som inte ingår</h2>
<table><thead><tr><th>Orsak (kod)</th><th>Antal</th></tr></thead><tbody>${[...byCode].map(([code, n]) => html`<tr><td>${code}</td><td>${n}</td></tr>`)}</tbody></table></section>`;
}

function infosakPage(report: InfosakReport, model: InfosakkollenModel): Html {
  const groups = report.groups;
  return page({
    title: `Rapport – ${model.title.sv}`,
    body: html`${header(report, model, `Rapport: ${model.title.sv}`)}
<main>
${participationTable(groups)}
${levelSection(groups)}
<section id="jamforelser"><h2>Typorganisation per arbetsområde, 30 bästa och spridning</h2>
<p class="note">Typorganisationen har vidtagit en åtgärd när minst hälften av gruppen har gjort det. 30 bästa: de 30 främsta efter resultattal (alla som delar plats 30 ingår), bara i grupper med fler än 60 svarande. Spridning: översta och nedersta 10 % (avrundat uppåt) och mellersta 80 % efter resultattal.</p>
<table><thead><tr><th>Nr</th><th>Arbetsområde</th></tr></thead><tbody>${model.areas.map((a) => html`<tr><td>${a.number}</td><td class="text">${a.title.sv}</td></tr>`)}</tbody></table>
${groups.filter((g) => g.respondents > 0).map((g) => benchmarkGroup(model, g))}
</section>
${cooperationSection(model, groups)}
${changeSection(model, report)}
${excludedSection(report)}
</main>`,
  });
}

function itsakPage(report: ItsakReport, model: ItsakkollenModel): Html {
  const groups = report.groups;
  const shown = groups.filter((g) => g.areas !== null);
  const chart = shown.length
    ? barChartSvg({
        title: "Medelvärde per arbetsområde och grupp",
        categories: model.areas.map((a) => String(a.number)),
        series: shown.map((g) => ({ name: GROUP_SHORT[g.group] ?? g.group, data: g.areas!.map((a) => a.value) })),
        yMax: 4,
        yName: "1–4",
      })
    : null;
  const all = groups.find((g) => g.group === "alla");
  return page({
    title: `Rapport – ${model.title.sv}`,
    body: html`${header(report, model, `Rapport: ${model.title.sv}`)}
<main>
${participationTable(groups)}
<section id="medel"><h2>Medelvärden</h2>
${chart ? html`<figure>${svg(chart)}<figcaption>Medelvärde (skala 1–4) per arbetsområde.</figcaption></figure>` : ""}
<table><caption class="note">Kolumnerna ${model.areas.map((a) => a.number).join(", ")}: medelvärde per arbetsområde.</caption><thead><tr><th>Grupp</th><th>Svarande</th><th>Helhet</th>${model.areas.map((a) => html`<th title="${a.title.sv}">${a.number}</th>`)}</tr></thead><tbody>
${groups.map((g) => html`<tr><td>${GROUP_LABEL[g.group] ?? g.group}</td><td>${g.respondents}</td>${cell(g.value)}${model.areas.map((_, i) => cell(g.areas ? g.areas[i]!.value : null))}</tr>`)}
</tbody></table></section>
<section id="fordelning"><h2>Fördelning av svar per påstående (alla)</h2>
${
  all?.distribution
    ? html`<figure>${svg(
        barChartSvg({
          title: "Antal svar per påstående och skalsteg",
          categories: model.statements.map((x) => x.number),
          series: model.scaleLabels.map((l) => ({ name: `${l.value} ${l.label.sv}`, data: all.distribution!.map((d) => d.ratings[String(l.value) as "1"]) })),
          stacked: true,
          yName: "antal",
          width: 1000,
        }),
      )}<figcaption>Hur många som gav varje skalsteg (1–4), per påstående.</figcaption></figure>
<table><thead><tr><th>Påstående</th>${model.scaleLabels.map((l) => html`<th>${l.value} ${l.label.sv}</th>`)}</tr></thead><tbody>
${all.distribution.map((d) => {
  const s = model.statements.find((x) => x.id === d.statement);
  return html`<tr><td class="text">${s ? `${s.number}. ${s.text.sv}` : d.statement}</td><td>${d.ratings["1"]}</td><td>${d.ratings["2"]}</td><td>${d.ratings["3"]}</td><td>${d.ratings["4"]}</td></tr>`;
})}</tbody></table>`
    : html`<p class="note">– ${SUPPRESSED_NOTE}.</p>`
}</section>
${excludedSection(report)}
</main>`,
  });
}

/**
 * The whole report page as a string.
 *
 * @example await writeFile("report.html", renderReportHtml(report, loaded.model))
 */
export function renderReportHtml(report: Report, model: SurveyModel): string {
  return toHtmlString(report.kind === "infosakkollen" ? infosakPage(report, model as InfosakkollenModel) : itsakPage(report, model as ItsakkollenModel));
}
