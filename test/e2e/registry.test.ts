/**
 * The admin's registry in Chromium: a campaign with a shipped model (its hash shown and stored) and
 * one with an uploaded model, an organisation with its actor group and coverage, a signer key
 * trusted from its .pub file and revoked with a reason, a CA trusted and revoked, an account added,
 * its roles changed, disabled and enabled — each change in the audit log with the admin's name;
 * refusals show next to the form that caused them. A reviewer sees no registry.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSignerKey } from "../../keys/signer.ts";
import { loadSurveyModel } from "../../schemas/survey-model.ts";
import { addUser } from "../../server/accounts/add-user.ts";
import { campaigns, cas, events, organisationCovers, organisations, signers, users } from "../../server/db/schema.ts";
import { checkPage } from "./a11y.ts";
import { launch, type Browser } from "./browser.ts";
import { logInAs, writeFiles, type Files } from "./fixtures.ts";
import { startKollen, type KollenServer } from "./server.ts";

const PASSWORD = "Registret-vårdas-2026!";
const PEM = "-----BEGIN CERTIFICATE-----\nMIIBtestcertificateAAAA\n-----END CERTIFICATE-----\n";
let server: KollenServer;
let browser: Browser;
let files: Files;
let adminId = "";

beforeAll(async () => {
  server = await startKollen();
  files = writeFiles(server);
  adminId = (await addUser(server.deps, { username: "chefen", password: PASSWORD, roles: ["admin"] }, "cli", { log2N: 12, r: 8, p: 1 })).id;
  await addUser(server.deps, { username: "granskare", password: PASSWORD, roles: ["reviewer"] }, "cli", { log2N: 12, r: 8, p: 1 });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const logIn = (username: string) => logInAs(browser.page, server, username, PASSWORD);

/** Submits a form and waits until the status line says `done`, failing with the form's error box instead. */
async function submit(formId: string, done: string | RegExp): Promise<void> {
  const { page } = browser;
  await page.click(`#${formId} button[type=submit]`);
  await page.waitForFunction(
    ([id, text]) => !document.getElementById(`${id}-error`)!.hidden || new RegExp(text).test(document.getElementById("status")!.textContent ?? ""),
    [formId, typeof done === "string" ? done.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : done.source] as const,
  );
  const error = await page.locator(`#${formId}-error`);
  if (await error.isVisible()) throw new Error(`the form showed an error: ${await error.textContent()}`);
}

async function lastEvent(type: string) {
  const [e] = await server.deps.db.orm.select().from(events).where(eq(events.type, type as "campaign.saved")).orderBy(desc(events.seq)).limit(1);
  return e;
}

