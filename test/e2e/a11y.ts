/**
 * The checks every page of the browser suite passes: axe-core finds no serious or critical
 * accessibility violation (WCAG 2.2 A/AA rules and best practices), and at 390 px nothing scrolls
 * sideways; screenshots at 1280 and 390 px go to test-output/screenshots/a11y/. axe is evaluated in the page
 * through the DevTools protocol, so the page's strict CSP stays as it is (no inline script tag).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";

/** Always the test output (also under `npm run docs:screenshots`, whose pictures are chosen ones). */
const SHOTS = join("test-output", "screenshots", "a11y");
mkdirSync(SHOTS, { recursive: true });

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The serious and critical axe violations of the page as it is now: `rule: selector, …`. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; impact?: string | null; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

/** How many CSS pixels the page is wider than its viewport (0: no horizontal scroll). */
export function overflowX(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);
}

/** The elements wider than the viewport, for a readable failure. */
function widest(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("main *")]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}px`),
  );
}

export interface PageCheck {
  name: string;
  violations: string[];
  overflow390: number;
  wide: string[];
}

/**
 * Checks the page at 1280 px (axe) and at 390 px (axe again, and the sideways scroll), with a
 * full-page screenshot at each width as `<name>-1280.png` and `<name>-390.png`; back to 1280 after.
 */
export async function checkPage(page: Page, name: string): Promise<PageCheck> {
  await page.setViewportSize({ width: 1280, height: 900 });
  const wideViolations = await axeViolations(page);
  await page.screenshot({ path: join(SHOTS, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(50);
  const narrowViolations = await axeViolations(page);
  const overflow390 = await overflowX(page);
  const wide = overflow390 > 0 ? await widest(page) : [];
  await page.screenshot({ path: join(SHOTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  return { name, violations: [...new Set([...wideViolations, ...narrowViolations])], overflow390, wide };
}
