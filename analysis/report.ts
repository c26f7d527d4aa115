/**
 * Builds the `kollen-report/1` object from admitted results (docs/ANALYSIS.md §Report):
 * per organisation its level, fractional level, points, work areas, rank within its actor group and
 * place in the spread; per group the level distribution, mean level, benchmark, 30 bästa, spread
 * benchmarks, cooperation lists and participation, each figure k-anonymous; the change between rounds
 * when a previous round is given; the excluded inputs. Numbers are never rounded here.
 *
 * `report.json` (this object) is the authority's internal file: it holds a row per organisation.
 * `publicReport` keeps only what may be published (the groups and the change).
 */
import { KollenError } from "../schemas/errors.ts";
import type { QuestionAnswer, StatementAnswer } from "../schemas/result.ts";
import type { InfosakkollenModel, ItsakkollenModel, LoadedSurveyModel } from "../schemas/survey-model.ts";
import type { Admitted, Excluded } from "./admit-results.ts";
import { publish } from "./anonymity.ts";
import { benchmarkOf } from "./benchmark.ts";
import { changeBetween, type Change } from "./change.ts";
import { cooperationOf, type Cooperation } from "./cooperation.ts";
import { levelDistribution, type LevelDistribution } from "./distribution.ts";
import { itsakGroupOf, itsakScoreOf, type ItsakGroupFigures, type ItsakScore } from "./itsakkollen.ts";
import { indexModel, type ModelIndex, type Taken } from "./lib/model-index.ts";
import { participationOf, type Participation } from "./participation.ts";
import { BASE_GROUPS, FORVALTNING_MEMBERS, REPORT_GROUPS, groupResolver, reportGroupsOf, type BaseGroup, type Registry, type ReportGroup } from "./registry.ts";
import { rankByResultattal } from "./resultattal.ts";
import { scoreOf, type AreaScore, type Score } from "./score.ts";
import { SPREAD_PARTS, spreadParts, type SpreadPart } from "./spread.ts";
import { top30Members } from "./top30.ts";

export const REPORT_FORMAT = "kollen-report/1";

export interface ReportModel {
  id: string;
  sha256: string;
  kind: "infosakkollen" | "itsakkollen";
  version: string;
}

export interface OrganisationRow {
  organisation: string;
  group: BaseGroup;
  level: number;
  fractionalLevel: number;
  points: number;
  /** competition rank by resultattal within its group (1 = best) */
  rank: number;
  /** its part of the group's spread */
  spread: SpreadPart;
  areas: AreaScore[];
  /** confirmed covered organisations */
  covers: string[];
  source: string;
}

export interface GroupFigures {
  group: ReportGroup;
  respondents: number;
  levelDistribution: LevelDistribution | null;
  meanLevel: number | null;
  benchmark: Score | null;
  /** null when the group has 60 members or fewer (or when suppressed) */
  top30: Score | null;
  spread: Record<SpreadPart, Score | null>;
  cooperation: Cooperation | null;
  participation: Participation;
  /** how many organisations each figure rests on */
  bases: Record<string, number | null>;
  suppressed: string[];
}

export interface ItsakOrganisationRow {
  organisation: string;
  group: BaseGroup;
  value: number | null;
  areas: ItsakScore["areas"];
  covers: string[];
  source: string;
}

export interface ItsakGroupRow {
  group: ReportGroup;
  respondents: number;
  value: number | null;
  areas: ItsakGroupFigures["areas"] | null;
  distribution: ItsakGroupFigures["distribution"] | null;
  participation: Participation;
  bases: Record<string, number | null>;
  suppressed: string[];
}

interface ReportCommon {
  format: typeof REPORT_FORMAT;
  generatedAt: string;
  model: ReportModel;
  k: number;
  excluded: Excluded[];
}

export interface InfosakReport extends ReportCommon {
  kind: "infosakkollen";
  organisations: OrganisationRow[];
  groups: GroupFigures[];
  change?: Change;
}

export interface ItsakReport extends ReportCommon {
  kind: "itsakkollen";
  organisations: ItsakOrganisationRow[];
  groups: ItsakGroupRow[];
}

export type Report = InfosakReport | ItsakReport;

export interface AnalysisInput {
  model: LoadedSurveyModel;
  results: readonly Admitted[];
  excluded: readonly Excluded[];
  registry?: Registry;
  /** the previous round (Infosäkkollen only), answered with `model` (its own or this round's) */
  previous?: { model: LoadedSurveyModel; results: readonly Admitted[] };
  k: number;
  /** ISO 8601; the caller's clock */
  generatedAt: string;
}

/** Taken flags of one Infosäkkollen answer list. */
export function takenOf(ix: ModelIndex, answers: readonly QuestionAnswer[]): Taken {
  const taken = new Uint8Array(ix.measures.length);
  for (const a of answers) for (const m of a.measures) taken[ix.measureById.get(m)!] = 1;
  return taken;
}

