/**
 * Which results go into an analysis (docs/ANALYSIS.md §Bad input):
 * - a value that is not a `kollen-result/1` → KollenError RESULT_INVALID naming the source and the
 *   path (never the value);
 * - a result for another model (id or hash) → left out, `excluded` with SURVEY_MODEL_MISMATCH;
 * - an unknown question, measure or statement id, or an item answered twice → RESULT_INVALID naming
 *   the path (never the value);
 * - two results for one organisation → the latest `createdAt` wins (input order when a time is
 *   missing or equal) and the other is `excluded` with RESULT_SUPERSEDED.
 * Unanswered questions are allowed: they have no measure taken.
 */
import { KollenError, type ErrorCode } from "../schemas/errors.ts";
import { Result, type QuestionAnswer, type StatementAnswer } from "../schemas/result.ts";
import { describeIssues, issueDetail, type LoadedSurveyModel } from "../schemas/survey-model.ts";

export interface Candidate {
  /** where it came from: a file path relative to the input, or `packages/<id>.kollen` */
  source: string;
  /** the parsed JSON of result.json */
  value: unknown;
  /** the manifest's createdAt (ISO 8601), when known */
  createdAt?: string;
  /** organisations the submission reports for (the manifest's `covers`) */
  covers?: string[];
  /** of those, the ones the input itself confirms (the export index's `state: "confirmed"`) */
  confirmedCovers?: string[];
}

export interface Excluded {
  source: string;
  organisation?: string;
  code: ErrorCode;
  reason: string;
}

export interface Admitted {
  source: string;
  organisation: string;
  createdAt?: string;
  covers: string[];
  confirmedCovers: string[];
  answers: QuestionAnswer[] | StatementAnswer[];
}

function invalid(source: string, path: string, what: string): never {
  throw new KollenError("RESULT_INVALID", `${source}: ${path}: ${what}`, { detail: { source, path } });
}

function checkIds(c: Candidate, r: Result, loaded: LoadedSurveyModel): void {
  const m = loaded.model;
  const seen = new Set<string>();
  if (m.kind === "infosakkollen") {
    const questions = new Map(m.questions.map((q) => [q.id, new Set(q.measures.map((x) => x.id))]));
    r.answers.forEach((a, i) => {
      if (!("question" in a)) return invalid(c.source, `answers[${i}]`, "a statement answer for an Infosäkkollen model (påståendesvar i en Infosäkkollen-modell)");
      const measures = questions.get(a.question);
      if (!measures) return invalid(c.source, `answers[${i}].question`, "unknown question id (okänd fråga)");
      if (seen.has(a.question)) return invalid(c.source, `answers[${i}].question`, "question answered twice (frågan besvarad två gånger)");
      seen.add(a.question);
      a.measures.forEach((id, j) => {
        if (!measures.has(id)) invalid(c.source, `answers[${i}].measures[${j}]`, "unknown measure id for its question (okänd åtgärd för frågan)");
      });
    });
    return;
  }
  const statements = new Set(m.statements.map((s) => s.id));
  r.answers.forEach((a, i) => {
    if (!("statement" in a)) return invalid(c.source, `answers[${i}]`, "a question answer for an It-säkkollen model (frågesvar i en It-säkkollen-modell)");
    if (!statements.has(a.statement)) return invalid(c.source, `answers[${i}].statement`, "unknown statement id (okänt påstående)");
    if (seen.has(a.statement)) return invalid(c.source, `answers[${i}].statement`, "statement answered twice (påståendet besvarat två gånger)");
    seen.add(a.statement);
  });
}

/**
 * Validates and de-duplicates the candidates, in input order.
 *
 * @example const { admitted, excluded } = admitResults(loaded, candidates)
 * @throws KollenError RESULT_INVALID
 */
export function admitResults(loaded: LoadedSurveyModel, candidates: readonly Candidate[]): { admitted: Admitted[]; excluded: Excluded[] } {
  const excluded: Excluded[] = [];
  const byOrg = new Map<string, { a: Admitted; order: number }>();
  candidates.forEach((c, order) => {
    const parsed = Result.safeParse(c.value);
    if (!parsed.success) {
      throw new KollenError("RESULT_INVALID", `${c.source}: not a kollen-result/1 (inte ett resultat): ${describeIssues(parsed.error)}`, { detail: { source: c.source, issues: issueDetail(parsed.error) } });
    }
    const r = parsed.data;
    if (r.model.id !== loaded.model.id || r.model.sha256 !== loaded.sha256) {
      excluded.push({ source: c.source, organisation: r.organisation, code: "SURVEY_MODEL_MISMATCH", reason: `answers model ${r.model.id}, not ${loaded.model.id} with the given hash (svarar på en annan modell)` });
      return;
    }
    checkIds(c, r, loaded);
    const a: Admitted = { source: c.source, organisation: r.organisation, covers: c.covers ?? [], confirmedCovers: c.confirmedCovers ?? [], answers: r.answers as Admitted["answers"] };
    if (c.createdAt !== undefined) a.createdAt = c.createdAt;
    const prev = byOrg.get(r.organisation);
    if (prev) {
      const newer = a.createdAt !== undefined && prev.a.createdAt !== undefined && Date.parse(a.createdAt) !== Date.parse(prev.a.createdAt) ? Date.parse(a.createdAt) > Date.parse(prev.a.createdAt) : true;
      const [keep, drop] = newer ? [{ a, order }, prev] : [prev, { a, order }];
      byOrg.set(r.organisation, keep);
      excluded.push({ source: drop.a.source, organisation: r.organisation, code: "RESULT_SUPERSEDED", reason: `a later result for the organisation is used: ${keep.a.source} (ett senare resultat används)` });
      return;
    }
    byOrg.set(r.organisation, { a, order });
  });
  const admitted = [...byOrg.values()].sort((x, y) => x.order - y.order).map((x) => x.a);
  return { admitted, excluded };
}
