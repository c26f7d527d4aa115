/**
 * `kollen demo-data --model MODEL.json --orgs N [--seed S] -o DIR`: a reproducible synthetic
 * population (analysis/demo-population.ts) as DIR/results/<orgnr>/result.json plus DIR/registry.json,
 * for demos, tests and benchmarks. Nothing in it is real.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { demoPopulation } from "../analysis/demo-population.ts";
import { loadSurveyModel } from "../schemas/survey-model.ts";
import { EXIT_OK, UsageError, parseCommandArgs, type Command } from "../client-kit/cli/io.node.ts";
import { assertFreshDir, writeOutDir } from "../client-kit/cli/write-outdir.node.ts";

const USAGE = "kollen demo-data --model MODEL.json --orgs N [--seed S] -o DIR";

export const demoData: Command = async (argv) => {
  const { values } = parseCommandArgs(
    argv,
    { model: { type: "string" }, orgs: { type: "string" }, seed: { type: "string", default: "1" }, output: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } },
    USAGE,
    false,
  );
  if (values.help) return void process.stdout.write(`usage: ${USAGE}\n`), EXIT_OK;
  if (!values.model || !values.orgs || !values.output) throw new UsageError("give --model, --orgs and -o", USAGE);
  const n = Number(values.orgs);
  const seed = Number(values.seed);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new UsageError("--orgs: a whole number from 1 to 1000000", USAGE);
  if (!Number.isInteger(seed)) throw new UsageError("--seed: a whole number", USAGE);
  await assertFreshDir(values.output);
  const loaded = await loadSurveyModel(new Uint8Array(await readFile(values.model)));
  const { results, registry } = demoPopulation(loaded, n, seed);
  function* files(): Generator<[string, string]> {
    yield ["registry.json", `${JSON.stringify(registry, null, 2)}\n`];
    for (const r of results) yield [join("results", r.organisation, "result.json"), `${JSON.stringify(r)}\n`];
  }
  await writeOutDir(values.output, files(), 0o644);
  process.stderr.write(`kollen: ${n} synthetic results (seed ${seed}) in ${join(values.output, "results")}, registry in ${join(values.output, "registry.json")}\n`);
  return EXIT_OK;
};
