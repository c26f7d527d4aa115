/**
 * The questionnaire's draft: what the page keeps in IndexedDB per campaign and organisation while
 * the user answers, and how it becomes `result.json` (schemas/result.ts) and back. Pure: no DOM, no
 * storage (./draft-store.ts keeps it), so it is tested in Node.
 */
import { KollenError } from "../../../../schemas/errors.ts";
import { formatOrgnr } from "../../../../schemas/orgnr.ts";
import { parseResult, RESULT_FORMAT, validateResultAgainstModel, type QuestionAnswer, type Result, type StatementAnswer } from "../../../../schemas/result.ts";
import type { LoadedSurveyModel, SurveyModel } from "../../../../schemas/survey-model.ts";

export type Answer = QuestionAnswer | StatementAnswer;

export interface Draft {
  campaign: string;
  organisation: string;
  model: { id: string; sha256: string };
  /** the answered questions (statements) only, in the model's order */
  answers: Answer[];
  preparedBy: { name: string; role: string; email: string };
  presented: boolean;
  presentedDate: string;
  comments: string;
  /** when the page last saved it (ISO 8601) */
  savedAt: string;
}

/** The IndexedDB key of a draft: one per campaign and organisation. */
export const draftKey = (campaign: string, organisation: string): string => `draft:${campaign}:${organisation}`;

/** An empty draft for `campaign`, `organisation` and the campaign's model. */
export function emptyDraft(campaign: string, organisation: string, loaded: LoadedSurveyModel): Draft {
  return { campaign, organisation, model: { id: loaded.model.id, sha256: loaded.sha256 }, answers: [], preparedBy: { name: "", role: "", email: "" }, presented: false, presentedDate: "", comments: "", savedAt: "" };
}

/** The model's question (statement) ids in order. */
export function itemIds(model: SurveyModel): string[] {
  return model.kind === "infosakkollen" ? model.questions.map((q) => q.id) : model.statements.map((s) => s.id);
}

/** The id an answer answers. */
export const answerItem = (a: Answer): string => ("question" in a ? a.question : a.statement);

/** `answers` with `a` set (or, when `a` is the id alone, removed), in the model's order. */
export function withAnswer(model: SurveyModel, answers: readonly Answer[], item: string, a: Answer | undefined): Answer[] {
  const by = new Map(answers.map((x) => [answerItem(x), x] as const));
  if (a) by.set(item, a);
  else by.delete(item);
  return itemIds(model).flatMap((id) => by.get(id) ?? []);
}

/** How many of the model's questions (statements) the draft leaves unanswered. */
export function unansweredCount(model: SurveyModel, d: Pick<Draft, "answers">): number {
  const have = new Set(d.answers.map(answerItem));
  return itemIds(model).filter((id) => !have.has(id)).length;
}

/**
 * The draft as `result.json`'s value, checked by the result schema (a missing name or role, a
 * malformed e-mail → `RESULT_INVALID` naming the path).
 * @example JSON.stringify(resultOfDraft(draft), null, 2)
 */
export function resultOfDraft(d: Draft): Result {
  const email = d.preparedBy.email.trim();
  const date = d.presented && d.presentedDate ? d.presentedDate : undefined;
  return parseResult({
    format: RESULT_FORMAT,
    model: d.model,
    organisation: d.organisation,
    campaign: d.campaign,
    answers: d.answers,
    preparedBy: { name: d.preparedBy.name.trim(), role: d.preparedBy.role.trim(), ...(email ? { email } : {}) },
    presentedToManagement: { presented: d.presented, ...(date ? { date } : {}) },
    ...(d.comments.trim() ? { comments: d.comments } : {}),
  });
}

/**
 * A result file opened in the page as the draft of `campaign`: it must answer the campaign's model
 * (id and hash; known items, at most once — unanswered ones are allowed, it may be a draft saved
 * earlier) and name `organisation`.
 * @throws KollenError `RESULT_MODEL_MISMATCH`, or `RESULT_WRONG_ORGANISATION` for another organisation
 */
export function draftOfResult(result: Result, campaign: string, organisation: string, loaded: LoadedSurveyModel): Draft {
  if (result.organisation !== organisation) {
    throw new KollenError("RESULT_WRONG_ORGANISATION", `the result file names the organisation ${result.organisation}, not ${organisation}`, {
      detail: { path: "organisation", text: "msgFileOtherOrg", vars: { file: formatOrgnr(result.organisation), org: formatOrgnr(organisation) } },
    });
  }
  const checked = validateResultAgainstModel(result, loaded, { partial: true });
  return {
    ...emptyDraft(campaign, organisation, loaded),
    answers: withAnswer(loaded.model, checked.answers, "", undefined),
    preparedBy: { name: result.preparedBy.name, role: result.preparedBy.role, email: result.preparedBy.email ?? "" },
    presented: result.presentedToManagement.presented,
    presentedDate: result.presentedToManagement.date ?? "",
    comments: result.comments ?? "",
  };
}