function reportModel(loaded: LoadedSurveyModel): ReportModel {
  return { id: loaded.model.id, sha256: loaded.sha256, kind: loaded.model.kind, version: loaded.model.version };
}

function populationOf(registry: Registry | undefined, g: ReportGroup): number | null {
  const pop = registry?.population;
  if (!pop) return null;
  const members: readonly BaseGroup[] = g === "förvaltning" ? FORVALTNING_MEMBERS : g === "alla" ? BASE_GROUPS : [g];
  if (members.some((m) => pop[m] === undefined)) return null;
  return members.reduce((s, m) => s + pop[m]!, 0);
}

/**
 * Analyses one round. Pure: the same input gives the same report, whatever the order of `results`
 * (rows are sorted by organisationsnummer).
 *
 * @example const report = buildReport({ model, results: admitted, excluded, k: 5, generatedAt: new Date().toISOString() })
 * @throws KollenError ANALYSIS_NO_RESULTS when no result remains; BAD_INPUT for k < 1
 */
export function buildReport(input: AnalysisInput): Report {
  if (!Number.isInteger(input.k) || input.k < 1) throw new KollenError("BAD_INPUT", "k must be a whole number ≥ 1 (k måste vara ett heltal ≥ 1)");
  if (input.results.length === 0) throw new KollenError("ANALYSIS_NO_RESULTS", "no result to analyse: every input was left out, or there was none (inget resultat att analysera)");
  const results = [...input.results].sort((a, b) => (a.organisation < b.organisation ? -1 : a.organisation > b.organisation ? 1 : 0));
  const groupOf = groupResolver(input.registry);
  const confirmed = coverageConfirmer(input.registry);
  const common: ReportCommon = {
    format: REPORT_FORMAT,
    generatedAt: input.generatedAt,
    model: reportModel(input.model),
    k: input.k,
    excluded: [...input.excluded],
  };
  const members = (g: ReportGroup, group: (i: number) => BaseGroup) => results.flatMap((_, i) => (reportGroupsOf(group(i)).includes(g) ? [i] : []));
  const resp = results.map((r) => ({ organisation: r.organisation, covers: confirmed(r) }));
  const participation = (g: ReportGroup, idx: number[]) =>
    participationOf(
      idx.map((i) => resp[i]!),
      resp,
      (o) => reportGroupsOf(groupOf(o)).includes(g),
      populationOf(input.registry, g),
    );

  if (input.model.model.kind === "itsakkollen") {
    const model = input.model.model as ItsakkollenModel;
    const rows = results.map((r) => {
      const ratings = new Map((r.answers as StatementAnswer[]).map((a) => [a.statement, a.rating]));
      return { r, ratings, score: itsakScoreOf(model, ratings), group: groupOf(r.organisation) };
    });
    return {
      ...common,
      kind: "itsakkollen",
      organisations: rows.map((x, i) => ({ organisation: x.r.organisation, group: x.group, value: x.score.value, areas: x.score.areas, covers: resp[i]!.covers, source: x.r.source })),
      groups: REPORT_GROUPS.map((g) => {
        const idx = members(g, (i) => rows[i]!.group);
        const suppressed: string[] = [];
        const figures = publish({ name: "means", base: idx.length, compute: () => itsakGroupOf(model, idx.map((i) => rows[i]!)) }, input.k, suppressed);
        const distribution = publish({ name: "distribution", base: idx.length, compute: () => figures?.distribution ?? null }, input.k, suppressed);
        return {
          group: g,
          respondents: idx.length,
          value: figures?.value ?? null,
          areas: figures?.areas ?? null,
          distribution,
          participation: participation(g, idx),
          bases: { means: idx.length, distribution: idx.length },
          suppressed,
        };
      }),
    };
  }

  const ix = indexModel(input.model.model as InfosakkollenModel);
  const taken = results.map((r) => takenOf(ix, r.answers as QuestionAnswer[]));
  const scores = taken.map((t) => scoreOf(ix, t));
  const groups = results.map((r) => groupOf(r.organisation));
  const rank = new Array<number>(results.length);
  const part = new Array<SpreadPart>(results.length);
  for (const g of BASE_GROUPS) {
    const idx = members(g, (i) => groups[i]!);
    const ranks = rankByResultattal(idx.map((i) => scores[i]!));
    const parts = spreadParts(ranks);
    idx.forEach((i, j) => {
      rank[i] = ranks[j]!;
      part[i] = parts[j]!;
    });
  }

  const report: InfosakReport = {
    ...common,
    kind: "infosakkollen",
    organisations: results.map((r, i) => ({
      organisation: r.organisation,
      group: groups[i]!,
      level: scores[i]!.level,
      fractionalLevel: scores[i]!.fractionalLevel,
      points: scores[i]!.points,
      rank: rank[i]!,
      spread: part[i]!,
      areas: scores[i]!.areas,
      covers: resp[i]!.covers,
      source: r.source,
    })),
    groups: REPORT_GROUPS.map((g) => groupFigures(ix, g, members(g, (i) => groups[i]!), taken, scores, input.k, participation)),
  };
  if (input.previous) report.change = change(ix, input, results, scores, confirmed);
  return report;
}

