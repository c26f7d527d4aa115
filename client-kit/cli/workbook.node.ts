/**
 * The Excel round trip, for organisations that answer in Excel as they do today:
 *
 *   kollen form xlsx --model ID|FILE -o FILE.xlsx
 *       a workbook made from the survey model: one row per measure or statement, the answer cell
 *       with a drop-down, the texts locked, the model's id and hash on a hidden sheet
 *   kollen result from-xlsx FILE.xlsx --org N [--campaign ID] [--model ID|FILE] -o result.json
 *       the filled workbook read back, strictly (client-kit/workbook/read.ts)
 *
 * Never overwrites a file (OUTPUT_EXISTS).
 */
import { writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { requireOrgnr } from "../../schemas/orgnr.ts";
import { CampaignId } from "../../schemas/ids.ts";
import { readWorkbook } from "../workbook/read.ts";
import { writeWorkbook } from "../workbook/write.ts";
import { readInput, resolveModel } from "./files.node.ts";
import { EXIT_OK, UsageError, parseCommandArgs, type Command } from "./io.node.ts";

const FORM_USAGE = "kollen form xlsx --model ID|FILE -o FILE.xlsx";
const RESULT_USAGE = "kollen result from-xlsx FILE.xlsx --org N [--campaign ID] [--model ID|FILE] -o result.json";

/** `--model`: a file when one exists at that path, else the id of a model shipped with the kit. */
const modelFrom = (value: string) => (existsSync(value) ? resolveModel("", value) : resolveModel(value));

export const form: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs(argv, { model: { type: "string" }, output: { type: "string", short: "o" } }, FORM_USAGE);
  if (positionals[0] !== "xlsx" || positionals.length !== 1) throw new UsageError("the only form is xlsx", FORM_USAGE);
  if (!values.model) throw new UsageError("missing --model ID|FILE", FORM_USAGE);
  if (!values.output) throw new UsageError("missing -o FILE.xlsx", FORM_USAGE);
  const loaded = await modelFrom(values.model);
  await writeFile(values.output, await writeWorkbook(loaded), { flag: "wx" });
  process.stderr.write(`kollen: wrote ${values.output} (${loaded.model.id}, answer in the column "Svar")\n`);
  return EXIT_OK;
};

export const result: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs(
    argv,
    { org: { type: "string" }, campaign: { type: "string" }, model: { type: "string" }, output: { type: "string", short: "o" } },
    RESULT_USAGE,
  );
  if (positionals[0] !== "from-xlsx" || positionals.length !== 2) throw new UsageError("expected: from-xlsx FILE.xlsx", RESULT_USAGE);
  if (!values.org) throw new UsageError("missing --org N", RESULT_USAGE);
  if (!values.output) throw new UsageError("missing -o result.json", RESULT_USAGE);
  const organisation = requireOrgnr(values.org);
  if (values.campaign !== undefined && !CampaignId.safeParse(values.campaign).success) throw new UsageError("--campaign: a-z 0-9 . _ - (max 64)", RESULT_USAGE);
  const bytes = await readInput(positionals[1]!);
  const read = await readWorkbook(bytes, (named) => modelFrom(values.model ?? named), { organisation, ...(values.campaign ? { campaign: values.campaign } : {}) });
  await writeFile(values.output, JSON.stringify(read, null, 2) + "\n", { flag: "wx" });
  process.stderr.write(`kollen: wrote ${values.output} (${read.model.id})\n`);
  return EXIT_OK;
};
