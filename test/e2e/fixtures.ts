/** Files the browser tests pick: the example result with a canary, a signer key, an attachment. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KollenServer } from "./server.ts";

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
