/**
 * Codes as a person reads them in the staff pages: the words of schemas/messages.ts (CODE_WORDS)
 * in the page's language, the code itself on hover. One helper for the staff view, the registry
 * and the supervisor's page, so a status, role or actor group reads the same on each.
 */
import { codeWords, type CodeKind } from "../../../../schemas/messages.ts";
import { sentence } from "../../i18n.ts";
import { el, pageLang } from "./dom.ts";

/**
 * The words for a code in the page's language.
 * @example label("status", "superseded") // "ersatt av en senare inlämning"
 */
export const label = (kind: CodeKind, value: string): string => codeWords(kind, value, pageLang());

/** The words for a code, with the code itself on hover. */
export function coded(kind: CodeKind, value: string, tag: "span" | "td" = "span", className?: string): HTMLElement {
  const e = el(tag, sentence(label(kind, value)), className);
  e.title = value;
  return e;
}

/** Words for several codes, separated by semicolons, each with its code on hover; "–" when none. */
export function codedList(kind: CodeKind, values: readonly string[]): HTMLElement {
  const span = el("span");
  if (!values.length) span.textContent = "–";
  values.forEach((v, i) => span.append(...(i ? ["; "] : []), coded(kind, v)));
  return span;
}
