/**
 * The organisation portal in Chromium against a real server: build a package in the browser from
 * the example result and a signer key, upload it, get the receipt; the package opens in Node with
 * the authority's identity; the canary in result.json appears in no request body, on the wire, in
 * the stored files or the server's log. Also: a ready package, a tampered one, an unknown signer,
 * the status lookup, the English switch, and the strict CSP.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPackage } from "../../client-kit/package/build.ts";
import { openPackage } from "../../client-kit/package/open.ts";
import { staticTrustStore } from "../../client-kit/package/trust.ts";
import { generateSignerKey } from "../../keys/signer.ts";
import { errorMessage } from "../../schemas/messages.ts";
import { loadSurveyModel } from "../../schemas/survey-model.ts";
import { CONTENT_SECURITY_POLICY } from "../../server/web/headers.ts";
import { launch, pickCampaign, type Browser } from "./browser.ts";
import { CANARY, SCREENSHOTS, canaryForms, writeFiles, type Files } from "./fixtures.ts";
import { AUTHORITY, CAMPAIGN, ITSAK_CAMPAIGN, ORG, startKollen, type KollenServer } from "./server.ts";

let server: KollenServer;
let browser: Browser;
let files: Files;

beforeAll(async () => {
  server = await startKollen({ itsak: true });
  files = writeFiles(server);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function readyPackage(result: Uint8Array, signer = server.signer) {
  const model = await loadSurveyModel(new Uint8Array(readFileSync("schemas/models/infosakkollen-example.json")));
  return buildPackage({
    result,
    organisation: ORG,
    campaign: CAMPAIGN,
    surveyModel: { id: model.model.id, sha256: model.sha256 },
    signers: [{ kind: "jwk", privateJwk: signer.privateJwk }],
    recipients: [server.authority.recipient],
  });
}

describe("portal", () => {
  it("serves the page in Swedish under the strict CSP", async () => {
    const { page } = browser;
    const res = await page.goto(`${server.url}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.getAttribute("html", "lang")).toBe("sv");
    await expect.poll(() => page.isVisible("#dev-banner")).toBe(true);
    expect(await page.textContent("h1")).toBe("Lämna in resultatet");
    // every input has a label
    const unlabelled = await page.$$eval("main input, main textarea", (els) => els.filter((e) => !(e as HTMLInputElement).labels?.length).map((e) => e.id));
    expect(unlabelled).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, "portal.png"), fullPage: true });
  });

  it("builds, signs and encrypts the package in the browser, uploads it and shows the receipt", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await pickCampaign(browser.page, CAMPAIGN);
    await page.setInputFiles("#result-file", files.result);
    await page.setInputFiles("#signer-files", files.signerKey);
    await page.setInputFiles("#attachment-files", files.attachment);
    await page.click("#preview-button");
    await page.waitForSelector("#preview:not([hidden])");
    const preview = await page.textContent("#preview-facts");
    expect(preview).toContain("212000-9994");
    expect(preview).toContain(CAMPAIGN);
    expect(preview).toContain(server.signer.thumbprint);
    expect(preview).toContain("Riskanalys_2026.txt");
    expect(preview).not.toContain(CANARY);
    await page.screenshot({ path: join(SCREENSHOTS, "portal-preview.png"), fullPage: true });

    await page.click("#send-button");
    await page.waitForSelector("#receipt:not([hidden])");
    expect(await page.textContent("#status")).toContain("Inlämningen är mottagen");
    expect(await page.getAttribute("#progress", "value")).toBe("100");
    await expect.poll(() => page.textContent("#receipt-check")).toContain("Kvittot är signerat av servern");
    expect(await page.isHidden("#preview")).toBe(true); // nothing left to send twice
    await page.screenshot({ path: join(SCREENSHOTS, "portal-receipt.png"), fullPage: true });

    // the receipt downloads as a file equal to the one shown
    const receipt = await page.inputValue("#receipt-text");
    const [receiptFile] = await Promise.all([page.waitForEvent("download"), page.click("#receipt-download")]);
    expect(readFileSync(await receiptFile.path()).toString("utf8").trim()).toBe(receipt);
    const claims = JSON.parse(Buffer.from(receipt.split(".")[1]!, "base64url").toString("utf8")) as { submissionId: string; packageSha256: string };

    // the package the browser made: the server stored it, and the authority can open it in Node
    const [pkgFile] = await Promise.all([page.waitForEvent("download"), page.click("#package-download")]);
    const pkg = new Uint8Array(readFileSync(await pkgFile.path()));
    const stored = server.storedFiles().find((f) => f.path.endsWith(`${claims.submissionId}.kollen`));
    expect(stored && Buffer.compare(stored.bytes, Buffer.from(pkg))).toBe(0);
    const trust = staticTrustStore([{ kid: server.signer.thumbprint, publicJwk: server.signer.publicJwk, organisations: [ORG] }]);
    const opened = await openPackage(pkg, { identities: [server.authority.identity], trust, now: new Date() });
    expect(opened.report.outcome).toBe("PASSED");
    expect(Buffer.from(opened.result).equals(files.resultBytes)).toBe(true);
    expect(opened.attachments.map((a) => a.name)).toEqual(["Riskanalys_2026.txt"]);
    expect(Buffer.from(opened.attachments[0]!.bytes).equals(files.attachmentBytes)).toBe(true);

    // the status lookup with that receipt
    await page.fill("#lookup-receipt", receipt);
    await page.click("#lookup-button");
    await page.waitForSelector("#lookup-result:not([hidden])");
    expect(await page.textContent("#lookup-result")).toContain(claims.submissionId);
  });

  it("uploads a ready package with progress, and gives the original receipt for the same bytes again", async () => {
    const { page } = browser;
    const pkg = await readyPackage(new TextEncoder().encode(files.resultBytes.toString("utf8").replace(CANARY, `${CANARY}-2`)));
    const path = join(files.dir, "ready.kollen");
    (await import("node:fs")).writeFileSync(path, pkg);
    await page.goto(`${server.url}/`);
    await page.setInputFiles("#package-file", path);
    await page.click("#upload-submit");
    await page.waitForSelector("#receipt:not([hidden])");
    const first = await page.inputValue("#receipt-text");
    await page.click("#upload-submit");
    await expect.poll(() => page.textContent("#status")).toContain("redan inlämnat");
    expect(await page.inputValue("#receipt-text")).toBe(first);
  });

  it("explains the server's problem code in Swedish, and in English after the switch, which persists", async () => {
    const { page } = browser;
    const pkg = await readyPackage(files.resultBytes);
    pkg[pkg.length - 2048] ^= 0x01; // a byte of payload.age: its digest no longer matches the signed manifest
    const tampered = join(files.dir, "tampered.kollen");
    (await import("node:fs")).writeFileSync(tampered, pkg);

    await page.goto(`${server.url}/`);
    await page.setInputFiles("#package-file", tampered);
    await page.click("#upload-submit");
    await page.waitForSelector("#error:not([hidden])");
    expect(await page.textContent("#error")).toContain(errorMessage("PAYLOAD_DIGEST_MISMATCH", "sv")); // "Det krypterade innehållet stämmer inte med paketets uppgifter …"
    expect(await page.textContent("#error")).toContain("PAYLOAD_DIGEST_MISMATCH");
    await page.screenshot({ path: join(SCREENSHOTS, "portal-error.png"), fullPage: true });

    await page.click("#lang-switch");
    await page.waitForURL(/lang=en/);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.goto(`${server.url}/`); // no ?lang: the cookie remembers
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.textContent("h1")).toBe("Submit the result");
    await page.setInputFiles("#package-file", tampered);
    await page.click("#upload-submit");
    await page.waitForSelector("#error:not([hidden])");
    expect(await page.textContent("#error")).toContain(errorMessage("PAYLOAD_DIGEST_MISMATCH", "en"));
    await page.screenshot({ path: join(SCREENSHOTS, "portal-en.png"), fullPage: true });
    await page.goto(`${server.url}/?lang=sv`);
    expect(await page.getAttribute("html", "lang")).toBe("sv");
  });

  it("refuses a package larger than the server's limit (GET /api/v1/info) without sending it", async () => {
    const { page } = browser;
    // a fresh page asks /api/v1/info once; here the limit is made small instead of the file large
    await page.route(`${server.url}/api/v1/info`, (route) => route.fulfill({ json: { authority: AUTHORITY, maxPackageBytes: 4096, mediaTypes: [], formats: [] } }));
    try {
      const before = browser.requests.filter((r) => r.method === "POST").length;
      const path = join(files.dir, "large.kollen");
      (await import("node:fs")).writeFileSync(path, await readyPackage(files.resultBytes));
      await page.goto(`${server.url}/`);
      await page.setInputFiles("#package-file", path);
      await page.click("#upload-submit");
      await page.waitForSelector("#error:not([hidden])");
      expect(await page.textContent("#error")).toContain("servern tar emot högst 4 KiB. Inget har skickats.");
      expect(await page.textContent("#error")).toContain("PACKAGE_TOO_LARGE");
      expect(browser.requests.filter((r) => r.method === "POST").length).toBe(before);
    } finally {
      await page.unroute(`${server.url}/api/v1/info`);
    }
  });

  it("refuses an unregistered signer with the server's Swedish message", async () => {
    const { page } = browser;
    const stranger = await generateSignerKey(ORG);
    const key = join(files.dir, "stranger.private.jwk");
    (await import("node:fs")).writeFileSync(key, JSON.stringify(stranger.privateJwk));
    await page.goto(`${server.url}/`);
    await pickCampaign(browser.page, CAMPAIGN);
    await page.setInputFiles("#result-file", files.result);
    await page.setInputFiles("#signer-files", key);
    await page.click("#preview-button");
    await page.waitForSelector("#preview:not([hidden])");
    await page.click("#send-button");
    await page.waitForSelector("#error:not([hidden])");
    expect(await page.textContent("#error")).toContain(errorMessage("SIGNER_UNKNOWN", "sv")); // "Signeringsnyckeln är inte registrerad för organisationen …"
    expect(await page.textContent("#error")).toContain("SIGNER_UNKNOWN");
  });

  it("makes a signing key in the page and says at once what to do next; the server's SIGNER_UNKNOWN says the same, and nothing is stored", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await pickCampaign(page, CAMPAIGN);
    // a bad organisationsnummer: its code and words, no key
    await page.fill("#key-orgnr", "212000-9995");
    await page.click("#key-create");
    await page.waitForSelector("#error:not([hidden])");
    expect(await page.textContent("#error")).toContain("ORGNR_CHECKSUM");
    expect(await page.isHidden("#key-ready")).toBe(true);

    await page.fill("#key-orgnr", "212000-9994");
    await page.click("#key-create");
    await page.waitForSelector("#key-next:not([hidden])");
    const kid = (await page.textContent("#key-ready"))!.replace(/^Nyckel (\S+) är vald\.$/, "$1");
    expect(kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const next = await page.textContent("#key-next");
    expect(next).toContain(`Nyckeln är ny och ännu inte registrerad hos ${AUTHORITY}`);
    expect(next).toContain(`Öppna inbjudningslänken som ${AUTHORITY} skickade till organisationen`);
    expect(await page.textContent("#key-no-link")).toBe(
      `Har ni ingen länk? Kontakta ${AUTHORITY} och be om en inbjudningslänk för organisationsnummer 212000-9994, eller be dem registrera nyckeln med fingeravtrycket ${kid} – läs upp det för dem i telefon, så att de vet att nyckeln är er.`,
    );
    const [keyFile] = await Promise.all([page.waitForEvent("download"), page.click("#key-download")]);
    const saved = JSON.parse(readFileSync(await keyFile.path(), "utf8")) as { kid: string; d?: string; kollen_org: string };
    expect([saved.kid, typeof saved.d, saved.kollen_org]).toEqual([kid, "string", ORG]);
    await page.screenshot({ path: join(SCREENSHOTS, "portal-key-made.png"), fullPage: true });

    // sent with the new key (no key file chosen): refused as unknown, with the next steps; nothing stored
    const stored = server.storedFiles().length;
    const posts = browser.requests.filter((r) => r.method === "POST").length;
    await page.setInputFiles("#result-file", files.result);
    await page.click("#preview-button");
    await page.waitForSelector("#preview:not([hidden])");
    expect(await page.textContent("#preview-facts")).toContain(kid);
    await page.click("#send-button");
    await page.waitForSelector("#error:not([hidden])");
    const error = await page.textContent("#error");
    expect(error).toContain("SIGNER_UNKNOWN");
    expect(error).toContain(`Så gör ni: öppna inbjudningslänken som ${AUTHORITY} skickade till organisationen`);
    expect(browser.requests.filter((r) => r.method === "POST").length).toBe(posts + 1);
    expect(server.storedFiles().length).toBe(stored);

    // the same in English
    await page.goto(`${server.url}/?lang=en`);
    await page.fill("#key-orgnr", "212000-9994");
    await page.click("#key-create");
    await page.waitForSelector("#key-next:not([hidden])");
    expect(await page.textContent("#key-next")).toContain(`Open the invitation link ${AUTHORITY} sent to the organisation`);
    expect(await page.textContent("#key-no-link")).toContain(`No link? Contact ${AUTHORITY} and ask for an invitation link for organisationsnummer 212000-9994`);
    await page.goto(`${server.url}/?lang=sv`); // the choice persists: back to Swedish for the tests after
    expect(browser.pageErrors).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
  });

  it("checks the result locally before anything is signed: a public key, a wrong campaign", async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await pickCampaign(browser.page, ITSAK_CAMPAIGN);
    await page.setInputFiles("#result-file", files.result);
    await page.setInputFiles("#signer-files", files.signerKey);
    await page.click("#preview-button");
    await page.waitForSelector("#error:not([hidden])");
    expect(await page.textContent("#error")).toContain(`gäller insamlingen ${CAMPAIGN}`);
    await pickCampaign(browser.page, CAMPAIGN);
    await page.setInputFiles("#signer-files", files.signerPublic);
    await page.click("#preview-button");
    await expect.poll(() => page.textContent("#error")).toContain("publika nyckeln");
  });

  it("sent the canary nowhere: no request body, no byte on the wire, no stored file, no log line", () => {
    const posts = browser.requests.filter((r) => r.method === "POST");
    expect(posts.length).toBeGreaterThanOrEqual(4); // the uploads happened and were recorded
    expect(posts.every((r) => r.url.endsWith("/api/v1/submissions"))).toBe(true);
    const wire = server.wire();
    expect(wire.includes("application/vnd.kollen.package")).toBe(true); // the tap saw the uploads
    for (const form of canaryForms()) {
      for (const r of browser.requests) expect(r.body?.includes(form) ?? false, `${r.method} ${r.url}`).toBe(false);
      expect(wire.includes(form)).toBe(false);
      for (const f of server.storedFiles()) expect(f.bytes.includes(form), f.path).toBe(false);
      for (const line of server.logs) expect(line.includes(form)).toBe(false);
    }
    expect(browser.requests.some((r) => !r.url.startsWith(server.url))).toBe(false); // no third-party request
  });

  it("ran without a CSP violation or a page error (libsodium's WASM under 'wasm-unsafe-eval')", () => {
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
    expect(AUTHORITY).toBe("MCF");
  });

  it("needs exactly 'wasm-unsafe-eval': without it libsodium cannot start and nothing is sent", async () => {
    const { page } = browser;
    await page.route(`${server.url}/`, async (route) => {
      const res = await route.fetch();
      const csp = res.headers()["content-security-policy"]!.replace(" 'wasm-unsafe-eval'", "");
      await route.fulfill({ response: res, headers: { ...res.headers(), "content-security-policy": csp } });
    });
    try {
      const before = browser.requests.filter((r) => r.method === "POST").length;
      await page.goto(`${server.url}/`);
      await page.setInputFiles("#result-file", files.result);
      await page.setInputFiles("#signer-files", files.signerKey);
      await page.click("#preview-button");
      await page.waitForSelector("#preview:not([hidden])");
      await page.click("#send-button");
      await page.waitForSelector("#error:not([hidden])");
      expect(browser.cspViolations).toContain("script-src wasm-eval");
      expect(browser.requests.filter((r) => r.method === "POST").length).toBe(before);
    } finally {
      await page.unroute(`${server.url}/`);
    }
  });
});
