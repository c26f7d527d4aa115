/**
 * Reads a filled workbook (layout in ./layout.ts) back into `result.json`, strictly: the file must be
 * an xlsx of at most 10 MiB made for this very model (id and hash on the hidden sheet), every locked
 * cell must still say what the model says, no row may be added, every answer must be one of its
 * drop-down's values, and no cell may hold a formula. Each refusal is `RESULT_INVALID` naming the
 * sheet and cell — never the answer itself, which is sensitive.
 */
import ExcelJS from "exceljs";
import { KollenError } from "../../schemas/errors.ts";
import { RESULT_FORMAT, parseResult, validateResultAgainstModel, type Result } from "../../schemas/result.ts";
import type { LoadedSurveyModel } from "../../schemas/survey-model.ts";
import { ABOUT, COL, FIRST_ROW, HEADER_ROW, HEADERS, MAX_WORKBOOK_BYTES, META, modelRows, NO, SHEET, WORKBOOK_FORMAT, YES } from "./layout.ts";

type Cell = ExcelJS.Cell;

function refuse(where: string, message: string): never {
  throw new KollenError("RESULT_INVALID", `${where}: ${message}`, { detail: { cell: where } });
}

const at = (sheet: string, cell: Cell | string) => `${sheet}!${typeof cell === "string" ? cell : cell.address}`;

/** A cell's text as a person sees it; a formula is refused (it could compute anything). */
function text(sheet: string, cell: Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object" && ("formula" in v || "sharedFormula" in v)) refuse(at(sheet, cell), "a formula is not allowed in the workbook");
  if (typeof v === "object" && "richText" in v) return v.richText.map((r) => r.text).join("").trim();
  if (typeof v === "object" && "text" in v) return String(v.text).trim();
  return refuse(at(sheet, cell), "the cell holds something other than text or a number");
}

function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  return wb.getWorksheet(name) ?? refuse(name, `the sheet "${name}" is missing: is this a workbook made by kollen form xlsx?`);
}

/**
 * `loadModel` is asked for the model the workbook names on its hidden sheet (a caller holding one
 * model file answers that one, and a workbook of another model is then refused).
 * @example const result = await readWorkbook(xlsxBytes, async () => loaded, { organisation: "2120000142", campaign: "infosak-2026" });
 * @throws KollenError `RESULT_INVALID` naming the sheet and cell
 */
export async function readWorkbook(bytes: Uint8Array, loadModel: (id: string) => Promise<LoadedSurveyModel>, who: { organisation: string; campaign?: string }): Promise<Result> {
  if (bytes.byteLength > MAX_WORKBOOK_BYTES) refuse("workbook", `larger than ${MAX_WORKBOOK_BYTES / 1024 / 1024} MiB`);
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) refuse("workbook", "not an xlsx file");
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.slice().buffer);
  } catch {
    refuse("workbook", "not a readable xlsx workbook");
  }
  const meta = sheetOf(wb, SHEET.meta);
  const loaded = await loadModel(text(SHEET.meta, meta.getCell(META.modelId, 2)));
  const { model, sha256 } = loaded;
  const expectMeta = (row: number, want: string, what: string) => {
    if (text(SHEET.meta, meta.getCell(row, 2)) !== want) refuse(at(SHEET.meta, meta.getCell(row, 2)), `${what} does not match the model ${model.id}`);
  };
  expectMeta(META.format, WORKBOOK_FORMAT, "the workbook format");
  expectMeta(META.modelId, model.id, "the model id");
  expectMeta(META.modelSha256, sha256, "the model hash");

  const sheet = sheetOf(wb, SHEET.answers);
  HEADERS[model.kind].forEach((want, i) => {
    const cell = sheet.getCell(HEADER_ROW, i + 1);
    if (text(SHEET.answers, cell) !== want) refuse(at(SHEET.answers, cell), "the header row was changed");
  });
  const rows = modelRows(model);
  const answersByItem = new Map<string, string[]>();
  const answeredItems = new Set<string>();
  const firstRowOf = new Map<string, number>();
  rows.forEach((r, i) => {
    const row = sheet.getRow(FIRST_ROW + i);
    for (const [col, want] of Object.entries(r.cells)) {
      const cell = row.getCell(COL[col as keyof typeof r.cells]);
      if (text(SHEET.answers, cell) !== String(want)) refuse(at(SHEET.answers, cell), "this text differs from the model: was a row changed, moved or added?");
    }
    const cell = row.getCell(COL.answer);
    const answer = text(SHEET.answers, cell);
    if (answer !== "" && !r.choices.includes(answer)) refuse(at(SHEET.answers, cell), `the answer must be one of ${r.choices.join(", ")} or blank`);
    if (!firstRowOf.has(r.item)) firstRowOf.set(r.item, FIRST_ROW + i);
    if (answer === "") return;
    answeredItems.add(r.item);
    if (answer !== NO) answersByItem.set(r.item, [...(answersByItem.get(r.item) ?? []), model.kind === "infosakkollen" ? String(r.cells.id) : answer]);
  });
  for (let n = FIRST_ROW + rows.length; n <= sheet.rowCount; n++) {
    const row = sheet.getRow(n);
    for (let c = 1; c <= COL.id; c++) if (text(SHEET.answers, row.getCell(c)) !== "") refuse(at(SHEET.answers, row.getCell(c)), "a row that is not in the model");
  }
  const unanswered = [...firstRowOf].find(([item]) => !answeredItems.has(item));
  if (unanswered) refuse(at(SHEET.answers, `${String.fromCharCode(64 + COL.answer)}${unanswered[1]}`), "not answered (choose a value for every question or statement)");

  const answers =
    model.kind === "infosakkollen"
      ? model.questions.map((q) => ({ question: q.id, measures: answersByItem.get(q.id) ?? [] }))
      : model.statements.map((s) => ({ statement: s.id, rating: Number(answersByItem.get(s.id)![0]) }));

  const about = sheetOf(wb, SHEET.about);
  const value = (row: number) => text(SHEET.about, about.getCell(row, 2));
  const required = (row: number) => value(row) || refuse(at(SHEET.about, about.getCell(row, 2)), "required");
  const presented = value(ABOUT.presented.row);
  if (presented !== YES && presented !== NO) refuse(at(SHEET.about, about.getCell(ABOUT.presented.row, 2)), `answer ${YES} or ${NO}`);
  const date = value(ABOUT.date.row);
  const email = value(ABOUT.email.row);
  const comments = value(ABOUT.comments.row);

  const result = parseResult({
    format: RESULT_FORMAT,
    model: { id: model.id, sha256 },
    organisation: who.organisation,
    ...(who.campaign ? { campaign: who.campaign } : {}),
    answers,
    preparedBy: { name: required(ABOUT.name.row), role: required(ABOUT.role.row), ...(email ? { email } : {}) },
    presentedToManagement: { presented: presented === YES, ...(date ? { date } : {}) },
    ...(comments ? { comments } : {}),
  });
  validateResultAgainstModel(result, loaded);
  return result;
}
