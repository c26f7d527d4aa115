/**
 * The Excel workbook made from a survey model (`kollen-workbook/1`), for organisations that answer
 * in Excel as they do today. One layout, written by ./write.ts and read back strictly by ./read.ts:
 *
 *   sheet "Svar"        a header row, then one row per measure (Infosäkkollen) or per statement
 *                        (It-säkkollen): work area, number, question or statement text, measure
 *                        text, nivå, points — all locked — and the answer cell, the only one open,
 *                        with a drop-down (Ja/Nej, or 1–4). The item's id in a hidden column.
 *   sheet "Uppgifter"   who prepared the answers, whether they were presented to management, comments.
 *   sheet "kollen"      very hidden: the workbook format, the model id and the SHA-256 of its file.
 *
 * Reading back compares every locked cell with the model, so a changed text, a moved or unknown row,
 * or another model's workbook is refused, naming the sheet and cell.
 */

import type { SurveyModel } from "../../schemas/survey-model.ts";

export const WORKBOOK_FORMAT = "kollen-workbook/1";

export const SHEET = { answers: "Svar", about: "Uppgifter", meta: "kollen" } as const;

/** Columns of the answers sheet, 1-based as ExcelJS counts them. */
export const COL = { area: 1, number: 2, question: 3, measure: 4, level: 5, points: 6, answer: 7, id: 8 } as const;

export const HEADER_ROW = 1;
export const FIRST_ROW = 2;

/** The answers sheet's header texts, in column order. */
export const HEADERS = {
  infosakkollen: ["Arbetsområde", "Nr", "Fråga", "Åtgärd", "Nivå", "Poäng", "Svar (Ja/Nej)", "id"],
  itsakkollen: ["Arbetsområde", "Nr", "Påstående", "", "", "", "Svar (1–4)", "id"],
} as const;

/** The drop-down values of an Infosäkkollen measure: taken, not taken. A blank cell is unanswered. */
export const YES = "Ja";
export const NO = "Nej";

/** The labelled cells of the "Uppgifter" sheet: label in column A, value in column B. */
export const ABOUT = {
  name: { row: 2, label: "Namn på den som sammanställt svaren" },
  role: { row: 3, label: "Roll" },
  email: { row: 4, label: "E-post (frivillig)" },
  presented: { row: 5, label: "Presenterat för ledningen (Ja/Nej)" },
  date: { row: 6, label: "Datum för presentationen (ÅÅÅÅ-MM-DD)" },
  comments: { row: 7, label: "Kommentarer (frivilliga)" },
} as const;

/** The cells of the hidden sheet: key in column A, value in column B. */
export const META = { format: 1, modelId: 2, modelSha256: 3 } as const;

/** Largest workbook read back (a full Infosäkkollen workbook is well under 1 MiB). */
export const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;

/** One row of the answers sheet as the model defines it: the locked texts and what the answer means. */
export interface ModelRow {
  /** the locked cells, by column: what the sheet must show */
  cells: Record<Exclude<keyof typeof COL, "answer">, string | number>;
  /** Infosäkkollen: the question this measure belongs to; It-säkkollen: the statement */
  item: string;
  /** the values the answer's drop-down offers */
  choices: readonly string[];
}

/** The rows of the answers sheet for `model`, in order, with Swedish texts. */
export function modelRows(model: SurveyModel): ModelRow[] {
  const areaTitle = new Map(model.areas.map((a) => [a.id, `${a.number}. ${a.title.sv}`]));
  if (model.kind === "infosakkollen") {
    return model.questions.flatMap((q) =>
      q.measures.map((m) => ({
        cells: { area: areaTitle.get(q.area)!, number: q.number, question: q.text.sv, measure: m.text.sv, level: m.level, points: m.points, id: m.id },
        item: q.id,
        choices: [YES, NO],
      })),
    );
  }
  return model.statements.map((s) => ({
    cells: { area: areaTitle.get(s.area)!, number: s.number, question: s.text.sv, measure: "", level: "", points: "", id: s.id },
    item: s.id,
    choices: ["1", "2", "3", "4"],
  }));
}
