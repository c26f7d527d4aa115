/**
 * One browser journey on workerd (issue 11 § 3): the deployable Worker bundle (`npm run
 * bundle:workers`, no test hooks) on workerd through Miniflare, with D1, R2 and the pages as Workers
 * static assets. A package arrives over HTTP; a reviewer logs in, opens the queue, decrypts the
 * package in Chromium with the authority's identity, sees GODKÄND and approves it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatIdentityFile, generateX25519Identity, recipientKeyId } from "../../client-kit/age/index.ts";
import { buildPackage } from "../../client-kit/package/build.ts";
import { createKeyring } from "../../keys/keyring.ts";
import { DEV_KEYRING_PRIVATE_JWK } from "../../keys/dev/index.ts";
import { PINNED_KEYRING_KEYS } from "../../keys/published/index.ts";
import { generateSignerKey } from "../../keys/signer.ts";
import { loadSurveyModel } from "../../schemas/survey-model.ts";
import { addUser } from "../../server/accounts/add-user.ts";
import { submissions } from "../../server/db/schema.ts";
import { addCampaign } from "../../server/registry/add-campaign.ts";
import { addOrganisation } from "../../server/registry/add-organisation.ts";
import { addSigner } from "../../server/registry/add-signer.ts";
import { installKeyring } from "../../server/registry/install-keyring.ts";
import { d1Db } from "../../server/workers/d1.workers.ts";
import type { DbPort } from "../../server/ports.ts";
import { DEPLOY_BUNDLE, startWorkerd, type Workerd } from "../workers/workerd.ts";
import { launch, type Browser } from "./browser.ts";
import { CANARY } from "./fixtures.ts";
import { CAMPAIGN, ORG } from "./server.ts";

const PASSWORD = "Granska-noga-2026!";
let w: Workerd;
let url: string;
let db: DbPort;
let browser: Browser;
let identityPath: string;
let submissionId: string;

beforeAll(async () => {
  execFileSync(process.execPath, ["scripts/bundle-workers.mjs"], { stdio: ["ignore", "ignore", "inherit"] });
  const receipt = JSON.parse(execFileSync(process.execPath, ["bin/kollen.mjs", "admin", "receipt-key", "new", "--format", "wrangler-secret"], { encoding: "utf8" })) as object;
  // ISSUER without https: plain http on loopback, as a development setup (cookies without Secure)
  w = await startWorkerd({ scriptPath: DEPLOY_BUNDLE, vars: { RECEIPT_PRIVATE_JWK: JSON.stringify(receipt), ISSUER: "kollen", AUTHORITY_NAME: "MCF" } });
  url = String(await w.mf.ready).replace(/\/$/, "");
  db = d1Db(await w.d1());

  const now = new Date();
  const authority = await generateX25519Identity();
  const keyring = await createKeyring(
    { format: "kollen-keyring/1", authority: { name: "MCF", id: "mcf" }, issuedAt: now.toISOString(), recipients: [{ id: await recipientKeyId(authority.recipient), recipient: authority.recipient, status: "current" }] },
    DEV_KEYRING_PRIVATE_JWK,
  );
  await installKeyring(db, keyring, PINNED_KEYRING_KEYS, now);
  const model = await loadSurveyModel(new Uint8Array(readFileSync("schemas/models/infosakkollen-example.json")));
  await addCampaign(db, { id: CAMPAIGN, surveyModelId: model.model.id, surveyModelSha256: model.sha256 }, now);
  await addOrganisation(db, { orgnr: ORG, name: "Exempelkommunen" }, now);
  const signer = await generateSignerKey(ORG);
  await addSigner(db, { orgnr: ORG, jwk: signer.publicJwk }, now);
  await addUser({ db, clock: { now: () => new Date() } }, { username: "granskare", password: PASSWORD, roles: ["reviewer"] }, "cli", { log2N: 12, r: 8, p: 1 });

  const result = JSON.parse(readFileSync("examples/result-infosakkollen.json", "utf8")) as Record<string, unknown>;
  result.comments = `Intern kommentar ${CANARY}`;
  const pkg = await buildPackage({
    result: new TextEncoder().encode(JSON.stringify(result)),
    organisation: ORG,
    campaign: CAMPAIGN,
    surveyModel: { id: model.model.id, sha256: model.sha256 },
    signers: [{ kind: "jwk", privateJwk: signer.privateJwk }],
    recipients: [authority.recipient],
  });
  const res = await fetch(`${url}/api/v1/submissions`, { method: "POST", headers: { "content-type": "application/vnd.kollen.package" }, body: pkg as Uint8Array<ArrayBuffer> });
  expect(res.status).toBe(201);
  submissionId = ((await res.json()) as { submissionId: string }).submissionId;
  identityPath = join(String(execFileSync("mktemp", ["-d"], { encoding: "utf8" })).trim(), "authority-identity.txt");
  writeFileSync(identityPath, formatIdentityFile(authority, now));
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await w?.dispose();
});

describe("reviewer journey on workerd", () => {
  it("logs in, opens the queue, decrypts in the browser, sees GODKÄND and approves", async () => {
    const { page } = browser;
    await page.goto(`${url}/login`);
    await page.fill("#username", "granskare");
    await page.fill("#password", PASSWORD);
    await Promise.all([page.waitForURL(`${url}/admin`), page.click("#login-button")]);
    await page.waitForSelector("#whoami:not(:empty)");
    await page.waitForSelector(`#queue button[data-id="${submissionId}"]`);
    await page.click(`#queue button[data-id="${submissionId}"]`);
    await page.waitForSelector("#detail-section:not([hidden])");
    expect(await page.locator('#detail-facts [title="PASSED"]').textContent()).toBe("Godkänd");

    await page.setInputFiles("#identity-file", identityPath);
    await page.click("#decrypt-button");
    await page.waitForFunction(() => !document.querySelector<HTMLElement>("#decrypt-error")!.hidden || !document.querySelector<HTMLElement>("#report")!.hidden);
    expect(await page.isHidden("#decrypt-error")).toBe(true);
    expect(await page.textContent("#outer-report .badge")).toBe("GODKÄND");
    expect(await page.locator("#result-view h3").count()).toBe(10);
    expect(await page.textContent("#result-view")).toContain(CANARY); // decrypted in the page only

    await page.check("#d-approve"); // enabled once decrypted with every check passed
    await page.fill("#reason", "Kontrollerad på Workers.");
    await page.click("#decision-button");
    await page.waitForFunction(() => document.querySelector("#status")!.textContent!.includes("Status: godkänd"));
    const [row] = await db.orm.select().from(submissions).where(eq(submissions.id, submissionId));
    expect(row!.status).toBe("approved");
    for (const r of browser.requests) expect(r.body?.includes(CANARY) ?? false).toBe(false);
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
