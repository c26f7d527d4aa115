/**
 * `kollen analyze`: the national picture from verified results, offline (docs/ANALYSIS.md).
 * Reads the results (a folder, or the analysts' export decrypted and verified here), analyses them
 * with analysis/ (pure), and writes OUTDIR/report.json (internal: a row per organisation),
 * report-public.json and report.html (publishable, k-anonymous) and feedback/<orgnr>.html (private
 * to each organisation). Nothing is written unless the whole analysis succeeded.
 */
import { readFile, stat } from "node:fs/promises";
import { admitResults, type Admitted, type Excluded } from "../analysis/admit-results.ts";
import { DEFAULT_K } from "../analysis/anonymity.ts";
import { differencingRisks } from "../analysis/differencing.ts";
import { parseRegistry, type Registry } from "../analysis/registry.ts";
import { feedbackPages } from "../analysis/render-feedback.ts";
import { renderReportHtml } from "../analysis/render-html.ts";
import { buildReport, publicReport } from "../analysis/report.ts";
import { KollenError } from "../schemas/errors.ts";
import { loadSurveyModel, type LoadedSurveyModel } from "../schemas/survey-model.ts";
import { parseIdentityFile } from "../client-kit/age/index.ts";
import { trustFromFiles } from "../client-kit/cli/files.node.ts";
import { EXIT_OK, UsageError, parseCommandArgs, type Command } from "../client-kit/cli/io.node.ts";
import { loadKeyringFile } from "../client-kit/cli/keyring.node.ts";
import { useNodeCrypto } from "../client-kit/cli/node-crypto.node.ts";
import { loadServerKeys, resultsFromDir, resultsFromExport, type Gathered } from "./analysis-input.node.ts";
import { assertFreshDir, writeOutDir } from "../client-kit/cli/write-outdir.node.ts";

const USAGE = `kollen analyze --model MODEL.json (--results DIR | --in EXPORT.tar --identity KEY --server-key JWKS [--trust PUBKEY|CA.pem]... [--keyring FILE])
       [--registry REGISTRY.json] [--previous DIR|EXPORT.tar [--previous-model MODEL.json]] [--k N] -o OUTDIR`;

const OPTIONS = {
  model: { type: "string" },
  results: { type: "string" },
  in: { type: "string" },
  identity: { type: "string", short: "i", multiple: true },
  "server-key": { type: "string" },
  trust: { type: "string", multiple: true },
  keyring: { type: "string" },
  registry: { type: "string" },
  previous: { type: "string" },
  "previous-model": { type: "string" },
  k: { type: "string" },
  output: { type: "string", short: "o" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>["values"];

async function readJsonFile(path: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(await readFile(path)));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw e;
    throw new KollenError("BAD_INPUT", `${what} ${path}: not UTF-8 JSON (inte JSON i UTF-8)`);
  }
}

async function gather(path: string, v: Values): Promise<Gathered> {
  if ((await stat(path)).isDirectory()) return resultsFromDir(path);
  if (!v.identity?.length) throw new UsageError("an export needs --identity KEY (the authority's age identity)", USAGE);
  if (!v["server-key"]) throw new UsageError("an export needs --server-key JWKS (the server's /.well-known/jwks.json) to check index.jws", USAGE);
  useNodeCrypto();
  const identities = [];
  for (const p of v.identity) identities.push(...parseIdentityFile(new TextDecoder().decode(await readFile(p))));
  return resultsFromExport(new Uint8Array(await readFile(path)), {
    identities,
    trust: await trustFromFiles(v.trust ?? []),
    keyring: v.keyring ? await loadKeyringFile(v.keyring) : undefined,
    serverKeys: await loadServerKeys(v["server-key"]),
    now: new Date(),
  });
}

