/**
 * The reviewer's page in Chromium: a package decrypts and verifies with the authority's identity
 * and shows the result per arbetsområde and the attachments; a wrong identity, a flipped payload
 * byte and a flipped manifest byte each give a clear message. The page sends no body at all.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatIdentityFile, generateX25519Identity } from "../../client-kit/age/index.ts";
import { launch, type Browser } from "./browser.ts";
import { CANARY, SCREENSHOTS, canaryForms, examplePackage, writeFiles, writeIdentity, type Files } from "./fixtures.ts";
import { CAMPAIGN, startKollen, type KollenServer } from "./server.ts";

let server: KollenServer;
let browser: Browser;
let files: Files;
let pkgPath: string;
let pkg: Uint8Array;
let identityPath: string;

beforeAll(async () => {
  server = await startKollen();
  files = writeFiles(server);
  pkg = await examplePackage(server, files);
  pkgPath = join(files.dir, "inlamning.kollen");
  writeFileSync(pkgPath, pkg);
  identityPath = writeIdentity(server, files, "authority-identity.txt");
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(packagePath: string, identity: string, trust?: string) {
  const { page } = browser;
  await page.goto(`${server.url}/review`);
  await page.waitForSelector("html[data-ready]");
  await page.setInputFiles("#review-package", packagePath);
  await page.setInputFiles("#identity-file", identity);
  if (trust) await page.setInputFiles("#trust-files", trust);
  await page.click("#open-button");
  await page.waitForFunction(() => !document.querySelector<HTMLElement>("#error")!.hidden || !document.querySelector<HTMLElement>("#report")!.hidden);
}

describe("reviewer page", () => {
  it("decrypts and verifies with the authority's identity and shows the result per work area", async () => {
    const { page } = browser;
    await open(pkgPath, identityPath, files.signerPublic);
    expect(await page.isHidden("#error")).toBe(true);
    expect(await page.textContent("#status")).toBe("Paketet är dekrypterat och kontrollerat.");
    expect(await page.textContent("#outer-report .badge")).toBe("GODKÄND");
    expect(await page.textContent("#outer-report")).toContain("212000-9994");
    expect(await page.textContent("#inner-report")).toContain("samma undertecknare");
    expect(await page.$$eval("#inner-report dd", (dds) => dds.map((d) => d.textContent))).toEqual(["ja", "ja", "ja"]);
    expect(await page.locator("#result-view h3").count()).toBe(10); // the example model's 10 arbetsområden
    expect(await page.textContent("#result-view")).toContain(CANARY); // the comment, decrypted in the page
    await page.screenshot({ path: join(SCREENSHOTS, "review.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#attachments a")]);
    expect(download.suggestedFilename()).toBe("riskanalys.txt");
    expect(readFileSync(await download.path()).equals(files.attachmentBytes)).toBe(true);

    await page.click("#clear-button");
    expect(await page.isHidden("#report")).toBe(true);
    expect(await page.textContent("main")).not.toContain(CANARY);
  });

  it("marks an unknown signer INDETERMINATE but still decrypts", async () => {
    const { page } = browser;
    await open(pkgPath, identityPath);
    expect(await page.textContent("#outer-report .badge")).toBe("OBESTÄMD");
    expect(await page.textContent("#outer-report")).toContain("SIGNER_UNKNOWN");
    expect(await page.locator("#result-view h3").count()).toBe(10);
  });

  it("says clearly that a wrong identity cannot decrypt", async () => {
    const { page } = browser;
    const other = join(files.dir, "other-identity.txt");
    writeFileSync(other, formatIdentityFile(await generateX25519Identity(), new Date()));
    await open(pkgPath, other, files.signerPublic);
    const error = await page.textContent("#error");
    expect(error).toContain("Paketet kunde inte dekrypteras med den här identitetsfilen");
    expect(error).toContain("DECRYPTION_FAILED");
    expect(await page.isHidden("#report")).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "review-wrong-identity.png"), fullPage: true });

    writeFileSync(other, "inte en nyckel\n");
    await open(pkgPath, other);
    expect(await page.textContent("#error")).toContain("AGE_IDENTITY_INVALID");
  });

  it("says clearly that a tampered package was changed, and does not decrypt it", async () => {
    const { page } = browser;
    const payloadFlip = Uint8Array.from(pkg);
    payloadFlip[payloadFlip.length - 2048] ^= 0x01;
    const tampered = join(files.dir, "tampered.kollen");
    writeFileSync(tampered, payloadFlip);
    await open(tampered, identityPath, files.signerPublic);
    expect(await page.textContent("#error")).toContain("paketet har ändrats eller skadats");
    expect(await page.textContent("#error")).toContain("PAYLOAD_DIGEST_MISMATCH");
    expect(await page.textContent("#outer-report .badge")).toBe("UNDERKÄND");
    expect(await page.locator("#result-view h3").count()).toBe(0);
    expect(await page.isHidden("#decrypted")).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, "review-tampered.png"), fullPage: true });

    const manifestFlip = Uint8Array.from(pkg);
    const at = Buffer.from(manifestFlip).indexOf(CAMPAIGN);
    manifestFlip[at] = "j".charCodeAt(0); // "infosakkollen-2026" → "jnfosakkollen-2026" in manifest.json
    writeFileSync(tampered, manifestFlip);
    await open(tampered, identityPath, files.signerPublic);
    expect(await page.textContent("#error")).toContain("SIGNATURE_INVALID");
  });

  it("switches to English", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/review?lang=en`);
    await page.waitForSelector("html[data-ready]");
    await page.setInputFiles("#review-package", pkgPath);
    await page.setInputFiles("#identity-file", identityPath);
    await page.setInputFiles("#trust-files", files.signerPublic);
    await page.click("#open-button");
    await page.waitForSelector("#report:not([hidden])");
    expect(await page.textContent("#outer-report .badge")).toBe("PASSED");
    expect(await page.textContent("#status")).toBe("The package has been decrypted and checked.");
    await page.screenshot({ path: join(SCREENSHOTS, "review-en.png"), fullPage: true });
  });

  it("sent nothing: only GETs without a body, none with the identity or the canary, no CSP violation", () => {
    expect(browser.requests.length).toBeGreaterThan(0);
    expect(browser.requests.filter((r) => r.method !== "GET")).toEqual([]);
    const identity = server.authority.identity;
    const wire = server.wire();
    for (const form of [...canaryForms(), identity, identity.slice(20, 40)]) {
      expect(wire.includes(form)).toBe(false);
      for (const r of browser.requests) expect(r.url.includes(form)).toBe(false);
    }
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
