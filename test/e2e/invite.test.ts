/**
 * The invitation journey in Chromium against a real server: a
 * supervisor logs in and makes a link on the supervisor page; a company follows it in another
 * browser, makes its signing key in the page (and saves it), accepts, builds the package from
 * result.json and uploads it with the link as the bearer; the supervisor then sees who used the
 * link and nothing else. The canary in result.json appears in no request body, on the wire, in the
 * stored files or the server's log; the private key leaves the page only as the user's download.
 * An expired link shows a clear message.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSignerJwk } from "../../keys/signer.ts";
import { addUser } from "../../server/accounts/add-user.ts";
import { createInvite } from "../../server/invites/create.ts";
import { inviteUrl } from "../../server/invites/token.ts";
import { launch, type Browser } from "./browser.ts";
import { CANARY, SCREENSHOTS, canaryForms, writeFiles, type Files } from "./fixtures.ts";
import { CAMPAIGN, startKollen, type KollenServer } from "./server.ts";

const COMPANY = "5560000001";
const USERNAME = "tillsyn1";
const PASSWORD = "Korrekt-häst-batteri-42";

let server: KollenServer;
let supervisor: Browser;
let company: Browser;
let files: Files;
let companyResult: string;
let link = "";

/** Waits for `selector`, failing at once with the page's error box when that shows instead. */
async function shown(page: Browser["page"], selector: string): Promise<void> {
  await page.waitForSelector(`${selector}, #error:not([hidden])`);
  if (!(await page.isVisible(selector))) throw new Error(`the page showed an error: ${await page.textContent("#error")}`);
}

beforeAll(async () => {
  server = await startKollen();
  files = writeFiles(server);
  // the same result with the canary, for the company
  const result = JSON.parse(files.resultBytes.toString("utf8")) as Record<string, unknown>;
  result.organisation = COMPANY;
  companyResult = join(files.dir, "result-company.json");
  writeFileSync(companyResult, `${JSON.stringify(result, null, 2)}\n`);
  await addUser(server.deps, { username: USERNAME, password: PASSWORD, roles: ["supervisor"] }, "cli", { log2N: 12, r: 8, p: 1 });
  supervisor = await launch();
  company = await launch();
});

afterAll(async () => {
  await supervisor?.close();
  await company?.close();
  await server?.close();
});

