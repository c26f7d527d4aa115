/** `kollen form xlsx` and `kollen result from-xlsx` end to end with the compiled CLI. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, expect, it } from "vitest";
import type { Result } from "../../../schemas/result.ts";
import { fill } from "./fill.ts";

const BIN = resolve("bin/kollen.mjs");
const EXAMPLE = JSON.parse(readFileSync(resolve("examples/result-infosakkollen.json"), "utf8")) as Result;
let dir: string;

function kollen(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kollen-xlsx-"));
});

it("writes the workbook, reads a filled one back into the example's result.json, and never overwrites", async () => {
  expect(kollen("form", "xlsx", "--model", "infosakkollen-example", "-o", "form.xlsx").code).toBe(0);
  expect(kollen("form", "xlsx", "--model", "infosakkollen-example", "-o", "form.xlsx").err).toContain("[OUTPUT_EXISTS]");
  writeFileSync(join(dir, "filled.xlsx"), await fill(new Uint8Array(readFileSync(join(dir, "form.xlsx"))), EXAMPLE));
  const r = kollen("result", "from-xlsx", "filled.xlsx", "--org", EXAMPLE.organisation, "--campaign", EXAMPLE.campaign!, "-o", "result.json");
  expect(r.code, r.err).toBe(0);
  expect(JSON.parse(readFileSync(join(dir, "result.json"), "utf8"))).toEqual(EXAMPLE);
});

it("refuses a bad workbook with its code and cell, and bad arguments as usage errors", async () => {
  const filled = await fill(new Uint8Array(readFileSync(join(dir, "form.xlsx"))), EXAMPLE, (wb) => (wb.getWorksheet("Svar")!.getCell("G5").value = "kanske"));
  writeFileSync(join(dir, "bad.xlsx"), filled);
  const r = kollen("result", "from-xlsx", "bad.xlsx", "--org", EXAMPLE.organisation, "-o", "bad.json");
  expect(r.code).toBe(1);
  expect(r.err).toContain("[RESULT_INVALID] Svar!G5");
  expect(kollen("result", "from-xlsx", "bad.xlsx", "--org", "212000-0143", "-o", "x.json").err).toContain("[ORGNR_CHECKSUM]");
  expect(kollen("form", "csv", "--model", "infosakkollen-example", "-o", "f.csv").code).toBe(2);
  expect(kollen("result", "from-xlsx", "bad.xlsx", "-o", "x.json").code).toBe(2);
});
