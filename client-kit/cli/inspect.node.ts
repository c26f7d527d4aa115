/** `kollen inspect PKG [--json]`: show what the server may see — manifest and signature headers. No secret, no trust. */
import { KollenError } from "../../schemas/errors.ts";
import { decodeProtectedHeader, parseGeneralJws } from "../lib/jws.ts";
import { nodeSha256 } from "../../encoding/sha256.node.ts";
import { scanPackageBytes } from "../package/scan.ts";
import { readInput } from "./files.node.ts";
import { EXIT_OK, UsageError, parseCommandArgs, type Command } from "./io.node.ts";

const USAGE = "kollen inspect PKG [--json]";

export const inspect: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, USAGE);
  if (values.help) return void process.stdout.write(`usage: ${USAGE}\n`), EXIT_OK;
  if (positionals.length !== 1) throw new UsageError("give exactly one package", USAGE);
  const scanned = await scanPackageBytes(await readInput(positionals[0]!), { createHash: nodeSha256 });
  let manifest: unknown;
  try {
    manifest = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(scanned.manifestBytes));
  } catch {
    throw new KollenError("MANIFEST_INVALID", "manifest.json is not UTF-8 JSON");
  }
  const signatures = parseGeneralJws(scanned.jwsBytes, "SIGNATURE_INVALID").signatures.map((s) => {
    const h = decodeProtectedHeader(s.protected);
    return { alg: h?.alg, kid: h?.kid, x5t: h?.["x5t#S256"], certificates: h?.x5c?.length };
  });
  const info = { packageSha256: scanned.packageSha256, packageLength: scanned.packageLength, manifest, signatures };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
    return EXIT_OK;
  }
  const m = manifest as Record<string, unknown> & { payload?: { length?: number }; surveyModel?: { id?: string }; recipients?: string[]; covers?: string[] };
  const lines = [
    `package      ${positionals[0]} (${scanned.packageLength} bytes)`,
    `sha256       ${scanned.packageSha256}`,
    `format       ${String(m.format)}`,
    `package id   ${String(m.packageId)}`,
    `organisation ${String(m.organisation)}`,
    `covers       ${m.covers?.length ? m.covers.join(", ") : "-"}`,
    `campaign     ${String(m.campaign)}`,
    `survey model ${String(m.surveyModel?.id)}`,
    `created at   ${String(m.createdAt)}`,
    `payload      ${String(m.payload?.length)} bytes (encrypted)`,
    `recipients   ${m.recipients?.join(", ") ?? "-"}`,
    ...signatures.map((s, i) => `signature ${i + 1}  ${s.alg} ${s.kid ? `kid ${s.kid}` : `x5t#S256 ${s.x5t} (${s.certificates} certificates)`}`),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  return EXIT_OK;
};
