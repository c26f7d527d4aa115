/**
 * Every page of Kollen in Chromium, as an anonymous visitor and as staff with data on screen: axe-core
 * finds no serious or critical violation, nothing scrolls sideways at 390 px (tables become stacked
 * rows), there is a favicon, and the browser logs no console error (no 404, no refused session
 * probe) and no CSP violation. Screenshots at 1280 and 390 px go to the test output.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../server/accounts/add-user.ts";
import { createInvite } from "../../server/invites/create.ts";
import { inviteUrl } from "../../server/invites/token.ts";
import { checkPage, type PageCheck } from "./a11y.ts";
import { launch, pickCampaign, type Browser } from "./browser.ts";
import { examplePackage, logInAs, uploadPackage, writeFiles, writeIdentity, type Files } from "./fixtures.ts";
import { CAMPAIGN, ORG, startKollen, type KollenServer } from "./server.ts";

const PASSWORD = "Tillgänglig-för-alla-2026";
let server: KollenServer;
let files: Files;
let inviteLink = "";
let submissionId = "";

beforeAll(async () => {
  server = await startKollen();
  files = writeFiles(server);
  const cost = { log2N: 12, r: 8, p: 1 };
  await addUser(server.deps, { username: "alla-roller", password: PASSWORD, roles: ["admin", "reviewer", "analyst"] }, "cli", cost);
  const sup = await addUser(server.deps, { username: "tillsyn", password: PASSWORD, roles: ["supervisor"] }, "cli", cost);
  const inv = await createInvite(server.deps, { campaign: CAMPAIGN, sector: "energi", note: "skickad till registrator@exempel.se" }, sup.id);
  inviteLink = inviteUrl(server.url, inv.token);
  submissionId = await uploadPackage(server, await examplePackage(server, files));
});

afterAll(async () => {
  await server?.close();
});

/** The checks' verdict in one comparable value, so a failure names the page and what was wrong. */
const verdict = (r: PageCheck) => ({ page: r.name, violations: r.violations, overflow390: r.overflow390, wide: r.wide });
const clean = (name: string) => ({ page: name, violations: [], overflow390: 0, wide: [] });

const logIn = (b: Browser, username: string, lands: string) => logInAs(b.page, server, username, PASSWORD, lands);

describe("every page, anonymous", () => {
  let b: Browser;
  beforeAll(async () => {
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
  });

  const pages: Array<[string, string, string]> = [
    ["portal", "/", "#main"],
    ["portal-en", "/?lang=en", "#main"],
    ["login", "/login", "#login-form"],
    ["review", "/review", "#open-form"],
    ["supervisor-anonymous", "/supervisor", "#login-needed:not([hidden])"],
    ["invite", "INVITE", "#invite-steps:not([hidden])"],
    ["invite-invalid", "/invite/inte-en-giltig-lank", "#error:not([hidden])"],
    ["answer", "/besvara", "#campaign:not(:disabled)"],
  ];
  for (const [name, path, ready] of pages) {
    it(`${name}: axe clean, no sideways scroll at 390 px`, async () => {
      await b.page.goto(path === "INVITE" ? inviteLink : `${server.url}${path}`);
      await b.page.waitForSelector(ready);
      await b.page.waitForLoadState("networkidle");
      expect(verdict(await checkPage(b.page, name))).toEqual(clean(name));
    });
  }

  it("answer-questions: the questionnaire with its questions and feedback, axe clean, no sideways scroll at 390 px", async () => {
    await b.page.goto(`${server.url}/besvara`);
    await pickCampaign(b.page, CAMPAIGN);
    await b.page.fill("#organisation", ORG);
    await b.page.click("#start-button");
    await b.page.waitForSelector("#answer-layout:not([hidden])");
    await b.page.waitForLoadState("networkidle");
    expect(verdict(await checkPage(b.page, "answer-questions"))).toEqual(clean("answer-questions"));
  });

  it("the staff view sends an anonymous visitor to the login page without asking the API", async () => {
    const before = b.requests.length;
    await b.page.goto(`${server.url}/admin`);
    await b.page.waitForURL(`${server.url}/login`);
    await b.page.waitForLoadState("networkidle");
    expect(b.requests.slice(before).filter((r) => r.url.includes("/api/v1/auth/me"))).toEqual([]);
  });

  it("the keyboard focus ring contrasts at least 3:1 with the page and the card behind it", async () => {
    const { page } = b;
    await page.goto(`${server.url}/login`);
    await page.waitForSelector("#login-form");
    await page.locator("#login-button").focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { id: document.activeElement!.id, color: s.outlineColor, width: parseFloat(s.outlineWidth), style: s.outlineStyle };
    });
    expect(ring).toMatchObject({ id: "login-button", style: "solid" });
    expect(ring.width).toBeGreaterThanOrEqual(2);
    for (const behind of ["rgb(255, 255, 255)", "rgb(246, 247, 249)"]) expect(contrast(ring.color, behind)).toBeGreaterThanOrEqual(3);
  });

  it("a favicon; no console error, CSP violation or page error on any of them", async () => {
    const icon = await fetch(new URL(await b.page.getAttribute('link[rel="icon"]', "href") ?? "", server.url));
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(b.consoleErrors).toEqual([]);
    expect(b.cspViolations).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });
});

describe("every staff page with data on screen", () => {
  let b: Browser;
  beforeAll(async () => {
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
  });

  it("the staff view: queue, detail and the decrypted report", async () => {
    const { page } = b;
    await logIn(b, "alla-roller", "/admin");
    await page.waitForSelector(`#queue button[data-id="${submissionId}"]`);
    await page.waitForSelector("#audit tbody tr");
    expect(verdict(await checkPage(page, "a11y-admin-queue"))).toEqual(clean("a11y-admin-queue"));
    await page.click(`#queue button[data-id="${submissionId}"]`);
    await page.waitForSelector("#detail-section:not([hidden])");
    await page.setInputFiles("#identity-file", writeIdentity(server, files));
    await page.click("#decrypt-button");
    await page.waitForSelector("#report:not([hidden])");
    expect(verdict(await checkPage(page, "a11y-admin-decrypted"))).toEqual(clean("a11y-admin-decrypted"));
  });

  it("the registry", async () => {
    const { page } = b;
    await page.goto(`${server.url}/admin/registry`);
    await page.waitForSelector("#user-table tbody tr");
    expect(verdict(await checkPage(page, "a11y-registry"))).toEqual(clean("a11y-registry"));
  });

  it("the supervisor's links", async () => {
    const { page } = b;
    await b.context.clearCookies();
    await logIn(b, "tillsyn", "/supervisor");
    await page.waitForSelector("#links-body tr");
    expect(await page.textContent("#links-body")).toContain("skickad till registrator@exempel.se");
    expect(verdict(await checkPage(page, "a11y-supervisor"))).toEqual(clean("a11y-supervisor"));
  });

  it("no console error, CSP violation or page error", () => {
    expect(b.consoleErrors).toEqual([]);
    expect(b.cspViolations).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  });
});

/** WCAG 2.2 contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const x = Number(v) / 255;
      return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
