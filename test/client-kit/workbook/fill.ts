/** Fills a kollen workbook as a person would in Excel: the answer column and the "Uppgifter" values. */
import ExcelJS from "exceljs";
import type { Result } from "../../../schemas/result.ts";

export async function fill(xlsx: Uint8Array, result: Result, edit?: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.slice().buffer);
  const sheet = wb.getWorksheet("Svar")!;
  const taken = new Set(result.answers.flatMap((a) => ("measures" in a ? a.measures : [])));
  const ratings = new Map(result.answers.flatMap((a) => ("rating" in a ? [[a.statement, a.rating] as const] : [])));
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const id = String(row.getCell(8).value);
    row.getCell(7).value = ratings.size ? (ratings.get(id) ?? null) : taken.has(id) ? "Ja" : "Nej";
  });
  const about = wb.getWorksheet("Uppgifter")!;
  about.getCell("B2").value = result.preparedBy.name;
  about.getCell("B3").value = result.preparedBy.role;
  if (result.preparedBy.email) about.getCell("B4").value = result.preparedBy.email;
  about.getCell("B5").value = result.presentedToManagement.presented ? "Ja" : "Nej";
  if (result.presentedToManagement.date) about.getCell("B6").value = result.presentedToManagement.date;
  if (result.comments) about.getCell("B7").value = result.comments;
  edit?.(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

