/**
 * The questionnaire's "Återkoppling" as DOM: the figures of analysis/own-feedback.ts (the same
 * computation as `kollen feedback`), in the page's language. Text only through textContent.
 */
import type { OwnFeedback } from "../../../../analysis/own-feedback.ts";
import type { Lang } from "../../i18n.ts";
import { el, fillFacts, tr } from "./dom.ts";

/** How many next-level candidates are listed. */
const LIST = 10;

/** A figure with two decimals in the language's style (1,50 / 1.50), as the CLI prints it. */
const num = (lang: Lang, v: number) => v.toLocaleString(lang === "sv" ? "sv-SE" : "en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function table(head: string[], rows: Array<Array<string | number>>): HTMLTableElement {
  const t = el("table");
  const tr0 = el("tr");
  for (const h of head) tr0.append(el("th", h));
  t.append(el("thead"), el("tbody"));
  t.tHead!.append(tr0);
  for (const r of rows) {
    const row = el("tr", undefined, "area-row");
    r.forEach((v, i) => row.append(el("td", String(v), i > 0 ? "num" : undefined)));
    t.tBodies[0]!.append(row);
  }
  return t;
}

/**
 * Renders `f` into `root` (replacing what was there).
 * @example renderFeedback(byId("feedback-body"), ownFeedbackOf(model, answers), "sv")
 */
export function renderFeedback(root: HTMLElement, f: OwnFeedback, lang: Lang): void {
  root.replaceChildren();
  if (f.kind === "itsakkollen") {
    root.append(el("p", f.value === null ? tr("fbNoValue") : num(lang, f.value), "level-big"));
    root.firstElementChild!.id = "fb-mean";
    root.append(el("p", tr("fbMean"), "hint"));
    root.append(table([tr("fbArea"), tr("fbMean"), tr("fbAnswered")], f.areas.map((a) => [`${a.number}. ${a.title[lang]}`, a.value === null ? "–" : num(lang, a.value), `${a.answered}/${a.total}`])));
    return;
  }
  const level = el("p", `${tr("fbLevel")} ${f.level}`, "level-big");
  level.id = "fb-level";
  const rule = el("p", f.reached ? `${f.reached.name[lang]}: ${f.reached.description[lang]}` : tr("fbNotReached"));
  rule.id = "fb-rule";
  const facts = el("dl", undefined, "facts");
  facts.id = "fb-facts";
  fillFacts(facts, [
    [tr("fbFractional"), num(lang, f.fractionalLevel)],
    [tr("fbPoints"), tr("fbOf", { points: f.points, max: f.maxPoints })],
  ]);
  root.append(level, rule, facts, el("h3", tr("fbAreas")));
  root.append(table([tr("fbArea"), tr("fbAreaLevel"), tr("fbPoints"), tr("fbAnswered")], f.areas.map((a) => [`${a.number}. ${a.title[lang]}`, `${num(lang, a.fractionalLevel)} (${a.level})`, `${a.points}/${a.maxPoints}`, `${a.answered}/${a.total}`])));
  root.append(el("p", tr("fbAreaNote"), "hint"));
  const next = el("section");
  next.id = "fb-next";
  if (!f.next) next.append(el("p", tr("fbTop")));
  else {
    next.append(el("h3", tr("fbNext", { level: f.next.target, name: f.next.name[lang] })), el("p", f.next.description[lang]));
    const list = el("ul");
    if (f.next.kind === "at-least-one-measure-per-question") {
      next.append(el("p", tr("fbOpenQuestions", { count: f.next.questions.length })));
      for (const q of f.next.questions) list.append(el("li", `${q.number} ${q.text[lang]}`));
    } else {
      next.append(el("p", tr("fbMoreMeasures", { count: f.next.needed })));
      for (const m of f.next.measures.slice(0, LIST)) list.append(el("li", `${m.question} ${m.text[lang]} (${tr("answerMeasurePoints", { level: m.level, points: m.points })})`));
      if (f.next.measures.length > LIST) list.append(el("li", tr("fbAndMore", { count: f.next.measures.length - LIST })));
    }
    next.append(list);
  }
  root.append(next);
}
