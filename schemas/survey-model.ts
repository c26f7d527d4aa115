/**
 * The survey model (`kollen-survey-model/1`): the questionnaire as versioned data, never code.
 *
 * Two kinds share one document format:
 * - Infosäkkollen: arbetsområden (work areas), questions grouped in sections (`"1.1"` … `"1.15"` is
 *   section 1), each question with åtgärder (measures) carrying points and a nivå (level 1–4), and four
 *   cumulative level rules. Level N requires levels 1..N-1.
 * - It-säkkollen: statements over work areas, each rated on the scale 1–4.
 *
 * The exact bytes of the model file are hashed (`modelSha256`) and the hash goes into every manifest
 * (docs/FORMAT.md §Manifest, `surveyModel.sha256`), so a result is always read against the model it
 * was answered with. DESIGN.md §Analysis.
 */
import { z } from "zod";
import { KollenError } from "./errors.ts";
import { ItemId, ModelId } from "./ids.ts";
import { sha256Hex } from "../encoding/sha256.ts";

export const SURVEY_MODEL_FORMAT = "kollen-survey-model/1";


/** A text in Swedish first, English second. */
export const LocalizedText = z.strictObject({
  sv: z.string().min(1).max(4000),
  en: z.string().min(1).max(4000),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

const Level = z.number().int().min(1).max(4);

export const Area = z.strictObject({
  id: ItemId,
  number: z.number().int().min(1).max(99),
  title: LocalizedText,
});

export const Measure = z.strictObject({
  id: ItemId,
  text: LocalizedText,
  points: z.number().int().min(0).max(1000),
  /** The nivå the measure belongs to (1–4). */
  level: Level,
});
export type Measure = z.infer<typeof Measure>;

export const Question = z.strictObject({
  id: ItemId,
  /** `"<section>.<n>"`, e.g. `"1.1"`. */
  number: z.string().regex(/^\d{1,2}\.\d{1,3}$/, "question number: section.n, e.g. 1.1"),
  section: z.number().int().min(1).max(99),
  area: ItemId,
  text: LocalizedText,
  measures: z.array(Measure).min(1).max(50),
});
export type Question = z.infer<typeof Question>;

/**
 * A machine-readable level rule (what `kollen analyze` evaluates):
 * - `at-least-one-measure-per-question`: every question of `section` has at least one measure taken
 *   (Infosäkkollen level 1: the 15 questions of section 1);
 * - `share-of-measures`: of all measures with level ≤ `maxLevel`, at least `minShare` are taken.
 */
export const LevelRule = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("at-least-one-measure-per-question"), section: z.number().int().min(1).max(99) }),
  z.strictObject({ kind: z.literal("share-of-measures"), maxLevel: Level, minShare: z.number().gt(0).max(1) }),
]);
export type LevelRule = z.infer<typeof LevelRule>;

export const LevelDefinition = z.strictObject({
  level: Level,
  name: LocalizedText,
  /** The rule in words, as shown to the organisation. */
  description: LocalizedText,
  rule: LevelRule,
});
export type LevelDefinition = z.infer<typeof LevelDefinition>;

export const Statement = z.strictObject({
  id: ItemId,
  number: z.string().regex(/^\d{1,3}(?:\.\d{1,3})?$/, "statement number, e.g. 12"),
  area: ItemId,
  text: LocalizedText,
  scale: z.literal("1-4"),
});
export type Statement = z.infer<typeof Statement>;

export const ScaleLabel = z.strictObject({ value: Level, label: LocalizedText });

const common = {
  format: z.literal(SURVEY_MODEL_FORMAT),
  id: ModelId,
  version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.+-]{0,31}$/, "version: e.g. 2024.1"),
  title: LocalizedText,
  /** True for the example models shipped with the project; `note` then says so plainly. */
  example: z.boolean(),
  note: LocalizedText.optional(),
  areas: z.array(Area).min(1).max(50),
};

export const InfosakkollenModel = z.strictObject({
  ...common,
  kind: z.literal("infosakkollen"),
  questions: z.array(Question).min(1).max(500),
  levels: z.array(LevelDefinition).length(4),
});
export type InfosakkollenModel = z.infer<typeof InfosakkollenModel>;

export const ItsakkollenModel = z.strictObject({
  ...common,
  kind: z.literal("itsakkollen"),
  statements: z.array(Statement).min(1).max(500),
  /** The meaning of each value of the scale 1–4. */
  scaleLabels: z.array(ScaleLabel).length(4),
});
export type ItsakkollenModel = z.infer<typeof ItsakkollenModel>;

type Ctx = z.core.$RefinementCtx;

function unique(ctx: Ctx, values: readonly (string | number)[], path: (string | number)[], what: string): void {
  const seen = new Set<string | number>();
  values.forEach((v, i) => {
    if (seen.has(v)) ctx.addIssue({ code: "custom", path: [...path, i], message: `duplicate ${what}` });
    seen.add(v);
  });
}

function checkCommon(m: { example: boolean; note?: unknown; areas: { id: string; number: number }[] }, ctx: Ctx): void {
  if (m.example && m.note === undefined) ctx.addIssue({ code: "custom", path: ["note"], message: "an example model must carry a note" });
  unique(ctx, m.areas.map((a) => a.id), ["areas"], "area id");
  unique(ctx, m.areas.map((a) => a.number), ["areas"], "area number");
}