function groupFigures(
  ix: ModelIndex,
  g: ReportGroup,
  idx: number[],
  taken: Taken[],
  scores: Score[],
  k: number,
  participation: (g: ReportGroup, idx: number[]) => Participation,
): GroupFigures {
  const suppressed: string[] = [];
  const n = idx.length;
  const memberTaken = idx.map((i) => taken[i]!);
  // ranks and spread within this report group (förvaltning and alla are ranked as one group)
  const ranks = rankByResultattal(idx.map((i) => scores[i]!));
  const parts = spreadParts(ranks);
  const top = top30Members(ranks);
  const dist = levelDistribution(idx.map((i) => scores[i]!.level));
  const bases: Record<string, number | null> = { levelDistribution: n, meanLevel: n, benchmark: n, top30: top ? top.length : null, cooperation: n };
  const spread = {} as Record<SpreadPart, Score | null>;
  const levelDist = publish({ name: "levelDistribution", base: n, compute: () => dist.distribution }, k, suppressed);
  const meanLevel = publish({ name: "meanLevel", base: n, compute: () => dist.mean }, k, suppressed);
  const benchmark = publish({ name: "benchmark", base: n, compute: () => benchmarkOf(ix, memberTaken) }, k, suppressed);
  const top30 = top ? publish({ name: "top30", base: top.length, compute: () => benchmarkOf(ix, top.map((j) => memberTaken[j]!)) }, k, suppressed) : null;
  for (const p of SPREAD_PARTS) {
    const inPart = memberTaken.filter((_, j) => parts[j] === p);
    bases[`spread.${p}`] = inPart.length;
    spread[p] = publish({ name: `spread.${p}`, base: inPart.length, compute: () => benchmarkOf(ix, inPart) }, k, suppressed);
  }
  const cooperation = publish({ name: "cooperation", base: n, compute: () => cooperationOf(ix, memberTaken) }, k, suppressed);
  return { group: g, respondents: n, levelDistribution: levelDist, meanLevel, benchmark, top30, spread, cooperation, participation: participation(g, idx), bases, suppressed };
}

/**
 * Confirmed coverage of a result: what the input confirms (the export index), plus the claimed
 * covered organisations the registry lists under the umbrella.
 */
function coverageConfirmer(registry: Registry | undefined): (r: Admitted) => string[] {
  const byUmbrella = new Map(registry?.organisations.map((o) => [o.organisation, new Set(o.covers ?? [])]));
  return (r) => {
    const listed = byUmbrella.get(r.organisation);
    const ok = new Set([...r.confirmedCovers, ...r.covers.filter((c) => listed?.has(c))]);
    ok.delete(r.organisation);
    return [...ok].sort();
  };
}

/** organisationsnummer → score, with each confirmed covered organisation carrying its umbrella's score (its own result wins). */
function resolveCoverage(rows: ReadonlyArray<{ organisation: string; covers: readonly string[]; score: Score }>): Map<string, Score> {
  const out = new Map<string, Score>();
  for (const r of rows) for (const c of r.covers) if (!out.has(c)) out.set(c, r.score);
  for (const r of rows) out.set(r.organisation, r.score);
  return out;
}

function change(ix: ModelIndex, input: AnalysisInput, results: Admitted[], scores: Score[], confirmed: (r: Admitted) => string[]): Change {
  const prev = input.previous!;
  const pix = prev.model.sha256 === input.model.sha256 ? ix : indexModel(prev.model.model as InfosakkollenModel);
  const previous = resolveCoverage(prev.results.map((r) => ({ organisation: r.organisation, covers: confirmed(r), score: scoreOf(pix, takenOf(pix, r.answers as QuestionAnswer[])) })));
  const current = resolveCoverage(results.map((r, i) => ({ organisation: r.organisation, covers: confirmed(r), score: scores[i]! })));
  return changeBetween(previous, current, ix.areas.map((a) => a.id), input.k);
}

/**
 * The publishable part of a report: the groups and the change, no organisation rows, no sources.
 *
 * @example JSON.stringify(publicReport(report))
 */
export function publicReport(report: Report): Omit<Report, "organisations" | "excluded"> & { scope: "public"; excludedCount: number } {
  const { organisations: _o, excluded, ...rest } = report;
  return { ...rest, scope: "public", excludedCount: excluded.length };
}
