/** `kollen verify PKG [--trust PUBKEY|CA.pem]... [--keyring FILE] [--json]`: verify without any secret. */
import { nodeSha256 } from "../lib/hash.node.ts";
import { scanPackageBytes } from "../package/scan.ts";
import { verifyOuter } from "../package/verify-outer.ts";
import { readInput, trustFromFiles } from "./files.node.ts";
import { EXIT_FAILED, EXIT_OK, UsageError, parseCommandArgs, type Command } from "./io.node.ts";
import { loadKeyringFile } from "./keyring.node.ts";
import { printReport } from "./report.node.ts";

const USAGE = "kollen verify PKG [--trust PUBKEY|CA.pem]... [--keyring FILE] [--json]";

export const verify: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs(
    argv,
    { trust: { type: "string", multiple: true }, keyring: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    USAGE,
  );
  if (values.help) return void process.stdout.write(`usage: ${USAGE}\n`), EXIT_OK;
  if (positionals.length !== 1) throw new UsageError("give exactly one package", USAGE);
  const scanned = await scanPackageBytes(await readInput(positionals[0]!), { createHash: nodeSha256 });
  const report = await verifyOuter(scanned, {
    trust: await trustFromFiles(values.trust ?? []),
    keyring: values.keyring ? await loadKeyringFile(values.keyring) : undefined,
    now: new Date(),
  });
  printReport(report, Boolean(values.json), { packageSha256: scanned.packageSha256, recipientsChecked: Boolean(values.keyring) });
  if (!values.json && !values.keyring) process.stderr.write("kollen: note: recipients not checked against the authority's keyring (use --keyring FILE)\n");
  return report.outcome === "PASSED" ? EXIT_OK : EXIT_FAILED;
};
