/**
 * Small DOM helpers of the page bundles. Text only ever goes in through textContent, never
 * innerHTML, so nothing read from a file or an answer can become markup.
 */
import { parseLang, t, type Lang, type TextKey } from "../../i18n.ts";

/** The page's language, from `<html lang>` (the server rendered it). */
export function pageLang(): Lang {
  return parseLang(document.documentElement.lang) ?? "sv";
}

/** The element with `id`; throws if the page lacks it (a programming error). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
}

/** A text of the page's language. */
export function tr(key: TextKey, vars?: Record<string, string | number>): string {
  return t(pageLang(), key, vars);
}

/** Creates an element with text content and optional class names. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** Replaces the rows of a `<dl>` with term/description pairs. */
export function fillFacts(dl: HTMLElement, rows: Array<[string, string | Node, string?]>): void {
  dl.replaceChildren();
  for (const [term, value, className] of rows) {
    dl.append(el("dt", term));
    const dd = el("dd", undefined, className);
    dd.append(value);
    dl.append(dd);
  }
}

/** The bytes of a picked file. */
export async function fileBytes(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Human-readable byte size (KiB/MiB with the page's decimal separator). */
export function formatBytes(n: number, lang: Lang = pageLang()): string {
  const fmt = (v: number) => v.toLocaleString(lang === "sv" ? "sv-SE" : "en-GB", { maximumFractionDigits: 1 });
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${fmt(n / 1024)} KiB`;
  return `${fmt(n / 1024 / 1024)} MiB`;
}

const objectUrls = new WeakMap<HTMLAnchorElement, string>();

/** Points a download link at `bytes` (a blob: URL, revoked when the link is pointed elsewhere). */
export function setDownload(a: HTMLAnchorElement, bytes: Uint8Array | string, fileName: string, type: string): void {
  const old = objectUrls.get(a);
  if (old) URL.revokeObjectURL(old);
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  objectUrls.set(a, url);
  a.href = url;
  a.download = fileName;
  a.hidden = false;
}

/** Revokes a download link's blob: URL and hides it. */
export function clearDownload(a: HTMLAnchorElement): void {
  const old = objectUrls.get(a);
  if (old) URL.revokeObjectURL(old);
  objectUrls.delete(a);
  a.removeAttribute("href");
  a.hidden = true;
}

/** The status line (role=status, aria-live=polite). */
export function setStatus(text: string): void {
  byId("status").textContent = text;
}

/** Shows an error (role=alert): a headline, optional details and the code. */
export function showError(headline: string, details: string[] = [], code?: string): void {
  const box = byId("error");
  box.replaceChildren(el("p", headline, "headline"));
  for (const d of details) box.append(el("p", d));
  if (code) box.append(el("p", `${tr("codeLabel")}: ${code}`, "code"));
  box.hidden = false;
  setStatus("");
}

/** Hides the error box. */
export function clearError(): void {
  const box = byId("error");
  box.hidden = true;
  box.replaceChildren();
}

/** The DEV banner, shown when this bundle pins the DEV keyring key. */
export function showDevBanner(pinsDevKey: boolean): void {
  if (pinsDevKey) byId("dev-banner").hidden = false;
}

/**
 * Prints only the part of the page marked `data-print-part="<part>"` (the print CSS in kollen.css
 * hides the rest while `body[data-print]` is set), through the browser's print dialogue.
 */
export function printPart(part: string): void {
  document.body.dataset.print = part;
  window.addEventListener("afterprint", () => delete document.body.dataset.print, { once: true });
  window.print();
}
