/**
 * The staff view as a daily tool (issue 12, items 1–4), in Chromium at 1280 and 390 px:
 * - every code is shown in Swedish words with the code on hover; no English status code is visible;
 *   the audit log shows names; a conflict says what conflicted and what to do;
 * - errors appear next to the step that caused them, announced and focused; a submit button shows
 *   progress and cannot be pressed twice;
 * - review: the decrypted result first, the decision after; approve only after the page decrypted
 *   the package and every check passed; a decided or superseded submission shows no form; four
 *   eyes shows who approved first;
 * - the queue: search by organisation name or number, sorting, counts, pages; the open buttons name
 *   the organisation.
 * Screenshots go to test-output/screenshots/staff-*-{1280,390}.png.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatIdentityFile, generateX25519Identity } from "../../client-kit/age/index.ts";
import { REVIEW_FLAGS, SUBMISSION_STATUSES } from "../../schemas/submission.ts";
import { addUser } from "../../server/accounts/add-user.ts";
import { submissions, users } from "../../server/db/schema.ts";
import { addOrganisation } from "../../server/registry/add-organisation.ts";
import { decideSubmission } from "../../server/review/decide.ts";
import { launch, type Browser } from "./browser.ts";
import { SCREENSHOTS, examplePackage, logInAs, uploadPackage, writeFiles, writeIdentity, type Files } from "./fixtures.ts";
import { CAMPAIGN, startKollen, type KollenServer } from "./server.ts";
import { withCheckDigit } from "../orgnr.ts";

const PASSWORD = "Granska-noga-2026!";
const FILLERS = 60;
let server: KollenServer;
let browser: Browser;
let files: Files;
let identityPath: string;
let older: string;
let current: string;
let region: string;
let fillerIds: string[];

const upload = async (createdAt: Date) => uploadPackage(server, await examplePackage(server, files, { attachments: [], now: createdAt }));

/** A submission row as the registry would hold it after an upload (no package: only the queue needs it). */
async function fillerRow(organisation: string, receivedAt: Date, status: (typeof SUBMISSION_STATUSES)[number] = "verified", flags: string[] = []): Promise<string> {
  const id = crypto.randomUUID();
  await server.deps.db.orm.insert(submissions).values({
    id,
    packageSha256: crypto.randomUUID().replaceAll("-", "").padEnd(64, "0"),
    organisation,
    campaign: CAMPAIGN,
    createdAt: receivedAt,
    receivedAt,
    status,
    flags: JSON.stringify(flags),
    via: "upload",
  });
  return id;
}

