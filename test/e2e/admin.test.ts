/**
 * The reviewer's journey in Chromium: an organisation's package arrives; a reviewer
 * logs in, opens the queue, decrypts the package in the browser with the DEV authority identity,
 * sees GODKÄND/PASSED and approves it (four-eyes off); a wrong identity file gives a clear message;
 * an admin sees the intact audit chain and makes the authority's invitation links as CSV. A canary in the submitted result.json never appears in any
 * request body, database row, stored file or server log line.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatIdentityFile, generateX25519Identity } from "../../client-kit/age/index.ts";
import { addUser } from "../../server/accounts/add-user.ts";
import { invites, submissions } from "../../server/db/schema.ts";
import { generateSignerKey } from "../../keys/signer.ts";
import { errorMessage } from "../../schemas/messages.ts";
import { addOrganisation } from "../../server/registry/add-organisation.ts";
import { t } from "../../server/web/i18n.ts";
import { launch, type Browser } from "./browser.ts";
import { CANARY, SCREENSHOTS, canaryForms, examplePackage, logInAs, uploadPackage, writeFiles, writeIdentity, type Files } from "./fixtures.ts";
import { CAMPAIGN, ORG, startKollen, type KollenServer } from "./server.ts";

const PASSWORD = "Granska-noga-2026!";
const KEYLESS = "2120000035"; // a kommun registered without a key
let server: KollenServer;
let browser: Browser;
let files: Files;
let identityPath: string;
let submissionId: string;

beforeAll(async () => {
  server = await startKollen();
  files = writeFiles(server);
  await addUser(server.deps, { username: "granskare", password: PASSWORD, roles: ["reviewer"] }, "cli", { log2N: 12, r: 8, p: 1 });
  await addUser(server.deps, { username: "chefen", password: PASSWORD, roles: ["admin"] }, "cli", { log2N: 12, r: 8, p: 1 });
  submissionId = await uploadPackage(server, await examplePackage(server, files));
  identityPath = writeIdentity(server, files);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function logIn(username: string) {
  await logInAs(browser.page, server, username, PASSWORD);
  await browser.page.waitForSelector("#whoami:not(:empty)");
}

async function decryptWith(identity: string) {
  const { page } = browser;
  await page.setInputFiles("#identity-file", identity);
  await page.click("#decrypt-button");
  await page.waitForFunction(() => !document.querySelector<HTMLElement>("#decrypt-error")!.hidden || !document.querySelector<HTMLElement>("#report")!.hidden);
}

describe("reviewer journey", () => {
  it("the staff view sends an anonymous visitor to the login page; a wrong password is refused clearly", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/admin`);
    await page.waitForURL(`${server.url}/login`);
    await page.screenshot({ path: join(SCREENSHOTS, "login.png"), fullPage: true });
    await page.fill("#username", "granskare");
    await page.fill("#password", "fel-lösenord-123");
    await Promise.all([page.waitForURL(/\/login\?error=LOGIN_FAILED/), page.click("#login-button")]);
    expect(await page.textContent("#error")).toContain("Fel användarnamn eller lösenord");
  });

  it("logs in, opens the queue, decrypts in the browser and sees GODKÄND", async () => {
    const { page } = browser;
    await logIn("granskare");
    await page.waitForSelector(`#queue button[data-id="${submissionId}"]`);
    expect(await page.textContent("#queue")).toContain("212000-9994");
    await page.screenshot({ path: join(SCREENSHOTS, "admin-queue.png"), fullPage: true });
    await page.click(`#queue button[data-id="${submissionId}"]`);
    await page.waitForSelector("#detail-section:not([hidden])");
    expect(await page.textContent("#detail-facts")).toContain("Godkänd");
    expect(await page.locator('#detail-facts [title="PASSED"]').count()).toBe(1); // the code on hover

    const other = join(files.dir, "fel-identitet.txt");
    writeFileSync(other, formatIdentityFile(await generateX25519Identity(), new Date()));
    await decryptWith(other);
    const error = await page.textContent("#decrypt-error");
    expect(error).toContain("Paketet kunde inte dekrypteras med den här identitetsfilen");
    expect(error).toContain("DECRYPTION_FAILED");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("decrypt-error"); // at the step, focused
    expect(await page.isHidden("#decrypted")).toBe(true);

    await decryptWith(identityPath);
    expect(await page.isHidden("#decrypt-error")).toBe(true);
    expect(await page.textContent("#outer-report .badge")).toBe("GODKÄND");
    expect(await page.locator("#result-view h3").count()).toBe(10);
    expect(await page.textContent("#result-view")).toContain(CANARY); // decrypted in the page only
    await page.screenshot({ path: join(SCREENSHOTS, "admin-decrypted.png"), fullPage: true });
  });

  it("approves with a reason (four-eyes off)", async () => {
    const { page } = browser;
    await page.check("#d-approve"); // enabled now that the page decrypted it and every check passed
    await page.fill("#reason", "Kontrollerad: signaturer och innehåll stämmer.");
    await page.click("#decision-button");
    await page.waitForFunction(() => document.querySelector("#status")!.textContent!.includes("Status: godkänd"));
    expect(await page.locator('#detail-facts [title="approved"]').textContent()).toBe("Godkänd");
    const [row] = await server.deps.db.orm.select().from(submissions).where(eq(submissions.id, submissionId));
    expect(row!.status).toBe("approved");
    await page.click("#logout");
    await page.waitForURL(`${server.url}/login`);
  });

  it("an admin sees the intact audit chain with the review events", async () => {
    const { page } = browser;
    await logIn("chefen");
    await page.waitForSelector("#audit tbody tr");
    expect(await page.textContent("#audit-chain")).toContain("Kedjan är obruten");
    const actions = await page.$$eval("#audit tbody tr td:nth-child(3)", (tds) => tds.map((t) => t.getAttribute("title")));
    expect(actions).toEqual(expect.arrayContaining(["submission.received", "review.download", "review.decision", "auth.login"]));
    const words = await page.$$eval("#audit tbody tr td:nth-child(3)", (tds) => tds.map((t) => t.textContent));
    expect(words).toEqual(expect.arrayContaining(["Inlämning mottagen", "Beslut", "Inloggning"]));
    expect(await page.textContent("#audit")).toContain("granskare"); // names, not user ids
    expect(await page.isHidden("#queue-section")).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "admin-audit.png"), fullPage: true });
  });

  it("an admin makes the authority's invitation links for a campaign and downloads them as CSV; a bad choice makes nothing", async () => {
    const { page } = browser;
    await addOrganisation(server.deps.db, { orgnr: KEYLESS, name: "Nyckellösa kommun" }, new Date());
    const stored = async () => (await server.deps.db.orm.select().from(invites)).length;
    const before = await stored();
    // logging in again over the admin's live session from the test before lands on /admin (the login takes the pre-login token)
    await logIn("chefen");
    await page.waitForSelector("#invites-section:not([hidden])");
    await page.selectOption("#i-campaign", CAMPAIGN);

    // no organisation named: said in the page, nothing asked of the server
    await page.check("#invites-form input[value=orgs]");
    await page.fill("#i-orgs", " ,; ");
    const posts = browser.requests.length;
    await page.click("#invites-button");
    await page.waitForSelector("#invites-error:not([hidden])");
    expect(await page.textContent("#invites-error")).toContain(t("sv", "admInviteOrgsMissing"));
    expect(browser.requests.slice(posts).filter((r) => r.method === "POST")).toEqual([]);

    // an organisation the registry does not hold: refused with its code and Swedish words, no link made
    await page.fill("#i-orgs", "212000-0035, 556016-0680");
    await page.click("#invites-button");
    await page.waitForSelector("#invites-error:not([hidden])");
    expect(await page.textContent("#invites-error")).toContain(errorMessage("NOT_FOUND", "sv"));
    expect(await page.textContent("#invites-error")).toContain("NOT_FOUND");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("invites-error"); // next to the step, focused
    expect(await stored()).toBe(before);

    // every organisation without a trusted key (the one registered above; the example kommun has a key)
    await page.check("#invites-form input[value=allUnkeyed]");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#invites-button")]);
    expect(download.suggestedFilename()).toBe(`inbjudningar-${CAMPAIGN}.csv`);
    const csv = readFileSync(await download.path(), "utf8");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("organisationsnummer,namn,länk,giltig_till");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(['"212000-0035"']);
    expect(await page.textContent("#status")).toBe(`Inbjudningslänkar skapade för ${CAMPAIGN}: 1. CSV-filen är nedladdad.`);
    expect(await stored()).toBe(before + 1);
    await page.screenshot({ path: join(SCREENSHOTS, "admin-invites.png"), fullPage: true });

    // the link is bound to its organisation: another number is refused, its own accepted
    const url = lines[1]!.split(",")[2]!.slice(1, -1);
    const token = url.slice(url.lastIndexOf("/") + 1);
    const accept = async (orgnr: string) => {
      const key = await generateSignerKey(orgnr);
      return fetch(`${server.url}/api/v1/invites/${token}/accept`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ organisationsnummer: orgnr, name: "Kommunen", publicJwk: key.publicJwk }) });
    };
    const wrong = await accept(ORG);
    expect([wrong.status, ((await wrong.json()) as { code: string }).code]).toEqual([403, "INVITE_WRONG_ORGANISATION"]);
    expect((await accept(KEYLESS)).status).toBe(201);
  });

  it("the canary never reached the server: request bodies, wire, database rows, stored files, logs", () => {
    const forms = canaryForms();
    const identity = server.authority.identity;
    const wire = server.wire();
    for (const form of [...forms, identity, identity.slice(20, 40)]) expect(wire.includes(form), `wire holds ${form}`).toBe(false);
    for (const r of browser.requests) for (const form of forms) expect(r.body?.includes(form) ?? false).toBe(false);
    expect(browser.requests.some((r) => r.method === "POST" && r.url.includes("/decision"))).toBe(true);

    const db = new Database(join(server.dir, "kollen.sqlite"), { readonly: true });
    const tables = (db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
    const dump = tables.map((t) => JSON.stringify(db.prepare(`select * from "${t}"`).all())).join("\n");
    db.close();
    expect(dump).toContain(submissionId);
    for (const form of forms) expect(dump.includes(form)).toBe(false);
    for (const f of server.storedFiles()) for (const form of forms) expect(f.bytes.includes(form), `${f.path} holds the canary`).toBe(false);
    expect(server.logs.length).toBeGreaterThan(0);
    for (const line of server.logs) for (const form of forms) expect(line.includes(form)).toBe(false);
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
