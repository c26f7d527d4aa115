/**
 * `result.json` (`kollen-result/1`): one organisation's answers to one survey model. This is the
 * sensitive plaintext: it lives only inside `payload.age` (docs/FORMAT.md §Payload), so errors about it
 * name paths and model ids, never the answers themselves.
 *
 * The shape is checked by `Result`; whether the answers fit the model they claim (model id and file
 * hash, known questions and measures, ratings on the scale, every item answered exactly once) is
 * checked by `validateResultAgainstModel`.
 */
import { z } from "zod";
import { KollenError } from "./errors.ts";
import { parseStrictJson } from "./strict-json.ts";
import { CampaignId, ItemId, ModelId } from "./ids.ts";
import { Sha256Hex } from "./manifest.ts";
import { CanonicalOrgnr } from "./orgnr.ts";
import { describeIssues, issueDetail, type LoadedSurveyModel, type SurveyModel } from "./survey-model.ts";

export const RESULT_FORMAT = "kollen-result/1";

/** Infosäkkollen: the measures (åtgärder) taken for one question; `[]` means none. */
export const QuestionAnswer = z.strictObject({
  question: ItemId,
  measures: z.array(ItemId).max(50),
});
export type QuestionAnswer = z.infer<typeof QuestionAnswer>;

/** It-säkkollen: the rating 1–4 of one statement. */
export const StatementAnswer = z.strictObject({
  statement: ItemId,
  rating: z.number().int().min(1).max(4),
});
export type StatementAnswer = z.infer<typeof StatementAnswer>;

const Name = z.string().trim().min(1).max(200);

export const Result = z
  .strictObject({
    format: z.literal(RESULT_FORMAT),
    model: z.strictObject({ id: ModelId, sha256: Sha256Hex }),
    organisation: CanonicalOrgnr,
    campaign: CampaignId.optional(),
    answers: z.array(z.union([QuestionAnswer, StatementAnswer])).max(1000),
    preparedBy: z.strictObject({ name: Name, role: Name, email: z.email().max(254).optional() }),
    presentedToManagement: z.strictObject({ presented: z.boolean(), date: z.iso.date().optional() }),
    comments: z.string().max(20_000).optional(),
  })
  .superRefine((r, ctx) => {
    const questions = r.answers.filter((a) => "question" in a).length;
    if (questions !== 0 && questions !== r.answers.length) {
      ctx.addIssue({ code: "custom", path: ["answers"], message: "answers mix questions and statements" });
    }
    r.answers.forEach((a, i) => {
      if ("measures" in a && new Set(a.measures).size !== a.measures.length) {
        ctx.addIssue({ code: "custom", path: ["answers", i, "measures"], message: "a measure is listed twice" });
      }
    });
    if (!r.presentedToManagement.presented && r.presentedToManagement.date !== undefined) {
      ctx.addIssue({ code: "custom", path: ["presentedToManagement", "date"], message: "a date without a presentation" });
    }
  });
export type Result = z.infer<typeof Result>;

/** A result known to fit an Infosäkkollen model. */
export type InfosakkollenResult = Omit<Result, "answers"> & { answers: QuestionAnswer[] };
/** A result known to fit an It-säkkollen model. */
export type ItsakkollenResult = Omit<Result, "answers"> & { answers: StatementAnswer[] };

/**
 * Validates a parsed JSON value as a result.
 * @throws KollenError `RESULT_INVALID` naming the issue paths (never the values).
 */
export function parseResult(value: unknown): Result {
  const r = Result.safeParse(value);
  if (!r.success) {
    throw new KollenError("RESULT_INVALID", `result.json: ${describeIssues(r.error)}`, {
      detail: { issues: issueDetail(r.error) },
    });
  }
  return r.data;
}

/** Upper bound on `result.json` (answers are ids; a full Infosäkkollen is a few tens of KiB). */
export const MAX_RESULT_BYTES = 1024 * 1024;

/**
 * Reads `result.json` bytes: size limit, strict UTF-8, JSON, then `parseResult`.
 * @throws KollenError `RESULT_INVALID`
 */
