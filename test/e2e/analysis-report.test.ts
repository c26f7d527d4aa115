/**
 * The analysis report in Chromium (issue 9): a 300-organisation demo population analysed in-process
 * (the same code as `kollen analyze`), report.html and a feedback page opened from file:// under
 * their own CSP — no console error, no CSP violation, no request other than the page itself, the
 * charts drawn — and screenshots written to test-output/ (never to tracked files).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admitResults } from "../../analysis/admit-results.ts";
import { demoPopulation } from "../../analysis/demo-population.ts";
import { feedbackPages } from "../../analysis/render-feedback.ts";
import { renderReportHtml } from "../../analysis/render-html.ts";
import { buildReport, type InfosakReport } from "../../analysis/report.ts";
import { loadSurveyModel } from "../../schemas/survey-model.ts";
import { launch, type Browser } from "./browser.ts";

const OUT = resolve("test-output/analysis-report");
let browser: Browser;
let report: InfosakReport;
const consoleErrors: string[] = [];

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, "feedback"), { recursive: true });
  const model = await loadSurveyModel(new Uint8Array(readFileSync("schemas/models/infosakkollen-example.json")));
  const { results, registry } = demoPopulation(model, 300, 2026);
  const { admitted, excluded } = admitResults(model, results.map((r) => ({ source: `${r.organisation}/result.json`, value: r })));
  report = buildReport({ model, results: admitted, excluded, registry, k: 5, generatedAt: "2026-06-01T08:00:00.000Z", previous: { model, results: admitted.slice(0, 200) } }) as InfosakReport;
  writeFileSync(join(OUT, "report.html"), renderReportHtml(report, model.model));
  let n = 0;
  for (const [org, page] of feedbackPages(report, model.model, admitted)) {
    writeFileSync(join(OUT, "feedback", `${org}.html`), page);
    if (++n === 3) break;
  }
  browser = await launch();
  browser.page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
});

afterAll(async () => {
  await browser?.close();
});

describe("report.html of 300 demo organisations", () => {
  it("renders with its charts, no console error, no CSP violation, no request", async () => {
    const url = pathToFileURL(join(OUT, "report.html")).href;
    await browser.page.goto(url);
    await expect(browser.page.locator("h1").textContent()).resolves.toContain("Rapport");
    // the page carries its own policy: nothing but inline styles and data: images
    await expect(browser.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content")).resolves.toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
    );
    expect(await browser.page.locator("figure svg").count()).toBeGreaterThanOrEqual(5);
    // the 30 bästa exist for kommuner (180 members > 60)
    expect(report.groups.find((g) => g.group === "kommun")!.top30).not.toBeNull();
    await expect(browser.page.locator("#grupp-kommun").textContent()).resolves.toContain("30 bästa");
    // suppressed cells are marked
    expect(await browser.page.locator("td.suppressed").count()).toBeGreaterThan(0);
    await expect(browser.page.locator("#forandring").textContent()).resolves.toContain("200 organisationer finns i båda omgångarna");
    await browser.page.screenshot({ path: join(OUT, "report.png"), fullPage: true });
    await browser.page.emulateMedia({ media: "print" });
    await browser.page.screenshot({ path: join(OUT, "report-print.png"), fullPage: false });
    await browser.page.emulateMedia({ media: "screen" });
    expect(consoleErrors).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
    expect(browser.requests.map((r) => r.url).filter((u) => u !== url)).toEqual([]);
  });

  it("a feedback page shows the organisation beside its group, its spread part and the way to the next level", async () => {
    const org = report.organisations[0]!;
    const url = pathToFileURL(join(OUT, "feedback", `${org.organisation}.html`)).href;
    const before = browser.requests.length;
    await browser.page.goto(url);
    const text = (await browser.page.locator("main").textContent()) ?? "";
    expect(text).toContain("Typorganisation");
    expect(text).toMatch(/bland de (översta 10|mellersta 80|nedersta 10) %/);
    expect(text).toContain(org.level === 4 ? "högsta nivån" : `För nivå ${org.level + 1}`);
    await browser.page.screenshot({ path: join(OUT, "feedback.png"), fullPage: true });
    expect(consoleErrors).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
    expect(browser.requests.slice(before).map((r) => r.url).filter((u) => u !== url)).toEqual([]);
  });

  it("an It-säkkollen report renders too (means and rating distribution as charts)", async () => {
    const itModel = await loadSurveyModel(new Uint8Array(readFileSync("schemas/models/itsakkollen-example.json")));
    const { results, registry } = demoPopulation(itModel, 120, 7);
    const { admitted } = admitResults(itModel, results.map((r) => ({ source: r.organisation, value: r })));
    const itReport = buildReport({ model: itModel, results: admitted, excluded: [], registry, k: 5, generatedAt: "2026-06-01T08:00:00.000Z" });
    writeFileSync(join(OUT, "report-itsak.html"), renderReportHtml(itReport, itModel.model));
    const url = pathToFileURL(join(OUT, "report-itsak.html")).href;
    const before = browser.requests.length;
    await browser.page.goto(url);
    expect(await browser.page.locator("figure svg").count()).toBe(2);
    await browser.page.screenshot({ path: join(OUT, "report-itsak.png"), fullPage: true });
    expect(consoleErrors).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
    expect(browser.requests.slice(before).map((r) => r.url).filter((u) => u !== url)).toEqual([]);
  });
});
