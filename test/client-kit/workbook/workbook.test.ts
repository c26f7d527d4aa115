/**
 * The Excel round trip: a workbook written from each example model, filled in the test with the same
 * library a person's Excel file would be read with, read back into the very result.json of the
 * examples; and every bad workbook refused with RESULT_INVALID naming the sheet and cell.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { isKollenError, type KollenError } from "../../../schemas/errors.ts";
import { loadSurveyModel, type LoadedSurveyModel } from "../../../schemas/survey-model.ts";
import type { Result } from "../../../schemas/result.ts";
import { readWorkbook } from "../../../client-kit/workbook/read.ts";
import { writeWorkbook } from "../../../client-kit/workbook/write.ts";
import { fill } from "./fill.ts";

const load = (path: string) => loadSurveyModel(new Uint8Array(readFileSync(resolve(path))));
const example = (path: string) => JSON.parse(readFileSync(resolve(path), "utf8")) as Result;

async function refusal(p: Promise<unknown>): Promise<KollenError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(isKollenError(e), String(e)).toBe(true);
  return e as KollenError;
}

describe.each([
  ["Infosäkkollen", "schemas/models/infosakkollen-example.json", "examples/result-infosakkollen.json"],
  ["It-säkkollen", "schemas/models/itsakkollen-example.json", "examples/result-itsakkollen.json"],
])("the %s workbook", (_name, modelPath, resultPath) => {
  let loaded: LoadedSurveyModel;
  let blank: Uint8Array;
  let expected: Result;
  const who = () => ({ organisation: expected.organisation, ...(expected.campaign ? { campaign: expected.campaign } : {}) });
  const read = (bytes: Uint8Array) => readWorkbook(bytes, async () => loaded, who());

  beforeAll(async () => {
    loaded = await load(modelPath);
    blank = await writeWorkbook(loaded);
    expected = example(resultPath);
  });

  it("is written with locked texts, open answer cells with a drop-down, and the model on a very hidden sheet", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(blank.slice().buffer);
    const sheet = wb.getWorksheet("Svar")!;
    const rows = loaded.model.kind === "infosakkollen" ? loaded.model.questions.reduce((n, q) => n + q.measures.length, 0) : loaded.model.statements.length;
    expect(sheet.rowCount).toBe(rows + 1);
    expect(sheet.getCell("G2").protection?.locked).toBe(false);
    expect(sheet.getCell("C2").protection?.locked).not.toBe(false);
    expect(sheet.getCell("G2").dataValidation.formulae).toEqual([loaded.model.kind === "infosakkollen" ? '"Ja,Nej"' : '"1,2,3,4"']);
    const meta = wb.getWorksheet("kollen")!;
    expect(meta.state).toBe("veryHidden");
    expect(meta.getCell("B2").value).toBe(loaded.model.id);
    expect(meta.getCell("B3").value).toBe(loaded.sha256);
  });

  it("filled and read back is the example's result.json", async () => {
    expect(await read(await fill(blank, expected))).toEqual(expected);
  });

  it("refuses a changed question text, naming the cell", async () => {
    const e = await refusal(read(await fill(blank, expected, (wb) => (wb.getWorksheet("Svar")!.getCell("C3").value = "En annan fråga"))));
    expect(e.code).toBe("RESULT_INVALID");
    expect(e.message).toContain("Svar!C3");
  });

  it("refuses a row that is not in the model", async () => {
    const e = await refusal(read(await fill(blank, expected, (wb) => wb.getWorksheet("Svar")!.addRow(["x", "9.9", "Egen fråga", "", "", "", "Ja", "egen"]))));
    expect(e.code).toBe("RESULT_INVALID");
    expect(e.message).toMatch(/Svar!A\d+: a row that is not in the model/);
  });

  it("refuses a value outside the drop-down, without echoing it", async () => {
    const e = await refusal(read(await fill(blank, expected, (wb) => (wb.getWorksheet("Svar")!.getCell("G4").value = "Kanske"))));
    expect(e.code).toBe("RESULT_INVALID");
    expect(e.message).toContain("Svar!G4");
    expect(e.message).not.toContain("Kanske");
  });

  it("refuses a formula in an answer cell", async () => {
    const e = await refusal(read(await fill(blank, expected, (wb) => (wb.getWorksheet("Svar")!.getCell("G2").value = { formula: 'IF(1=1,"Ja","Nej")', result: "Ja" }))));
    expect(e.code).toBe("RESULT_INVALID");
    expect(e.message).toContain("Svar!G2: a formula");
  });

  it("refuses a tampered hidden sheet (another model's hash)", async () => {
    const e = await refusal(read(await fill(blank, expected, (wb) => (wb.getWorksheet("kollen")!.getCell("B3").value = "0".repeat(64)))));
    expect(e.code).toBe("RESULT_INVALID");
    expect(e.message).toContain("kollen!B3");
  });

  it("refuses an unanswered item and missing details, naming the cell", async () => {
    const first = (wb: ExcelJS.Workbook) => wb.getWorksheet("Svar")!.eachRow((row, n) => n > 1 && row.getCell(2).value === row.worksheet.getCell("B2").value && (row.getCell(7).value = null));
    const e = await refusal(read(await fill(blank, expected, first)));
    expect(e.message).toBe("Svar!G2: not answered (choose a value for every question or statement)");
    const f = await refusal(read(await fill(blank, expected, (wb) => (wb.getWorksheet("Uppgifter")!.getCell("B2").value = null))));
    expect(f.message).toContain("Uppgifter!B2: required");
  });
});

describe("a workbook that is not one", () => {
  let loaded: LoadedSurveyModel;
  beforeAll(async () => {
    loaded = await load("schemas/models/infosakkollen-example.json");
  });
  const read = (bytes: Uint8Array) => readWorkbook(bytes, async () => loaded, { organisation: "2120000142" });

  it("refuses a file over 10 MiB before reading it", async () => {
    const e = await refusal(read(new Uint8Array(10 * 1024 * 1024 + 1)));
    expect(e.message).toBe("workbook: larger than 10 MiB");
  });

  it("refuses a non-xlsx file and a broken zip", async () => {
    expect((await refusal(read(new TextEncoder().encode("Fråga;Svar\n1.1;Ja\n")))).message).toBe("workbook: not an xlsx file");
    expect((await refusal(read(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).message).toBe("workbook: not a readable xlsx workbook");
  });

  it("refuses another model's workbook", async () => {
    const other = await writeWorkbook(await load("schemas/models/itsakkollen-example.json"));
    const e = await refusal(read(other));
    expect(e.code).toBe("RESULT_INVALID");
    expect(e.message).toContain("kollen!B2: the model id does not match");
  });
});
