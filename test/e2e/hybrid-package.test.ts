/**
 * A package sealed to a post-quantum hybrid keyring, end to end in Chromium: the authority's one
 * current recipient is an mlkem768x25519 key (`age1pq1…`, type written out in the signed keyring);
 * the portal builds, signs and seals the package in the browser and submits it; the reviewer's
 * page decrypts it in the browser with the `AGE-SECRET-KEY-PQ-1…` identity file and verifies it.
 * payload.age holds one mlkem768x25519 stanza and no X25519 one.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkWrittenHeader, formatIdentityFile } from "../../client-kit/age/index.ts";
import { readTar } from "../../client-kit/lib/tar.ts";
import { launch, pickCampaign, type Browser } from "./browser.ts";
import { CANARY, SCREENSHOTS, canaryForms, writeFiles, type Files } from "./fixtures.ts";
import { CAMPAIGN, startKollen, type KollenServer } from "./server.ts";

let server: KollenServer;
let browser: Browser;
let files: Files;
let pkgPath: string;

beforeAll(async () => {
  server = await startKollen({ hybrid: true });
  files = writeFiles(server);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a package sealed to a hybrid keyring", () => {
  it("is made, signed, sealed and submitted in the browser", async () => {
    expect(server.authority.recipient.startsWith("age1pq1")).toBe(true);
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await pickCampaign(page, CAMPAIGN);
    await page.setInputFiles("#result-file", files.result);
    await page.setInputFiles("#signer-files", files.signerKey);
    await page.click("#preview-button");
    await page.waitForSelector("#preview:not([hidden])");
    await page.click("#send-button");
    await page.waitForSelector("#receipt:not([hidden])");
    expect(await page.textContent("#status")).toContain("Inlämningen är mottagen");
    const [pkgFile] = await Promise.all([page.waitForEvent("download"), page.click("#package-download")]);
    pkgPath = join(files.dir, "hybrid.kollen");
    writeFileSync(pkgPath, readFileSync(await pkgFile.path()));
  });

  it("holds one mlkem768x25519 stanza and no X25519 one", async () => {
    const pkg = new Uint8Array(readFileSync(pkgPath));
    const payload = readTar(pkg, "PACKAGE_NOT_TAR").find((m) => m.header.name === "payload.age")!.bytes;
    expect(await checkWrittenHeader(payload)).toEqual({ ok: true, type: "mlkem768x25519", count: 1 });
  });

  it("is decrypted and verified in the reviewer's page with the AGE-SECRET-KEY-PQ-1 identity", async () => {
    const identityPath = join(files.dir, "authority-pq.txt");
    writeFileSync(identityPath, formatIdentityFile(server.authority, new Date()));
    const { page } = browser;
    await page.goto(`${server.url}/review`);
    await page.waitForSelector("html[data-ready]");
    await page.setInputFiles("#review-package", pkgPath);
    await page.setInputFiles("#identity-file", identityPath);
    await page.setInputFiles("#trust-files", files.signerPublic);
    await page.click("#open-button");
    await page.waitForFunction(() => !document.querySelector<HTMLElement>("#error")!.hidden || !document.querySelector<HTMLElement>("#report")!.hidden);
    expect(await page.isHidden("#error")).toBe(true);
    expect(await page.textContent("#outer-report .badge")).toBe("GODKÄND");
    expect(await page.locator("#result-view h3").count()).toBe(10);
    expect(await page.textContent("#result-view")).toContain(CANARY);
    await page.screenshot({ path: join(SCREENSHOTS, "review-hybrid.png"), fullPage: true });
  });

  it("sent the canary and the identity nowhere, with no CSP violation or page error", () => {
    const wire = server.wire().toString("latin1");
    for (const form of canaryForms()) expect(wire).not.toContain(form);
    expect(wire).not.toContain("AGE-SECRET-KEY-PQ-1");
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
