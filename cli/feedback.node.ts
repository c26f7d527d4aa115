/**
 * `kollen feedback result.json [--model FILE] [--lang sv|en] [--json]`: the organisation's own
 * feedback in the terminal — the same figures as the questionnaire page's "Återkoppling", from the same
 * module (analysis/own-feedback.ts): level with its rule in words, fractional level, each work area's
 * indicative level and points, total points, and what would take the organisation to the next level;
 * for It-säkkollen the mean per area and in total. Reads nothing from the network.
 */
import { readInput, resolveModel } from "../client-kit/cli/files.node.ts";
import { EXIT_OK, parseCommandArgs, UsageError, type Command } from "../client-kit/cli/io.node.ts";
import { ownFeedbackOf, type OwnFeedback } from "../analysis/own-feedback.ts";
import { loadResult, validateResultAgainstModel } from "../schemas/result.ts";
import type { SurveyModel } from "../schemas/survey-model.ts";

const USAGE = "kollen feedback result.json [--model FILE] [--lang sv|en] [--json]";

type Lang = "sv" | "en";

const WORDS = {
  sv: {
    title: "Återkoppling",
    level: "Nivå",
    notReached: "nivå 1 är inte uppnådd",
    fractional: "Nivå med decimaler",
    points: "Poäng",
    areas: "Arbetsområden (indikativ nivå, poäng)",
    next: (n: number, name: string) => `Till nivå ${n} (${name})`,
    top: "Högsta nivån är uppnådd.",
    openQuestions: (n: number) => `Vidta minst en åtgärd på var och en av dessa ${n} frågor:`,
    moreMeasures: (n: number) => `Vidta ${n} åtgärd${n === 1 ? "" : "er"} till, till exempel (lägst nivå först):`,
    andMore: (n: number) => `… och ${n} till`,
    mean: "Medelvärde",
    noValue: "inget besvarat",
    example: "Exempelmodell",
  },
  en: {
    title: "Feedback",
    level: "Level",
    notReached: "level 1 is not reached",
    fractional: "Fractional level",
    points: "Points",
    areas: "Work areas (indicative level, points)",
    next: (n: number, name: string) => `To level ${n} (${name})`,
    top: "The highest level is reached.",
    openQuestions: (n: number) => `Take at least one measure on each of these ${n} questions:`,
    moreMeasures: (n: number) => `Take ${n} more measure${n === 1 ? "" : "s"}, for example (lowest level first):`,
    andMore: (n: number) => `… and ${n} more`,
    mean: "Mean",
    noValue: "nothing answered",
    example: "Example model",
  },
} as const;

/** How many next-level candidates the text lists. */
const LIST = 10;

/** A figure with two decimals, in the language's style (1,50 / 1.50). */
const num = (lang: Lang, v: number) => v.toLocaleString(lang === "sv" ? "sv-SE" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * The feedback as plain text lines.
 * @example renderFeedbackText(model, ownFeedbackOf(model, result.answers), "sv")
 */
export function renderFeedbackText(model: SurveyModel, f: OwnFeedback, lang: Lang): string {
  const w = WORDS[lang];
  const out = [`${w.title}: ${model.title[lang]} (${model.id} ${model.version})`];
  if (model.example) out.push(`${w.example}: ${model.note?.[lang] ?? ""}`);
  out.push("");
  if (f.kind === "itsakkollen") {
    out.push(`${w.mean}: ${f.value === null ? w.noValue : num(lang, f.value)}`, "");
    for (const a of f.areas) out.push(`  ${a.number}. ${a.title[lang]}: ${a.value === null ? w.noValue : num(lang, a.value)} (${a.answered}/${a.total})`);
    return out.join("\n") + "\n";
  }
  out.push(`${w.level}: ${f.level}${f.reached ? ` — ${f.reached.name[lang]}: ${f.reached.description[lang]}` : ` — ${w.notReached}`}`);
  out.push(`${w.fractional}: ${num(lang, f.fractionalLevel)}`);
  out.push(`${w.points}: ${f.points} / ${f.maxPoints}`, "", `${w.areas}:`);
  for (const a of f.areas) out.push(`  ${a.number}. ${a.title[lang]}: ${num(lang, a.fractionalLevel)} (${a.level}), ${a.points} / ${a.maxPoints}`);
  out.push("");
  if (!f.next) out.push(w.top);
  else {
    out.push(`${w.next(f.next.target, f.next.name[lang])}: ${f.next.description[lang]}`);
    if (f.next.kind === "at-least-one-measure-per-question") {
      out.push(w.openQuestions(f.next.questions.length));
      for (const q of f.next.questions) out.push(`  ${q.number} ${q.text[lang]}`);
    } else {
      out.push(w.moreMeasures(f.next.needed));
      for (const m of f.next.measures.slice(0, LIST)) out.push(`  ${m.question} ${m.text[lang]} (${w.level.toLowerCase()} ${m.level}, ${m.points} p)`);
      if (f.next.measures.length > LIST) out.push(`  ${w.andMore(f.next.measures.length - LIST)}`);
    }
  }
  return out.join("\n") + "\n";
}

export const feedback: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs(argv, { model: { type: "string" }, lang: { type: "string" }, json: { type: "boolean" } }, USAGE);
  if (positionals.length !== 1) throw new UsageError("expected one result.json", USAGE);
  const lang = values.lang ?? "sv";
  if (lang !== "sv" && lang !== "en") throw new UsageError("--lang is sv or en", USAGE);
  const result = loadResult(await readInput(positionals[0]!));
  const loaded = await resolveModel(result.model.id, values.model);
  // the result must be the model's (id, hash, every item answered once) before any figure is shown
  validateResultAgainstModel(result, loaded);
  const f = ownFeedbackOf(loaded.model, result.answers);
  process.stdout.write(values.json ? JSON.stringify(f, null, 2) + "\n" : renderFeedbackText(loaded.model, f, lang));
  return EXIT_OK;
};