describe("the admin's registry", () => {
  it("a reviewer sees no link to the registry, and the registry page says it is for admins", async () => {
    const { page } = browser;
    await logIn("granskare");
    await page.waitForSelector("#whoami:not(:empty)");
    expect(await page.isHidden("#registry-link")).toBe(true);
    await page.goto(`${server.url}/admin/registry`);
    await page.waitForSelector("#need-admin:not([hidden])");
    expect(await page.isHidden("#registry")).toBe(true);
    await browser.context.clearCookies();
  });

  it("the admin reaches the registry from the staff view; a campaign with a shipped model shows and stores its hash", async () => {
    const { page } = browser;
    await logIn("chefen");
    await page.click("#registry-link a");
    await page.waitForURL(`${server.url}/admin/registry`);
    await page.waitForSelector("#registry:not([hidden])");
    await page.waitForSelector('#c-model option[value="itsakkollen-example"]', { state: "attached" });
    const model = await loadSurveyModel(new Uint8Array(readFileSync("schemas/models/itsakkollen-example.json")));

    // no model chosen: the refusal sits next to the form's button and takes focus
    await page.fill("#c-id", "itsak-2027");
    await page.click("#campaign-form button[type=submit]");
    await page.waitForSelector("#campaign-form-error:not([hidden])");
    expect(await page.textContent("#campaign-form-error")).toContain("Välj en modell eller ladda upp en modellfil");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("campaign-form-error");

    await page.selectOption("#c-model", "itsakkollen-example");
    await page.waitForFunction((sha) => document.getElementById("c-model-hash")!.textContent!.includes(sha), model.sha256);
    await page.fill("#c-opens", "2027-01-01");
    await submit("campaign-form", "Insamlingen itsak-2027 är sparad.");
    expect(await page.textContent("#campaign-table")).toContain(model.sha256);
    const [row] = await server.deps.db.orm.select().from(campaigns).where(eq(campaigns.id, "itsak-2027"));
    expect(row).toMatchObject({ surveyModelId: "itsakkollen-example", surveyModelSha256: model.sha256 });
    expect(await lastEvent("campaign.saved")).toMatchObject({ actor: `user:${adminId}`, subject: "itsak-2027" });
  });

  it("a campaign with an uploaded model file; a bad id is refused next to the form", async () => {
    const { page } = browser;
    const own = join(files.dir, "egen-modell.json");
    const bytes = readFileSync("schemas/models/infosakkollen-example.json");
    writeFileSync(own, bytes);
    const model = await loadSurveyModel(new Uint8Array(bytes));
    await page.setInputFiles("#c-model-file", own);
    await page.waitForFunction((sha) => document.getElementById("c-model-hash")!.textContent!.includes(sha), model.sha256);
    await page.fill("#c-id", "Fel Id");
    await page.click("#campaign-form button[type=submit]");
    // the browser's own check of the pattern marks the field first
    expect(await page.evaluate(() => document.querySelector<HTMLInputElement>("#c-id")!.validity.patternMismatch)).toBe(true);
    await page.fill("#c-id", "infosak-egen-2027");
    await submit("campaign-form", "Insamlingen infosak-egen-2027 är sparad.");
    const [row] = await server.deps.db.orm.select().from(campaigns).where(eq(campaigns.id, "infosak-egen-2027"));
    expect(row?.surveyModelSha256).toBe(model.sha256);
  });

  it("an organisation with its actor group and coverage; a wrong number is refused with its code", async () => {
    const { page } = browser;
    await page.fill("#o-orgnr", "212000-1356");
    await page.fill("#o-name", "Fel kommun");
    await page.click("#organisation-form button[type=submit]");
    await page.waitForSelector("#organisation-form-error:not([hidden])");
    expect(await page.textContent("#organisation-form-error")).toContain("ORGNR_CHECKSUM");

    await page.fill("#o-orgnr", "202100-5489");
    await page.fill("#o-name", "Domstolsverket");
    await page.selectOption("#o-group", "state_agency");
    await page.fill("#o-covers", "2021000027\n2021000035");
    await submit("organisation-form", "202100-5489 är sparad.");
    const text = await page.textContent("#organisation-table");
    expect(text).toContain("Domstolsverket");
    expect(text).toContain("Statlig myndighet"); // the actor group in words (schemas/messages.ts CODE_WORDS)
    expect(text).toContain("202100-0027, 202100-0035");
    const [org] = await server.deps.db.orm.select().from(organisations).where(eq(organisations.orgnr, "2021005489"));
    expect(org?.actorGroup).toBe("state_agency");
    expect(await server.deps.db.orm.select().from(organisationCovers).where(eq(organisationCovers.umbrella, "2021005489"))).toHaveLength(2);
    expect(await lastEvent("organisation.registered")).toMatchObject({ actor: `user:${adminId}`, subject: "2021005489" });
  });

  it("a signer key from its .pub file, then revoked with a reason in the dialog", async () => {
    const { page } = browser;
    const key = await generateSignerKey("2021005489");
    const pub = join(files.dir, "domstolsverket.pub");
    writeFileSync(pub, JSON.stringify(key.publicJwk));
    await page.fill("#s-orgnr", "2021005489");
    await page.setInputFiles("#s-key", pub);
    await submit("signer-form", "är betrodd för 202100-5489");
    expect(await page.textContent("#signer-table")).toContain(key.thumbprint);

    await page.locator(`#signer-table tr:has-text("${key.thumbprint}") button`).click();
    await page.waitForSelector("#revoke-dialog[open]");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("revoke-reason");
    await page.fill("#revoke-reason", "nyckeln har lämnat organisationen");
    await page.click("#revoke-form button[type=submit]");
    await page.waitForSelector("#revoke-dialog:not([open])", { state: "attached" });
    await page.waitForFunction((kid) => document.querySelector("#signer-table")!.textContent!.includes("återkallad") && document.querySelector("#signer-table")!.textContent!.includes(kid), key.thumbprint);
    expect(await page.textContent("#signer-table")).toContain("nyckeln har lämnat organisationen");
    const [row] = await server.deps.db.orm.select().from(signers).where(eq(signers.kid, key.thumbprint));
    expect(row?.revokedFrom).toBeInstanceOf(Date);
    expect(row?.revokeReason).toBe("nyckeln har lämnat organisationen");
    expect(await lastEvent("signer.revoked")).toMatchObject({ actor: `user:${adminId}`, subject: "2021005489" });
  });

  it("a CA from its PEM file, then revoked with a reason", async () => {
    const { page } = browser;
    const pem = join(files.dir, "test-ca.pem");
    writeFileSync(pem, PEM);
    await page.fill("#ca-label", "Test-CA");
    await page.setInputFiles("#ca-pem", pem);
    await submit("ca-form", "Utfärdaren Test-CA är betrodd.");
    await page.click('#ca-table button:has-text("Återkalla")');
    await page.waitForSelector("#revoke-dialog[open]");
    // too short a reason: the refusal shows in the dialog, which stays open
    await page.fill("#revoke-reason", "x");
    await page.click("#revoke-form button[type=submit]");
    expect(await page.evaluate(() => document.querySelector<HTMLTextAreaElement>("#revoke-reason")!.validity.tooShort)).toBe(true);
    await page.fill("#revoke-reason", "utfärdaren är komprometterad");
    await page.click("#revoke-form button[type=submit]");
    await page.waitForFunction(() => document.querySelector("#ca-table")!.textContent!.includes("utfärdaren är komprometterad"));
    const [row] = await server.deps.db.orm.select().from(cas);
    expect(row).toMatchObject({ label: "Test-CA", revokeReason: "utfärdaren är komprometterad" });
    expect(await lastEvent("ca.revoked")).toMatchObject({ actor: `user:${adminId}` });
  });

  it("an account added with roles, its roles changed, disabled and enabled again", async () => {
    const { page } = browser;
    await page.fill("#u-name", "analytiker1");
    await page.fill("#u-password", "Siffror-och-fakta-2026");
    await page.check('#user-form input[value="analyst"]');
    await submit("user-form", "Kontot analytiker1 är skapat.");
    const row = page.locator('#user-table tr:has-text("analytiker1")');
    await row.locator('input[value="reviewer"]').check();
    await row.locator("button", { hasText: "Spara roller" }).click();
    await page.waitForFunction(() => document.getElementById("status")!.textContent!.includes("Rollerna för analytiker1 är sparade."));
    const [u] = await server.deps.db.orm.select().from(users).where(eq(users.username, "analytiker1"));
    expect(JSON.parse(u!.roles)).toEqual(["reviewer", "analyst"]);

    await page.locator('#user-table tr:has-text("analytiker1") button:has-text("Spärra kontot")').click();
    await page.waitForFunction(() => document.getElementById("status")!.textContent!.includes("Kontot analytiker1 är spärrat"));
    expect(await page.textContent('#user-table tr:has-text("analytiker1")')).toContain("spärrat");
    await page.locator('#user-table tr:has-text("analytiker1") button:has-text("Aktivera")').click();
    await page.waitForFunction(() => document.getElementById("status")!.textContent!.includes("Kontot analytiker1 är aktiverat."));
    const [after] = await server.deps.db.orm.select().from(users).where(eq(users.username, "analytiker1"));
    expect(after?.disabled).toBe(false);
    for (const type of ["user.add", "user.roles", "user.disable", "user.enable"]) expect(await lastEvent(type)).toMatchObject({ actor: `user:${adminId}`, subject: u!.id });
    // the admin's own row offers no way to lock themself out
    expect(await page.locator('#user-table tr:has-text("chefen") button:has-text("Spärra")').count()).toBe(0);
  });

  it("the registry passes axe and stacks its tables at 390 px; no console error, no CSP violation", async () => {
    const { page } = browser;
    const r = await checkPage(page, "registry");
    expect(r.violations).toEqual([]);
    expect([r.overflow390, r.wide]).toEqual([0, []]);
    // the one console error is the deliberate refusal of a wrong organisationsnummer above
    expect(browser.consoleErrors).toEqual([expect.stringMatching(/status of 400 .*\/api\/v1\/admin\/organisations$/)]);
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