describe("invitation links", () => {
  it("without a session the supervisor page offers only the way to log in", async () => {
    const { page } = supervisor;
    await page.goto(`${server.url}/supervisor`);
    await page.waitForSelector("#login-needed:not([hidden])");
    expect(await page.isVisible("#create")).toBe(false);
  });

  it("a supervisor logs in, makes a single-use link and copies it", async () => {
    const { page } = supervisor;
    // the login page; a supervisor lands on the supervisor page
    await page.click("#login-needed a");
    await page.waitForSelector("#login-form");
    await page.fill("#username", USERNAME);
    await page.fill("#password", PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/supervisor`), page.click("#login-button")]);
    await page.waitForSelector("#create:not([hidden])");
    await page.waitForSelector(`#inv-campaign option[value="${CAMPAIGN}"]`, { state: "attached" });
    await page.selectOption("#inv-campaign", CAMPAIGN); // picked from the server's list, never typed
    expect(await page.textContent("#who")).toContain(USERNAME);
    await page.fill("#inv-sector", "energi");
    await page.fill("#inv-days", "14");
    await page.fill("#inv-uses", "1");
    await page.click("#create-button");
    await page.waitForSelector("#new-link:not([hidden])");
    link = await page.inputValue("#new-link-url");
    expect(link).toMatch(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
    await page.waitForSelector("#links-body tr");
    expect(await page.textContent("#links-body")).toContain("0 / 1");
    await page.screenshot({ path: join(SCREENSHOTS, "supervisor.png"), fullPage: true });
  });

  it("a company follows the link, makes its key in the page, accepts, builds and uploads the package", async () => {
    const { page, requests } = company;
    // following the link twice (a mail scanner, then the person) consumes nothing
    for (let i = 0; i < 2; i++) {
      await page.goto(link);
      await page.waitForSelector("#invite-steps:not([hidden])");
    }
    expect(await page.getAttribute("html", "lang")).toBe("sv");
    expect(await page.textContent("#invite-facts")).toContain(CAMPAIGN);
    expect(await page.textContent("main")).not.toContain("energi"); // the sector label is the supervisor's own
    const unlabelled = await page.$$eval("main input, main textarea", (els) => els.filter((e) => !(e as HTMLInputElement).labels?.length).map((e) => e.id));
    expect(unlabelled).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, "invite.png"), fullPage: true });

    await page.fill("#orgnr", "556000-0001");
    await page.fill("#org-name", "Kraftbolaget AB");
    await page.click("#key-create");
    await shown(page, "#key-ready:not([hidden])");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#key-download")]);
    const saved = join(files.dir, "saved-signer.jwk");
    await download.saveAs(saved);
    const privateJwk = parseSignerJwk(readFileSync(saved, "utf8"));
    expect(privateJwk.d).toBeDefined();
    expect(privateJwk.kollen_org).toBe(COMPANY);
    expect(await page.textContent("#key-ready")).toContain(privateJwk.kid);

    await page.click("#accept-button");
    await shown(page, "#submit-step:not([hidden])");
    expect(await page.textContent("#accept-done")).toContain("556000-0001");

    await page.setInputFiles("#result-file", companyResult);
    await page.setInputFiles("#attachment-files", files.attachment);
    await page.click("#preview-button");
    await shown(page, "#preview:not([hidden])");
    const preview = await page.textContent("#preview-facts");
    expect(preview).toContain("556000-0001");
    expect(preview).toContain(privateJwk.kid);
    expect(preview).not.toContain(CANARY);
    await page.click("#send-button");
    await shown(page, "#receipt:not([hidden])");
    expect(await page.textContent("#receipt-summary")).toContain("556000-0001");
    await expect.poll(() => page.textContent("#receipt-check")).toContain("signerat av servern");
    await page.screenshot({ path: join(SCREENSHOTS, "invite-receipt.png"), fullPage: true });

    // what left the browser: the accept body holds the public key only; the upload had the bearer
    const posts = requests.filter((r) => r.method === "POST");
    const acceptBody = posts.find((r) => r.url.endsWith("/accept"))?.body?.toString("utf8") ?? "";
    expect(JSON.parse(acceptBody)).toMatchObject({ organisationsnummer: COMPANY, name: "Kraftbolaget AB", publicJwk: { x: privateJwk.x } });
    expect(acceptBody).not.toContain(privateJwk.d!);
    expect(posts.filter((r) => r.url.endsWith("/api/v1/submissions"))).toHaveLength(1);
    for (const r of requests) {
      const body = r.body?.toString("latin1") ?? "";
      for (const form of canaryForms()) expect(body).not.toContain(form);
      expect(body).not.toContain(privateJwk.d!);
    }
    const wire = server.wire().toString("latin1");
    for (const form of canaryForms()) expect(wire).not.toContain(form);
    expect(wire).not.toContain(privateJwk.d!);
    expect(wire).toMatch(/authorization: Bearer [A-Za-z0-9_-]+\./i);
    for (const f of server.storedFiles()) for (const form of canaryForms()) expect(f.bytes.toString("latin1")).not.toContain(form);
    const token = link.slice(link.lastIndexOf("/") + 1);
    for (const f of server.storedFiles()) expect(f.bytes.toString("latin1")).not.toContain(token.split(".")[2]!);
    for (const line of server.logs) for (const form of [...canaryForms(), token]) expect(line).not.toContain(form);
    expect(company.cspViolations).toEqual([]);
    expect(company.pageErrors).toEqual([]);
  });

  it("the supervisor sees which organisation used the link, and no result", async () => {
    const { page } = supervisor;
    await page.goto(`${server.url}/supervisor`);
    await page.waitForSelector("#links-body tr");
    const text = (await page.textContent("#links-body")) ?? "";
    expect(text).toContain("Kraftbolaget AB (556000-0001)");
    expect(text).toContain("1 / 1");
    expect(await page.content()).not.toContain(CANARY);
    await page.screenshot({ path: join(SCREENSHOTS, "supervisor-usage.png"), fullPage: true });
    expect(supervisor.cspViolations).toEqual([]);
    expect(supervisor.pageErrors).toEqual([]);
  });

  it("a used single-use link refuses another organisation with a clear message", async () => {
    const other = await launch();
    try {
      await other.page.goto(link);
      await other.page.waitForSelector("#invite-used:not([hidden])");
      await other.page.fill("#orgnr", "556000-0019");
      await other.page.fill("#org-name", "Vattenbolaget AB");
      await other.page.click("#key-create");
      await other.page.waitForSelector("#key-ready:not([hidden])");
      await other.page.click("#accept-button");
      await other.page.waitForSelector("#error:not([hidden])");
      expect(await other.page.textContent("#error")).toContain("INVITE_USED");
      expect(await other.page.isVisible("#submit-step")).toBe(false);
    } finally {
      await other.close();
    }
  });

  it("the supervisor withdraws a link; following it then shows that it has expired", async () => {
    const { page } = supervisor;
    await page.goto(`${server.url}/supervisor?campaign=${CAMPAIGN}`);
    await page.waitForSelector("#create:not([hidden])");
    await page.fill("#inv-uses", "5");
    await page.click("#create-button");
    await page.waitForSelector("#new-link:not([hidden])");
    const second = await page.inputValue("#new-link-url");
    await page.waitForSelector("#links-body tr:nth-child(2)");
    // newest first: the new link is the first row
    await page.click("#links-body tr:first-child button");
    await expect.poll(() => page.textContent("#status")).toContain("Länken är avslutad");
    await expect.poll(async () => (await page.textContent("#links-body tr:first-child")) ?? "").toContain("(har gått ut)");
    const other = await launch();
    try {
      await other.page.goto(second);
      await other.page.waitForSelector("#error:not([hidden])");
      expect(await other.page.textContent("#error")).toContain("INVITE_EXPIRED");
    } finally {
      await other.close();
    }
  });

  it("an expired link shows a clear message, in Swedish and in English", async () => {
    const past = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    const made = await createInvite({ ...server.deps, clock: { now: () => past } }, { campaign: CAMPAIGN, expiresAt: new Date(past.getTime() + 24 * 3600 * 1000) }, "someone");
    const expired = inviteUrl(server.url, made.token);
    const { page } = company;
    await page.goto(expired);
    await page.waitForSelector("#error:not([hidden])");
    const text = (await page.textContent("#error")) ?? "";
    expect(text).toContain("Länken har gått ut");
    expect(text).toContain("INVITE_EXPIRED");
    expect(await page.isVisible("#invite-steps")).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, "invite-expired.png"), fullPage: true });
    await page.click("#lang-switch");
    await page.waitForSelector("#error:not([hidden])");
    expect(await page.textContent("#error")).toContain("The link has expired");
  });
});