async function admitted(path: string, v: Values, model: LoadedSurveyModel, what: string): Promise<{ results: Admitted[]; excluded: Excluded[] }> {
  const g = await gather(path, v);
  if (g.candidates.length === 0 && g.excluded.length === 0) {
    throw new KollenError("ANALYSIS_NO_RESULTS", `${what} ${path}: no result.json found (inga resultat hittades)`);
  }
  const a = admitResults(model, g.candidates);
  if (!a.admitted.length && g.excluded.some((e) => e.code === "SIGNER_UNKNOWN")) {
    throw new KollenError("ANALYSIS_NO_RESULTS", `${what} ${path}: no package verified: their signers are not trusted; pass the signers' public keys or CA with --trust (ingen inlämning kunde verifieras: ange undertecknarnas nycklar med --trust)`);
  }
  return { results: a.admitted, excluded: [...g.excluded, ...a.excluded] };
}

export const analyze: Command = async (argv) => {
  const { values: v } = parseCommandArgs(argv, OPTIONS, USAGE, false);
  if (v.help) return void process.stdout.write(`usage: ${USAGE}\n`), EXIT_OK;
  if (!v.model || !v.output) throw new UsageError("give --model and -o OUTDIR", USAGE);
  if (Boolean(v.results) === Boolean(v.in)) throw new UsageError("give exactly one of --results DIR and --in EXPORT.tar", USAGE);
  const k = v.k === undefined ? DEFAULT_K : Number(v.k);
  if (!Number.isInteger(k) || k < 1 || k > 1000) throw new UsageError("--k: a whole number from 1 to 1000", USAGE);
  await assertFreshDir(v.output);

  const model = await loadSurveyModel(new Uint8Array(await readFile(v.model)));
  const registry: Registry | undefined = v.registry ? parseRegistry(await readJsonFile(v.registry, "--registry")) : undefined;
  const current = await admitted((v.results ?? v.in)!, v, model, v.results ? "--results" : "--in");
  let previous: { model: LoadedSurveyModel; results: Admitted[] } | undefined;
  if (v.previous) {
    if (model.model.kind !== "infosakkollen") throw new UsageError("--previous: the change between rounds is defined for Infosäkkollen", USAGE);
    const pmodel = v["previous-model"] ? await loadSurveyModel(new Uint8Array(await readFile(v["previous-model"]))) : model;
    const p = await admitted(v.previous, v, pmodel, "--previous");
    if (!p.results.length) throw new KollenError("ANALYSIS_NO_RESULTS", `--previous ${v.previous}: no result of model ${pmodel.model.id} remains (inga resultat kvar från föregående omgång)`);
    previous = { model: pmodel, results: p.results };
  }
  const report = buildReport({ model, results: current.results, excluded: current.excluded, registry, previous, k, generatedAt: new Date().toISOString() });
  const html = renderReportHtml(report, model.model);

  function* files(): Generator<[string, string]> {
    yield ["report.json", `${JSON.stringify(report, null, 2)}\n`];
    yield ["report-public.json", `${JSON.stringify(publicReport(report), null, 2)}\n`];
    yield ["report.html", html];
    for (const [org, page] of feedbackPages(report, model.model, current.results)) yield [`feedback/${org}.html`, page];
  }
  await writeOutDir(v.output, files());
  for (const r of differencingRisks(report)) {
    process.stderr.write(
      `kollen: warning: ${r.group}'s suppressed ${r.figure} can be derived from ${r.from} minus the other groups; withhold one more figure before publishing ` +
        `(varning: ${r.group}s dolda ${r.figure} kan räknas fram ur ${r.from}; docs/ANALYSIS.md)\n`,
    );
  }
  process.stderr.write(
    `kollen: analysed ${report.organisations.length} organisation(s), ${report.excluded.length} left out; k = ${k}\n` +
      `kollen: wrote ${v.output}/report.json (internal), report-public.json and report.html (publishable), feedback/ (${report.organisations.length} private pages)\n`,
  );
  return EXIT_OK;
};
