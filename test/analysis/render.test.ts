/**
 * The pages: auto-escaped (a model text with markup stays text), self-contained under their own
 * CSP, suppressed cells marked, no organisation row in the publishable page; Swedish numbers.
 */
import { describe, expect, it } from "vitest";
import { num } from "../../analysis/lib/page.ts";
import { feedbackPages } from "../../analysis/render-feedback.ts";
import { renderReportHtml } from "../../analysis/render-html.ts";
import { buildReport } from "../../analysis/report.ts";
import type { InfosakkollenModel, LoadedSurveyModel } from "../../schemas/survey-model.ts";
import { FIVE, ORG, tinyLoaded } from "./fixtures.ts";

const EVIL = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
const model = structuredClone(tinyLoaded.model) as InfosakkollenModel;
model.areas[0]!.title.sv = EVIL;
model.questions[1]!.text.sv = EVIL;
const loaded: LoadedSurveyModel = { model, sha256: tinyLoaded.sha256 };
const report = buildReport({ model: loaded, results: FIVE, excluded: [{ source: "s", organisation: "2120000050", code: "SURVEY_MODEL_MISMATCH", reason: "r" }], k: 5, generatedAt: "2026-01-01T00:00:00.000Z" });

describe("report.html", () => {
  const html = renderReportHtml(report, model);
  it("escapes model texts", () => {
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });
  it("is self-contained: its own CSP, no external reference, Swedish", () => {
    // the attribute is auto-escaped (' as &#39;), which an HTML parser reads back as the policy
    const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${csp.replaceAll("'", "&#39;")}">`);
    expect(html).toContain('<html lang="sv">');
    expect(html).not.toMatch(/\b(?:src|href)="(?:https?:)?\/\//);
  });
  it("marks suppressed figures and names no organisation", () => {
    expect(html).toContain('class="suppressed"');
    expect(html).toContain("vilar på för få organisationer");
    for (const o of Object.values(ORG)) expect(html).not.toContain(o);
    expect(html).not.toContain("2120000050");
    expect(html).toContain("SURVEY_MODEL_MISMATCH");
  });
});

describe("feedback pages", () => {
  const pages = new Map(feedbackPages(report, model, FIVE));
  it("one per organisation, escaped, the next level; the spread place only when its part has k members", () => {
    expect([...pages.keys()].sort()).toEqual(Object.values(ORG).sort());
    const y = pages.get(ORG.Y)!;
    expect(y).not.toContain("<script");
    // the spread parts of five (1, 3, 1) are below k = 5: the place is not said
    expect(y).not.toContain("bland de");
    expect(y).toContain("för få organisationer i den delen av gruppen");
    expect(y).toContain("För nivå 1");
    expect(y).toContain("&lt;script&gt;"); // q2's text, the question Y lacks
    expect(pages.get(ORG.X)).toContain("Vidta 1 åtgärd till");
  });
});

describe("num", () => {
  it("writes Swedish numbers", () => {
    expect(num(2.8)).toBe("2,80");
    expect(num(1234.5)).toBe("1234,50");
    expect(num(-12345.678, 1)).toBe("\u221212\u00a0345,7");
    expect(num(-0.001)).toBe("0,00");
    expect(num(14, 0)).toBe("14");
  });
});
