/**
 * The Chromium rig: playwright-core driving Debian's /usr/bin/chromium, headless, with a fresh
 * profile per launch and nothing that talks to the outside (no background networking, updates,
 * sync or QUIC). Records every request the pages make (method, URL, body) and every Content
 * Security Policy violation, so tests can assert what left the browser and that the CSP held.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export interface RecordedRequest {
  method: string;
  url: string;
  body: Buffer | null;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** every request any page of the context made, with its body */
  requests: RecordedRequest[];
  /** CSP violations reported by the pages (`securitypolicyviolation` events), across navigations */
  cspViolations: string[];
  /** uncaught page errors */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Launches Chromium with a fresh user-data-dir and opens one page. */
export async function launch(opts: { locale?: string } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "kollen-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: true,
    locale: opts.locale ?? "sv-SE",
    viewport: { width: 1280, height: 900 },
  });
  const requests: RecordedRequest[] = [];
  const pageErrors: string[] = [];
  context.on("request", (r) => requests.push({ method: r.method(), url: r.url(), body: r.postDataBuffer() }));
  const cspViolations: string[] = [];
  // init scripts and bindings run outside the page's CSP; this one only listens and reports
  await context.exposeBinding("__kollenCsp", (_source, v: string) => void cspViolations.push(v));
  await context.addInitScript(() => {
    const report = (window as unknown as { __kollenCsp: (v: string) => void }).__kollenCsp;
    document.addEventListener("securitypolicyviolation", (e) => report(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  return {
    context,
    page,
    requests,
    pageErrors,
    cspViolations,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Picks a campaign from the server's list in a page's `#campaign` select (no page asks for a typed id). */
export async function pickCampaign(page: Page, id: string): Promise<void> {
  await page.waitForSelector(`#campaign option[value="${id}"]`, { state: "attached" });
  await page.selectOption("#campaign", id);
}
