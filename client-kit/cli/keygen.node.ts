/**
 * `kollen keygen`: new keys for an organisation (DESIGN.md §Keys).
 *
 *   kollen keygen recipient [--pq] -o FILE age identity in the age-keygen layout (file 0600): X25519,
 *                                          or with --pq the post-quantum hybrid mlkem768x25519 (as
 *                                          `age-keygen -pq`); prints the recipient `age1…`/`age1pq1…`
 *   kollen keygen signer --org N -o FILE   Ed25519 signer: private JWK at FILE (0600), public JWK at
 *                                          FILE.pub; prints the RFC 7638 thumbprint on stdout
 *
 * Never overwrites a file (OUTPUT_EXISTS): losing a private key to a typo is not recoverable.
 */
import { open, unlink } from "node:fs/promises";
import { KollenError } from "../../schemas/errors.ts";
import { formatIdentityFile, generateHybridIdentity, generateX25519Identity } from "../age/index.ts";
import { generateSignerKey } from "../../keys/signer.ts";
import { EXIT_OK, UsageError, parseCommandArgs, type Command } from "./io.node.ts";

const USAGE = "kollen keygen recipient [--pq] -o FILE | kollen keygen signer --org N -o FILE";
const RECIPIENT_USAGE = "kollen keygen recipient [--pq] -o FILE";
const SIGNER_USAGE = "kollen keygen signer --org N -o FILE";

/** Creates `path` exclusively with `mode` and writes `text`; an existing file is OUTPUT_EXISTS. */
async function writeNew(path: string, text: string, mode: number): Promise<void> {
  let handle;
  try {
    handle = await open(path, "wx", mode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new KollenError("OUTPUT_EXISTS", `refusing to overwrite ${path}`);
    throw e;
  }
  try {
    // The mode given to open() is masked by the umask; the private key must end up 0600 regardless.
    await handle.chmod(mode);
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function refuseExisting(path: string): Promise<void> {
  try {
    const h = await open(path, "r");
    await h.close();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  throw new KollenError("OUTPUT_EXISTS", `refusing to overwrite ${path}`);
}

const recipient: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs(
    argv,
    { output: { type: "string", short: "o" }, pq: { type: "boolean" } },
    RECIPIENT_USAGE,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`, RECIPIENT_USAGE);
  if (!values.output) throw new UsageError("missing -o FILE", RECIPIENT_USAGE);
  const pair = values.pq ? await generateHybridIdentity() : await generateX25519Identity();
  await writeNew(values.output, formatIdentityFile(pair, new Date()), 0o600);
  process.stdout.write(`${pair.recipient}\n`);
  return EXIT_OK;
};

const signer: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs(
    argv,
    { org: { type: "string" }, output: { type: "string", short: "o" } },
    SIGNER_USAGE,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`, SIGNER_USAGE);
  if (!values.org) throw new UsageError("missing --org N (the organisationsnummer)", SIGNER_USAGE);
  if (!values.output) throw new UsageError("missing -o FILE", SIGNER_USAGE);
  const key = await generateSignerKey(values.org);
  const pubPath = `${values.output}.pub`;
  await refuseExisting(pubPath);
  await writeNew(values.output, `${JSON.stringify(key.privateJwk, null, 2)}\n`, 0o600);
  try {
    await writeNew(pubPath, `${JSON.stringify(key.publicJwk, null, 2)}\n`, 0o644);
  } catch (e) {
    // Leave no half-made key pair behind.
    await unlink(values.output).catch(() => undefined);
    throw e;
  }
  process.stdout.write(`${key.thumbprint}\n`);
  process.stderr.write(`kollen: wrote ${values.output} (private, keep it secret) and ${pubPath} (register this one)\n`);
  return EXIT_OK;
};

/** `kollen keygen recipient|signer …` */
export const keygen: Command = async (argv) => {
  const [kind, ...rest] = argv;
  if (kind === "--help" || kind === "-h") {
    process.stdout.write(`usage: ${USAGE}\n`);
    return EXIT_OK;
  }
  if (kind === "recipient") return recipient(rest);
  if (kind === "signer") return signer(rest);
  throw new UsageError(kind === undefined ? "missing key kind: recipient or signer" : `unknown key kind: ${kind}`, USAGE);
};
