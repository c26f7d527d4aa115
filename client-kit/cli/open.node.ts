/**
 * `kollen open PKG -i IDENTITY [--trust ...] [--model FILE] -o DIR`: decrypt and verify everything,
 * then write result.json, attachments/ and verification.json. Nothing is written to DIR unless every
 * check passed: the files go to a temporary sibling folder renamed at the end (write-outdir.node.ts).
 */
import { isKollenError } from "../../schemas/errors.ts";
import { validateResultAgainstModel } from "../../schemas/result.ts";
import { parseIdentityFile } from "../age/index.ts";
import { checkOpenedResult, openPackage } from "../package/open.ts";
import { readInput, resolveModel, trustFromFiles } from "./files.node.ts";
import { EXIT_FAILED, EXIT_OK, UsageError, parseCommandArgs, type Command } from "./io.node.ts";
import { loadKeyringFile } from "./keyring.node.ts";
import { useNodeCrypto } from "./node-crypto.node.ts";
import { printReport } from "./report.node.ts";
import type { VerificationReport } from "../package/verify-outer.ts";
import { parseAt } from "./verify.node.ts";
import { assertFreshDir, writeOutDir } from "./write-outdir.node.ts";

const USAGE = "kollen open PKG -i IDENTITY [-i IDENTITY]... [--trust PUBKEY|CA.pem]... [--keyring FILE [--keyring-key PUBKEY]...] [--at TIME] [--model FILE] -o DIR";

export const open: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      identity: { type: "string", short: "i", multiple: true },
      trust: { type: "string", multiple: true },
      keyring: { type: "string" },
      "keyring-key": { type: "string", multiple: true },
      at: { type: "string" },
      model: { type: "string" },
      output: { type: "string", short: "o" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    USAGE,
  );
  if (values.help) return void process.stdout.write(`usage: ${USAGE}\n`), EXIT_OK;
  if (positionals.length !== 1 || !values.identity?.length || !values.output) throw new UsageError("give one package, -i IDENTITY and -o DIR", USAGE);
  useNodeCrypto();
  const now = parseAt(values.at, USAGE);
  const out = values.output;
  await assertFreshDir(out);

  const identities = [];
  for (const p of values.identity) identities.push(...parseIdentityFile(new TextDecoder().decode(await readInput(p))));
  const trust = await trustFromFiles(values.trust ?? []);
  const keyring = values.keyring ? await loadKeyringFile(values.keyring, values["keyring-key"] ?? []) : undefined;
  const bytes = await readInput(positionals[0]!);
  let opened: Awaited<ReturnType<typeof openPackage>>;
  try {
    opened = await openPackage(bytes, { identities, trust, keyring, now });
    if (opened.report.outcome === "PASSED") {
      const result = checkOpenedResult(opened.result, opened.report.manifest);
      validateResultAgainstModel(result, await resolveModel(result.model.id, values.model));
    }
  } catch (e) {
    // A defect of the package, outside or inside, is FAILED with its code (FORMAT.md §Outcomes).
    if (isKollenError(e)) {
      const outer = e.detail?.report as VerificationReport | undefined; // the outer report, when verification is what failed
      printReport(outer ?? { outcome: "FAILED", reasons: [{ code: e.code, message: e.message }], signers: [] }, Boolean(values.json));
    }
    throw e;
  }
  const { report } = opened;
  if (report.outcome !== "PASSED") {
    printReport(report, Boolean(values.json));
    process.stderr.write("kollen: error: the package did not verify; nothing was written\nhint: pass the signers' public keys or CA with --trust\n");
    return EXIT_FAILED;
  }

  await writeOutDir(out, [
    ["result.json", opened.result],
    ...opened.attachments.map((a): [string, Uint8Array] => [`attachments/${a.name}`, a.bytes]),
    ["verification.json", `${JSON.stringify(report, null, 2)}\n`],
  ]);
  printReport(report, Boolean(values.json));
  process.stderr.write(`kollen: opened into ${out}: result.json, ${opened.attachments.length} attachment(s), verification.json\n`);
  return EXIT_OK;
};
