/**
 * Writes the workbook of a survey model (layout in ./layout.ts): the texts locked, only the answer
 * cells and the "Uppgifter" values open, each answer with its drop-down, the model's id and hash on a
 * very hidden sheet. The sheet protection has no password: it guards against slips, not people —
 * reading back checks every locked cell against the model anyway.
 */
import ExcelJS from "exceljs";
import type { LoadedSurveyModel } from "../../schemas/survey-model.ts";
import { ABOUT, COL, FIRST_ROW, HEADER_ROW, HEADERS, META, modelRows, SHEET, WORKBOOK_FORMAT } from "./layout.ts";

const PROTECTION = { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true } as const;

/**
 * @example const xlsx = await writeWorkbook(await loadSurveyModel(bytes)); // bytes of FILE.xlsx
 */
export async function writeWorkbook(loaded: LoadedSurveyModel): Promise<Uint8Array> {
  const { model, sha256 } = loaded;
  const wb = new ExcelJS.Workbook();
  wb.creator = "kollen";
  wb.title = model.title.sv;

  const answers = wb.addWorksheet(SHEET.answers, { views: [{ state: "frozen", ySplit: HEADER_ROW }] });
  answers.columns = [
    { width: 28 },
    { width: 6 },
    { width: 60 },
    { width: 60 },
    { width: 6 },
    { width: 7 },
    { width: 14 },
    { width: 12, hidden: true },
  ];
  const header = answers.getRow(HEADER_ROW);
  HEADERS[model.kind].forEach((text, i) => (header.getCell(i + 1).value = text));
  header.font = { bold: true };
  modelRows(model).forEach((r, i) => {
    const row = answers.getRow(FIRST_ROW + i);
    for (const [col, value] of Object.entries(r.cells)) row.getCell(COL[col as keyof typeof r.cells]).value = value;
    row.alignment = { wrapText: true, vertical: "top" };
    const answer = row.getCell(COL.answer);
    answer.protection = { locked: false };
    answer.dataValidation = { type: "list", allowBlank: true, formulae: [`"${r.choices.join(",")}"`], showErrorMessage: true, errorTitle: "Ogiltigt svar", error: `Välj ${r.choices.join(", ")} eller lämna tomt.` };
  });
  await answers.protect("", PROTECTION);

  const about = wb.addWorksheet(SHEET.about);
  about.columns = [{ width: 44 }, { width: 60 }];
  about.getCell(1, 1).value = model.title.sv;
  about.getCell(1, 1).font = { bold: true };
  for (const { row, label } of Object.values(ABOUT)) {
    about.getCell(row, 1).value = label;
    about.getCell(row, 2).protection = { locked: false };
  }
  about.getCell(ABOUT.presented.row, 2).dataValidation = { type: "list", allowBlank: true, formulae: ['"Ja,Nej"'] };
  await about.protect("", PROTECTION);

  const meta = wb.addWorksheet(SHEET.meta, { state: "veryHidden" });
  meta.getCell(META.format, 1).value = "format";
  meta.getCell(META.format, 2).value = WORKBOOK_FORMAT;
  meta.getCell(META.modelId, 1).value = "model";
  meta.getCell(META.modelId, 2).value = model.id;
  meta.getCell(META.modelSha256, 1).value = "sha256";
  meta.getCell(META.modelSha256, 2).value = sha256;
  await meta.protect("", PROTECTION);

  return new Uint8Array(await wb.xlsx.writeBuffer());
}