export function loadResult(bytes: Uint8Array): Result {
  if (bytes.byteLength > MAX_RESULT_BYTES) throw new KollenError("RESULT_INVALID", "result.json is too large");
  let value: unknown;
  try {
    value = parseStrictJson(bytes);
  } catch {
    // No cause: V8's JSON errors quote the input, and the input is sensitive.
    throw new KollenError("RESULT_INVALID", "result.json is not strict UTF-8 JSON (FORMAT.md rule J1)");
  }
  return parseResult(value);
}

function mismatch(message: string, path: string): never {
  throw new KollenError("RESULT_MODEL_MISMATCH", `${path}: ${message}`, { detail: { path } });
}

/**
 * Checks that a result answers the given model: same model id and file hash, every answer names a
 * known question (and measures of that question) or statement (with a rating on the scale), and
 * every question or statement is answered exactly once (at most once with `partial`: a draft, as the
 * questionnaire page opens one). Messages name the first bad answer by its
 * path and model ids only.
 *
 * @example
 * const loaded = await loadSurveyModel(modelBytes);
 * validateResultAgainstModel(parseResult(json), loaded);
 * @throws KollenError `RESULT_MODEL_MISMATCH`
 */
export function validateResultAgainstModel(result: Result, loaded: LoadedSurveyModel, options: { partial?: boolean } = {}): InfosakkollenResult | ItsakkollenResult {
  const { model, sha256 } = loaded;
  if (result.model.id !== model.id) mismatch(`the result is for model ${result.model.id}, not ${model.id}`, "model.id");
  if (result.model.sha256 !== sha256) mismatch(`the model hash differs from the model file of ${model.id}`, "model.sha256");
  const partial = options.partial ?? false;
  return model.kind === "infosakkollen" ? checkQuestions(result, model, partial) : checkStatements(result, model, partial);
}

function checkQuestions(result: Result, model: Extract<SurveyModel, { kind: "infosakkollen" }>, partial: boolean): InfosakkollenResult {
  const byId = new Map(model.questions.map((q) => [q.id, q]));
  const answered = new Set<string>();
  const answers: QuestionAnswer[] = [];
  result.answers.forEach((a, i) => {
    if (!("question" in a)) return mismatch("an Infosäkkollen model is answered with questions, not statements", `answers[${i}]`);
    const q = byId.get(a.question);
    if (!q) return mismatch("unknown question", `answers[${i}].question`);
    if (answered.has(q.id)) return mismatch(`question ${q.number} is answered twice`, `answers[${i}].question`);
    answered.add(q.id);
    const measures = new Set(q.measures.map((m) => m.id));
    a.measures.forEach((m, j) => {
      if (!measures.has(m)) mismatch(`not a measure of question ${q.number}`, `answers[${i}].measures[${j}]`);
    });
    answers.push(a);
  });
  const missing = partial ? undefined : model.questions.find((q) => !answered.has(q.id));
  if (missing) mismatch(`question ${missing.number} (${missing.id}) is not answered`, "answers");
  return { ...result, answers };
}

function checkStatements(result: Result, model: Extract<SurveyModel, { kind: "itsakkollen" }>, partial: boolean): ItsakkollenResult {
  const byId = new Map(model.statements.map((s) => [s.id, s]));
  const answered = new Set<string>();
  const answers: StatementAnswer[] = [];
  result.answers.forEach((a, i) => {
    if (!("statement" in a)) return mismatch("an It-säkkollen model is answered with statements, not questions", `answers[${i}]`);
    const s = byId.get(a.statement);
    if (!s) return mismatch("unknown statement", `answers[${i}].statement`);
    if (answered.has(s.id)) return mismatch(`statement ${s.number} is answered twice`, `answers[${i}].statement`);
    answered.add(s.id);
    const [min, max] = s.scale.split("-").map(Number) as [number, number];
    if (!(a.rating >= min && a.rating <= max)) mismatch(`rating out of the scale ${s.scale}`, `answers[${i}].rating`);
    answers.push(a);
  });
  const missing = partial ? undefined : model.statements.find((s) => !answered.has(s.id));
  if (missing) mismatch(`statement ${missing.number} (${missing.id}) is not answered`, "answers");
  return { ...result, answers };
}
