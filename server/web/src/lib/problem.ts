/**
 * Turns a failure into words for the user: the server's problem+json answer (RFC 9457, with
 * Kollen's Swedish `title_sv`/`detail_sv` members and the stable `code`), or a KollenError raised in
 * the page itself (its code's message, schemas/messages.ts).
 */
import { isKollenError } from "../../../../schemas/errors.ts";
import { TEXT, codeMessage, t, type Lang, type TextKey } from "../../i18n.ts";

/** The members of a problem body the pages use. */
export interface ProblemBody {
  code?: string;
  title?: string;
  detail?: string;
  title_sv?: string;
  detail_sv?: string;
  reasons?: string[];
}

/** What to show: a headline, details and the code. */
export interface Explained {
  headline: string;
  details: string[];
  code?: string;
}

/** Parses a response body as a problem; undefined when it is not one. */
export function parseProblem(contentType: string | null, text: string): ProblemBody | undefined {
  if (!contentType?.toLowerCase().startsWith("application/problem+json")) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === "object" && v !== null && typeof (v as ProblemBody).code === "string" ? (v as ProblemBody) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The words for a server problem in `lang`: the server's own title and detail in that language;
 * in Swedish, the English detail is not shown (it is log-safe English, for support).
 */
export function explainProblem(lang: Lang, p: ProblemBody, status: number): Explained {
  const headline = (lang === "sv" ? p.title_sv : p.title) ?? p.title ?? `HTTP ${status}`;
  const details: string[] = [];
  const detail = lang === "sv" ? p.detail_sv : p.detail;
  if (detail) details.push(detail);
  for (const r of p.reasons ?? []) if (r !== p.code) details.push(codeMessage(lang, r));
  return { headline, details, code: p.code };
}

/** The words for an error thrown in the page. */
export function explainError(lang: Lang, e: unknown): Explained {
  if (isKollenError(e)) {
    const text = e.detail?.text;
    const vars = e.detail?.vars as Record<string, string> | undefined;
    const headline = typeof text === "string" && Object.hasOwn(TEXT, text) ? t(lang, text as TextKey, vars) : codeMessage(lang, e.code);
    return { headline, details: [], code: e.code };
  }
  return { headline: t(lang, "errorPrefix"), details: [codeMessage(lang, "INTERNAL")] };
}
