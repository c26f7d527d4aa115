/**
 * Files the browser tests pick: the example result with a canary, a signer key, an attachment; the
 * example package built from them and uploaded; a staff login.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { formatIdentityFile } from "../../client-kit/age/index.ts";
import { buildPackage } from "../../client-kit/package/build.ts";
import { loadSurveyModel } from "../../schemas/survey-model.ts";
import { CAMPAIGN, ORG, type KollenServer } from "./server.ts";

/**
 * Where the suite saves its screenshots: test-output/screenshots/ (ignored by git), so a test run
 * never changes a tracked file. `npm run docs:screenshots` points KOLLEN_SCREENSHOTS at
 * docs/screenshots/ to refresh the documentation's pictures on purpose.
 */
export const SCREENSHOTS = process.env.KOLLEN_SCREENSHOTS || join("test-output", "screenshots");
mkdirSync(SCREENSHOTS, { recursive: true });

/** A canary that must never appear in anything the browser sends. */
export const CANARY = `KANARIEFÅGEL-${crypto.randomUUID().slice(0, 8)}`;

export interface Files {
  dir: string;
  result: string;
  resultBytes: Buffer;
  signerKey: string;
  signerPublic: string;
  attachment: string;
  attachmentBytes: Buffer;
}

/** Writes the example result (with the canary in its comments), the signer key and an attachment. */
export function writeFiles(server: KollenServer): Files {
  const dir = mkdtempSync(join(tmpdir(), "kollen-e2e-files-"));
  const result = JSON.parse(readFileSync("examples/result-infosakkollen.json", "utf8")) as Record<string, unknown>;
  result.comments = `Intern kommentar ${CANARY}: brandväggen saknar loggning.`;
  const resultBytes = Buffer.from(`${JSON.stringify(result, null, 2)}\n`);
  const attachmentBytes = Buffer.from(`Riskanalys 2026\n${CANARY}\n`);
  const files: Files = {
    dir,
    result: join(dir, "result.json"),
    resultBytes,
    signerKey: join(dir, "exempelkommunen.private.jwk"),
    signerPublic: join(dir, "exempelkommunen.public.jwk"),
    attachment: join(dir, "Riskanalys 2026.txt"),
    attachmentBytes,
  };
  writeFileSync(files.result, resultBytes);
  writeFileSync(files.signerKey, JSON.stringify(server.signer.privateJwk));
  writeFileSync(files.signerPublic, JSON.stringify(server.signer.publicJwk));
  writeFileSync(files.attachment, attachmentBytes);
  return files;
}

/** Every way the canary could be spelled on the wire. */
export function canaryForms(): string[] {
  return [CANARY, encodeURIComponent(CANARY), JSON.stringify(CANARY).slice(1, -1), Buffer.from(CANARY).toString("base64").slice(0, 16)];
}

/**
 * The example result as a package of ORG for CAMPAIGN, signed with the server's test signer and
 * sealed for its authority; with the attachment unless `attachments` says otherwise.
 */
export async function examplePackage(server: KollenServer, files: Files, opts: { attachments?: Array<{ name: string; bytes: Uint8Array }>; now?: Date } = {}): Promise<Uint8Array> {
  const model = await loadSurveyModel(new Uint8Array(readFileSync("schemas/models/infosakkollen-example.json")));
  return buildPackage({
    result: files.resultBytes,
    attachments: opts.attachments ?? [{ name: "riskanalys.txt", bytes: files.attachmentBytes }],
    organisation: ORG,
    campaign: CAMPAIGN,
    surveyModel: { id: model.model.id, sha256: model.sha256 },
    signers: [{ kind: "jwk", privateJwk: server.signer.privateJwk }],
    recipients: [server.authority.recipient],
    ...(opts.now ? { now: opts.now } : {}),
  });
}

/** Uploads a package as the portal does; answers the new submission's id. */
export async function uploadPackage(server: KollenServer, pkg: Uint8Array): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/submissions`, { method: "POST", headers: { "content-type": "application/vnd.kollen.package" }, body: pkg as Uint8Array<ArrayBuffer> });
  expect(res.status).toBe(201);
  return ((await res.json()) as { submissionId: string }).submissionId;
}

/** Logs a staff account in through the login page and waits until it lands on `lands`. */
export async function logInAs(page: Page, server: KollenServer, username: string, password: string, lands = "/admin"): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.fill("#username", username);
  await page.fill("#password", password);
  await Promise.all([page.waitForURL(`${server.url}${lands}`), page.click("#login-button")]);
}

/** Writes the server's DEV authority identity file for the reviewer to pick; answers its path. */
export function writeIdentity(server: KollenServer, files: Files, name = "DEV-authority-identity.txt"): string {
  const path = join(files.dir, name);
  writeFileSync(path, formatIdentityFile(server.authority, new Date()));
  return path;
}