beforeAll(async () => {
  server = await startKollen();
  server.deps.config.fourEyes = true;
  files = writeFiles(server);
  const cost = { log2N: 12, r: 8, p: 1 };
  await addUser(server.deps, { username: "granskare1", password: PASSWORD, roles: ["reviewer"] }, "cli", cost);
  await addUser(server.deps, { username: "granskare2", password: PASSWORD, roles: ["reviewer"] }, "cli", cost);
  await addUser(server.deps, { username: "chefen", password: PASSWORD, roles: ["admin"] }, "cli", cost);
  const now = Date.now();
  older = await upload(new Date(now - 120_000));
  current = await upload(new Date(now - 60_000));
  await addOrganisation(server.deps.db, { orgnr: "2321000016", name: "Region Exempel" }, new Date());
  region = await fillerRow("2321000016", new Date(now - 3_600_000), "verified", ["COVERAGE_UNCONFIRMED"]);
  fillerIds = [];
  for (let i = 0; i < FILLERS; i++) {
    const nr = withCheckDigit(`212000${String(i).padStart(3, "0")}`);
    await addOrganisation(server.deps.db, { orgnr: nr, name: `Kommun ${String(i).padStart(3, "0")}` }, new Date());
    fillerIds.push(await fillerRow(nr, new Date(now - 86_400_000 - i * 60_000)));
  }
  identityPath = writeIdentity(server, files);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function logIn(username: string) {
  await logInAs(browser.page, server, username, PASSWORD);
  await browser.page.waitForSelector("html[data-ready=admin]");
}

async function logOut() {
  const { page } = browser;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.click("#logout");
  await page.waitForURL(`${server.url}/login`);
}

/** Full-page screenshots at 1280 and 390 px wide; the page is left at 1280. Answers the page's width at 390. */
async function shoot(name: string): Promise<number> {
  const { page } = browser;
  let narrow = 0;
  for (const [width, height] of [[1280, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    if (width === 390) narrow = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.screenshot({ path: join(SCREENSHOTS, `staff-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return narrow;
}

async function openSubmission(id: string) {
  const { page } = browser;
  await page.click(`#queue button[data-id="${id}"]`);
  await page.waitForSelector("#detail-section:not([hidden])");
  await page.waitForFunction((sid) => document.querySelector("#detail-facts")!.textContent!.includes(sid), id);
}

async function decryptWith(identity: string) {
  const { page } = browser;
  await page.setInputFiles("#identity-file", identity);
  await page.click("#decrypt-button");
  await page.waitForFunction(() => !document.querySelector<HTMLElement>("#decrypt-error")!.hidden || !document.querySelector<HTMLElement>("#report")!.hidden);
}

/** Whether the element is inside the visible part of the window. */
async function inViewport(selector: string): Promise<boolean> {
  return browser.page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
  });
}

const focusedId = () => browser.page.evaluate(() => document.activeElement?.id);
const rowOrgs = () => browser.page.$$eval("#queue tbody tr td:nth-child(2)", (tds) => tds.map((t) => t.textContent ?? ""));

describe("staff view (issue 12)", () => {
  it("queue: words for codes with the code on hover, counts, pages, named open buttons; no English status code visible", async () => {
    const { page } = browser;
    await logIn("granskare1");
    await page.waitForSelector("#queue tbody tr button");
    const total = FILLERS + 3;
    expect(await page.textContent("#q-showing")).toBe(`Visar 1–50 av ${total}`);
    expect(await page.locator("#queue tbody tr").count()).toBe(50);
    const counts = await page.textContent("#queue-counts");
    expect(counts).toContain(`Kontrollerad, väntar på granskning ${FILLERS + 2}`);
    expect(counts).toContain("Ersatt av en senare inlämning 1");
    expect(counts).toContain(`Kommun ${FILLERS + 2}`);
    expect(counts).toContain("Region 1");
    // the codes themselves stay on hover
    const titles = await page.$$eval("#queue tbody td:nth-child(4) [title]", (es) => es.map((e) => e.getAttribute("title")));
    expect(titles.length).toBe(50);
    for (const t of titles) expect(SUBMISSION_STATUSES).toContain(t);
    expect(await page.locator('#queue-counts [title="verified"]').textContent()).toBe("Kontrollerad, väntar på granskning");
    // the Swedish staff view shows no English status or flag code as text
    const visible = await page.evaluate(() => document.body.innerText);
    for (const code of [...SUBMISSION_STATUSES, ...REVIEW_FLAGS]) expect(visible, code).not.toMatch(new RegExp(`\\b${code}\\b`));
    // an open button's accessible name names the organisation, and no two are alike
    const names = await page.$$eval("#queue tbody button", (bs) => bs.map((b) => b.getAttribute("aria-label")));
    expect(new Set(names).size).toBe(names.length);
    await page.getByRole("button", { name: "Öppna inlämningen från Region Exempel (232100-0016)" }).waitFor();
    expect(await shoot("queue")).toBeLessThanOrEqual(390); // the queue scrolls inside its own box on a phone

    await page.click("#q-next");
    await page.waitForFunction((t) => document.querySelector("#q-showing")!.textContent === `Visar 51–${t} av ${t}`, total);
    expect(await page.locator("#queue tbody tr").count()).toBe(total - 50);
    expect(await page.isDisabled("#q-next")).toBe(true);
    await page.click("#q-prev");
    await page.waitForFunction((t) => document.querySelector("#q-showing")!.textContent === `Visar 1–50 av ${t}`, total);
    expect(await page.isDisabled("#q-prev")).toBe(true);
  });

  it("queue: search by organisation name or number, sort by organisation and status", async () => {
    const { page } = browser;
    await page.fill("#f-q", "region exempel");
    await Promise.all([page.waitForResponse((r) => r.url().includes("/api/v1/admin/submissions?") && r.url().includes("q=region")), page.click("#filter-form button[type=submit]")]);
    await page.waitForFunction(() => document.querySelector("#q-showing")!.textContent === "Visar 1–1 av 1");
    expect(await rowOrgs()).toEqual(["Region Exempel (232100-0016)"]);
    expect(await page.textContent("#queue tbody")).toContain("Att inlämningen får gälla de andra organisationerna är inte bekräftat");
    await Promise.all([page.waitForResponse((r) => r.url().includes("q=212000-9994")), page.fill("#f-q", "212000-9994").then(() => page.click("#filter-form button[type=submit]"))]);
    await page.waitForFunction(() => document.querySelector("#q-showing")!.textContent === "Visar 1–2 av 2");
    expect(await page.locator(`#queue button[data-id="${current}"]`).count()).toBe(1);
    await Promise.all([page.waitForResponse((r) => r.url().includes("q=ingen")), page.fill("#f-q", "ingen sådan").then(() => page.click("#filter-form button[type=submit]"))]);
    await page.waitForFunction(() => document.querySelector("#q-showing")!.textContent === "Visar 0–0 av 0");
    await shoot("queue-empty-search");

    await page.fill("#f-q", "");
    await page.selectOption("#f-sort", "organisation");
    await Promise.all([page.waitForResponse((r) => r.url().includes("sort=organisation")), page.click("#filter-form button[type=submit]")]);
    await page.waitForFunction(() => document.querySelector("#queue tbody td:nth-child(2)")!.textContent!.startsWith("Exempelkommunen"));
    const byOrg = await rowOrgs();
    expect(byOrg.slice(0, 2)).toEqual(["Exempelkommunen (212000-9994)", "Exempelkommunen (212000-9994)"]);
    expect(byOrg[2]).toMatch(/^Kommun 000 /);

    await page.selectOption("#f-sort", "status");
    await page.selectOption("#f-status", "superseded");
    await Promise.all([page.waitForResponse((r) => r.url().includes("status=superseded")), page.click("#filter-form button[type=submit]")]);
    await page.waitForFunction(() => document.querySelector("#q-showing")!.textContent === "Visar 1–1 av 1");
    expect(await page.locator(`#queue button[data-id="${older}"]`).count()).toBe(1);
    await page.selectOption("#f-status", "");
    await page.selectOption("#f-sort", "received");
    await Promise.all([page.waitForResponse((r) => r.url().includes("sort=received")), page.click("#filter-form button[type=submit]")]);
    await page.waitForFunction(() => document.querySelectorAll("#queue tbody tr").length === 50);
  });

  it("review: result first, decision after; approve locked until decrypted and checked; a wrong identity's error at the step, focused", async () => {
    const { page } = browser;
    await openSubmission(current);
    expect(await page.isDisabled("#d-approve")).toBe(true);
    expect(await page.isChecked("#d-reject")).toBe(true);
    expect(await page.textContent("#approve-state")).toContain("Godkänn går att välja först när paketet är dekrypterat");
    // the decision comes after the decrypted result in the page
    expect(await page.evaluate(() => Boolean(document.querySelector("#report")!.compareDocumentPosition(document.querySelector("#decision-section")!) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);
    expect(await page.evaluate(() => Boolean(document.querySelector("#decrypt-form")!.compareDocumentPosition(document.querySelector("#decision-section")!) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);

    const other = join(files.dir, "fel-identitet.txt");
    writeFileSync(other, formatIdentityFile(await generateX25519Identity(), new Date()));
    await decryptWith(other);
    expect(await page.getAttribute("#decrypt-error", "role")).toBe("alert");
    expect(await page.textContent("#decrypt-error")).toContain("Paketet kunde inte dekrypteras med den här identitetsfilen");
    expect(await focusedId()).toBe("decrypt-error");
    expect(await inViewport("#decrypt-error")).toBe(true);
    expect(await page.isHidden("#error")).toBe(true);
    expect(await page.isDisabled("#d-approve")).toBe(true);
    await shoot("decrypt-error");

    await decryptWith(identityPath);
    expect(await page.isHidden("#decrypt-error")).toBe(true);
    expect(await page.isEnabled("#d-approve")).toBe(true);
    expect(await page.textContent("#approve-state")).toBe("Paketet är dekrypterat och alla kontroller är godkända.");
    const reportY = (await page.locator("#report").boundingBox())!.y;
    const decisionY = (await page.locator("#decision-section").boundingBox())!.y;
    expect(decisionY).toBeGreaterThan(reportY);
    expect(await shoot("decrypted")).toBeLessThanOrEqual(390); // the decrypted report stacks on a phone
  });

  it("review: the save button shows progress and cannot be pressed twice; four eyes: the same reviewer cannot approve twice", async () => {
    const { page } = browser;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route("**/decision", async (route) => {
      await held;
      await route.continue();
    });
    const posts = () => browser.requests.filter((r) => r.method === "POST" && r.url.endsWith(`/${current}/decision`)).length;
    const before = posts();
    await page.check("#d-approve");
    await page.fill("#reason", "Signaturer och innehåll kontrollerade.");
    await page.click("#decision-button");
    await page.waitForSelector("#decision-button[aria-busy=true]");
    expect(await page.isDisabled("#decision-button")).toBe(true);
    expect(await page.textContent("#decision-button")).toBe("Sparar …");
    await page.click("#decision-button", { force: true }).catch(() => undefined);
    await page.evaluate(() => document.querySelector<HTMLFormElement>("#decision-form")!.requestSubmit());
    release();
    await page.waitForFunction(() => document.querySelector("#status")!.textContent!.includes("1/2 godkännanden"));
    await page.unroute("**/decision");
    expect(posts() - before).toBe(1);
    expect(await page.isEnabled("#decision-button")).toBe(true);
    expect(await page.textContent("#first-approval")).toContain("Första godkännandet gjordes av granskare1");
    expect(await page.textContent("#detail-decisions")).toContain("Godkänd · av granskare1");

    // approving again as the same reviewer: a conflict that says what and what to do, next to the form
    await page.check("#d-approve");
    await page.fill("#reason", "En gång till.");
    await page.click("#decision-button");
    await page.waitForSelector("#decision-error:not([hidden])");
    expect(await page.textContent("#decision-error")).toContain("Du har redan godkänt inlämningen. Med fyra ögon måste det andra godkännandet komma från en annan granskare.");
    expect(await page.textContent("#decision-error")).toContain("CONFLICT");
    expect(await focusedId()).toBe("decision-error");
    expect(await inViewport("#decision-error")).toBe(true);
    await shoot("four-eyes-conflict");
    await logOut();
  });

  it("four eyes: the second reviewer sees who approved first; once decided the page shows the decision and history, no form", async () => {
    const { page } = browser;
    await logIn("granskare2");
    await page.waitForSelector(`#queue button[data-id="${current}"]`);
    await openSubmission(current);
    expect(await page.isVisible("#first-approval")).toBe(true);
    expect(await page.textContent("#first-approval")).toContain("granskare1");
    await decryptWith(identityPath);
    await page.check("#d-approve");
    await page.fill("#reason", "Andra granskningen: stämmer.");
    await page.click("#decision-button");
    await page.waitForFunction(() => document.querySelector("#status")!.textContent!.includes("Status: godkänd"));
    expect(await page.isHidden("#decision-form")).toBe(true);
    expect(await page.textContent("#decision-closed")).toContain("Inlämningen är avgjord (godkänd)");
    const decisions = await page.textContent("#detail-decisions");
    expect(decisions).toContain("av granskare1");
    expect(decisions).toContain("av granskare2");
    expect(await page.textContent("#detail-history")).toContain("Ersatt av en senare inlämning");
    const [row] = await server.deps.db.orm.select().from(submissions).where(eq(submissions.id, current));
    expect(row!.status).toBe("approved");
    await shoot("decided");

    // a superseded submission: its history, no form
    await page.selectOption("#f-status", "superseded");
    await Promise.all([page.waitForResponse((r) => r.url().includes("status=superseded")), page.click("#filter-form button[type=submit]")]);
    await page.waitForSelector(`#queue button[data-id="${older}"]`);
    await openSubmission(older);
    expect(await page.isHidden("#decision-form")).toBe(true);
    expect(await page.textContent("#decision-closed")).toContain("Inlämningen är ersatt av en senare inlämning och kan inte beslutas");
    await shoot("superseded");
    await page.selectOption("#f-status", "");
    await Promise.all([page.waitForResponse((r) => r.url().includes("/api/v1/admin/submissions?")), page.click("#filter-form button[type=submit]")]);
  });

  it("a decision on a submission another reviewer decided meanwhile: the conflict says what happened; the page shows the decision", async () => {
    const { page } = browser;
    await page.fill("#f-q", "Region Exempel");
    await Promise.all([page.waitForResponse((r) => r.url().includes("q=Region")), page.click("#filter-form button[type=submit]")]);
    await page.waitForSelector(`#queue button[data-id="${region}"]`);
    await openSubmission(region);
    expect(await page.isVisible("#decision-form")).toBe(true);
    // meanwhile granskare1 rejects it
    const [g1] = await server.deps.db.orm.select().from(users).where(eq(users.username, "granskare1"));
    await decideSubmission(server.deps, { id: g1!.id }, region, { decision: "reject", reason: "Fel organisation" });
    await page.fill("#reason", "Täckningen stämmer inte.");
    await page.click("#decision-button");
    await page.waitForSelector("#decision-error:not([hidden])");
    const text = await page.textContent("#decision-error");
    expect(text).toContain("Inlämningen är redan avgjord (avvisad). Ett beslut är slutgiltigt; sidan visar nu beslutet och historiken.");
    expect(text).not.toContain("Konflikt felkod");
    expect(await focusedId()).toBe("decision-error");
    expect(await inViewport("#decision-error")).toBe(true);
    expect(await page.isHidden("#decision-form")).toBe(true);
    expect(await page.textContent("#detail-decisions")).toContain("Avvisad · av granskare1 · Fel organisation");
    await shoot("conflict-decided");

    // a manual registration with a mistyped number: the error at that form, focused
    await page.fill("#m-org", "212000-0143");
    await page.click("#manual-button");
    await page.waitForSelector("#manual-error:not([hidden])");
    expect(await page.textContent("#manual-error")).toContain("Ett organisationsnummer har fel kontrollsiffra");
    expect(await focusedId()).toBe("manual-error");
    expect(await inViewport("#manual-error")).toBe(true);
    await logOut();
  });

  it("admin: the audit log shows names and words, roles in words; disable an account; a taken username's error at the form, focused", async () => {
    const { page } = browser;
    await logIn("chefen");
    await page.waitForSelector("#audit tbody tr");
    const actors = await page.$$eval("#audit tbody tr td:nth-child(4)", (tds) => tds.map((t) => ({ text: t.textContent ?? "", title: t.getAttribute("title") ?? "" })));
    const g1 = actors.find((a) => a.text === "granskare1");
    expect(g1?.title).toMatch(/^user:[0-9a-f-]{36}$/);
    for (const a of actors) expect(a.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/); // names, never user ids
    const actions = await page.$$eval("#audit tbody tr td:nth-child(3)", (tds) => tds.map((t) => t.textContent));
    expect(actions).toEqual(expect.arrayContaining(["Beslut", "Inloggning", "Paket hämtat för granskning"]));
    expect(await page.textContent("#users-section fieldset")).toContain("Granskare");
    expect(await page.textContent("#users tbody")).toContain("Administratör");
    const visible = await page.evaluate(() => document.body.innerText);
    expect(visible).not.toMatch(/\breviewer\b|\bsupervisor\b|\banalyst\b/);
    expect(await shoot("admin")).toBeLessThanOrEqual(390);

    await page.getByRole("button", { name: "Spärra kontot granskare2" }).click();
    await page.waitForFunction(() => document.querySelector("#status")!.textContent!.includes("Kontot granskare2 är spärrat"));
    expect(await page.locator("#users tbody tr", { hasText: "granskare2" }).textContent()).toContain("spärrat");
    const [g2] = await server.deps.db.orm.select().from(users).where(eq(users.username, "granskare2"));
    expect(g2!.disabled).toBe(true);

    await page.fill("#u-name", "granskare1");
    await page.fill("#u-password", "Ett-långt-lösenord-1");
    await page.check("#user-form input[value=reviewer]");
    await page.click("#user-button");
    await page.waitForSelector("#user-error:not([hidden])");
    expect(await page.textContent("#user-error")).toContain("Det finns redan ett konto med det användarnamnet. Välj ett annat.");
    expect(await focusedId()).toBe("user-error");
    expect(await inViewport("#user-error")).toBe(true);
    await shoot("admin-user-error");
    expect(browser.pageErrors).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
  });
});