function checkInfosakkollen(m: InfosakkollenModel, ctx: Ctx): void {
  checkCommon(m, ctx);
  const areas = new Set(m.areas.map((a) => a.id));
  unique(ctx, m.questions.map((q) => q.id), ["questions"], "question id");
  unique(ctx, m.questions.map((q) => q.number), ["questions"], "question number");
  const measureIds: string[] = [];
  const measurePaths: (string | number)[][] = [];
  m.questions.forEach((q, i) => {
    if (!areas.has(q.area)) ctx.addIssue({ code: "custom", path: ["questions", i, "area"], message: "no such area" });
    if (q.number.split(".")[0] !== String(q.section)) {
      ctx.addIssue({ code: "custom", path: ["questions", i, "number"], message: "number does not start with the section" });
    }
    q.measures.forEach((ms, j) => {
      measureIds.push(ms.id);
      measurePaths.push(["questions", i, "measures", j, "id"]);
    });
  });
  const seen = new Set<string>();
  measureIds.forEach((id, k) => {
    if (seen.has(id)) ctx.addIssue({ code: "custom", path: measurePaths[k]!, message: "duplicate measure id" });
    seen.add(id);
  });
  m.levels.forEach((l, i) => {
    if (l.level !== i + 1) ctx.addIssue({ code: "custom", path: ["levels", i, "level"], message: "levels must be 1, 2, 3, 4 in order" });
    const r = l.rule;
    if (r.kind === "at-least-one-measure-per-question" && !m.questions.some((q) => q.section === r.section)) {
      ctx.addIssue({ code: "custom", path: ["levels", i, "rule", "section"], message: "the section has no questions" });
    }
    if (r.kind === "share-of-measures" && !m.questions.some((q) => q.measures.some((ms) => ms.level <= r.maxLevel))) {
      ctx.addIssue({ code: "custom", path: ["levels", i, "rule", "maxLevel"], message: "no measures at or below this level" });
    }
  });
}

function checkItsakkollen(m: ItsakkollenModel, ctx: Ctx): void {
  checkCommon(m, ctx);
  const areas = new Set(m.areas.map((a) => a.id));
  unique(ctx, m.statements.map((s) => s.id), ["statements"], "statement id");
  unique(ctx, m.statements.map((s) => s.number), ["statements"], "statement number");
  m.statements.forEach((s, i) => {
    if (!areas.has(s.area)) ctx.addIssue({ code: "custom", path: ["statements", i, "area"], message: "no such area" });
  });
  m.scaleLabels.forEach((l, i) => {
    if (l.value !== i + 1) ctx.addIssue({ code: "custom", path: ["scaleLabels", i, "value"], message: "scale labels must be 1, 2, 3, 4 in order" });
  });
}

/** The survey model document, with its cross-checks (unique ids, areas exist, levels in order). */
export const SurveyModel = z
  .discriminatedUnion("kind", [InfosakkollenModel, ItsakkollenModel])
  .superRefine((m, ctx) => (m.kind === "infosakkollen" ? checkInfosakkollen(m, ctx) : checkItsakkollen(m, ctx)));
export type SurveyModel = z.infer<typeof SurveyModel>;

/** A model together with the SHA-256 of the exact file bytes it was read from. */
export interface LoadedSurveyModel {
  model: SurveyModel;
  /** 64 lowercase hex digits: SHA-256 over the file bytes (the value manifests carry). */
  sha256: string;
}

/**
 * A log-safe summary of zod issues: paths and issue codes only, never the input values
 * (a result's values are answers, and answers are sensitive).
 *
 * @example describeIssues(err) // "answers[3].measures: invalid_type; organisation: custom(ORGNR_CHECKSUM)"
 */
export function describeIssues(error: z.ZodError, max = 10): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const param = issue.code === "custom" ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
    return `${formatPath(issue.path) || "(root)"}: ${issue.code}${typeof param === "string" ? `(${param})` : ""}`;
  });
  const more = error.issues.length > max ? `; and ${error.issues.length - max} more` : "";
  return parts.join("; ") + more;
}

/** Issue paths and codes as structured, log-safe detail. */
export function issueDetail(error: z.ZodError, max = 20): { path: string; code: string }[] {
  return error.issues.slice(0, max).map((i) => ({ path: formatPath(i.path), code: i.code }));
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += (out ? "." : "") + String(p);
  }
  return out;
}

/**
 * Validates a parsed JSON value as a survey model.
 * @throws KollenError `SURVEY_MODEL_INVALID` naming the issue paths.
 */
export function parseSurveyModel(value: unknown): SurveyModel {
  const r = SurveyModel.safeParse(value);
  if (!r.success) {
    throw new KollenError("SURVEY_MODEL_INVALID", `survey model: ${describeIssues(r.error)}`, {
      detail: { issues: issueDetail(r.error) },
    });
  }
  return r.data;
}

/**
 * SHA-256 over the exact bytes of a model file, as 64 lowercase hex digits: the hash put in manifests.
 *
 * @example await modelSha256(await readFile("schemas/models/infosakkollen-example.json"))
 */
export async function modelSha256(bytes: Uint8Array): Promise<string> {
  return sha256Hex(bytes);
}

/** Upper bound on a model file; the real catalogues are well under 1 MiB. */
export const MAX_MODEL_BYTES = 4 * 1024 * 1024;

/**
 * Reads a model file: size limit, strict UTF-8, JSON, schema, then the hash of the exact bytes.
 * @throws KollenError `SURVEY_MODEL_INVALID`
 */
export async function loadSurveyModel(bytes: Uint8Array): Promise<LoadedSurveyModel> {
  if (bytes.byteLength > MAX_MODEL_BYTES) throw new KollenError("SURVEY_MODEL_INVALID", "survey model file is too large");
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    // No cause: V8's JSON errors quote the input.
    throw new KollenError("SURVEY_MODEL_INVALID", "survey model file is not UTF-8 JSON");
  }
  const model = parseSurveyModel(value);
  return { model, sha256: await modelSha256(bytes) };
}
