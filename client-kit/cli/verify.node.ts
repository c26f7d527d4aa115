/**
 * `kollen verify PKG [--trust PUBKEY|CA.pem]... [--keyring FILE [--keyring-key PUBKEY]...] [--at TIME] [--json]`:
 * verify without any secret (docs/FORMAT.md §Verification). Prints the outcome line (PASSED,
 * INDETERMINATE or FAILED) and its reasons; a package that breaks the tar structure is FAILED with
 * its code like any other defect. Exit 0 only for PASSED.
 */
import { isKollenError } from "../../schemas/errors.ts";
import { nodeSha256 } from "../../encoding/sha256.node.ts";
import { scanPackageBytes } from "../package/scan.ts";
import { verifyOuter } from "../package/verify-outer.ts";
import { readInput, trustFromFiles } from "./files.node.ts";
import { EXIT_FAILED, EXIT_OK, UsageError, parseCommandArgs, type Command } from "./io.node.ts";
import { loadKeyringFile } from "./keyring.node.ts";
import { printReport } from "./report.node.ts";

const USAGE = "kollen verify PKG [--trust PUBKEY|CA.pem]... [--keyring FILE [--keyring-key PUBKEY]...] [--at TIME] [--json]";

/** `--at TIME`: the time of receipt to judge revocation and certificate validity at (default: now). */
export function parseAt(value: string | undefined, usage: string): Date {
  if (value === undefined) return new Date();
  const t = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) || Number.isNaN(t.getTime())) throw new UsageError("--at takes a UTC time, e.g. 2026-11-29T10:00:00Z", usage);
  return t;
}

export const verify: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      trust: { type: "string", multiple: true },
      keyring: { type: "string" },
      "keyring-key": { type: "string", multiple: true },
      at: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    USAGE,
  );
  if (values.help) return void process.stdout.write(`usage: ${USAGE}\n`), EXIT_OK;
  if (positionals.length !== 1) throw new UsageError("give exactly one package", USAGE);
  const now = parseAt(values.at, USAGE);
  const trust = await trustFromFiles(values.trust ?? []);
  const keyring = values.keyring ? await loadKeyringFile(values.keyring, values["keyring-key"] ?? []) : undefined;
  const bytes = await readInput(positionals[0]!);
  let scanned;
  try {
    scanned = await scanPackageBytes(bytes, { createHash: nodeSha256 });
  } catch (e) {
    if (!isKollenError(e)) throw e;
    // The structure is broken: FAILED with the structure's code (FORMAT.md §Outcomes).
    printReport({ outcome: "FAILED", reasons: [{ code: e.code, message: e.message }], signers: [] }, Boolean(values.json));
    process.stderr.write(`kollen: error: [${e.code}] ${e.message}\n`);
    return EXIT_FAILED;
  }
  const report = await verifyOuter(scanned, { trust, keyring, now });
  printReport(report, Boolean(values.json), { packageSha256: scanned.packageSha256, recipientsChecked: Boolean(values.keyring) });
  if (!values.json && !values.keyring) process.stderr.write("kollen: note: recipients not checked against the authority's keyring (use --keyring FILE)\n");
  return report.outcome === "PASSED" ? EXIT_OK : EXIT_FAILED;
};
