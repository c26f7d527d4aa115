/**
 * `kollen admin user add` (bootstrap the first admin: no account exists yet to add one through the
 * API) and `kollen admin audit verify` (check the audit chain, also on a copy of the data folder). The password comes from KOLLEN_PASSWORD or the first line
 * of stdin — never from argv, which other users of the machine can read in the process list.
 */
import { EXIT_FAILED, EXIT_OK, UsageError, parseCommandArgs, type Command } from "../../client-kit/cli/io.node.ts";
import { openDataDir } from "../node/deps.node.ts";
import { addUser, parseRoles } from "../accounts/add-user.ts";
import { sealAudit, verifyAuditChain } from "../audit/log.ts";
import { userInsertSql } from "./workers-secrets.node.ts";

const DATA = { data: { type: "string", default: "./data" }, help: { type: "boolean", short: "h" } } as const;

async function readPassword(): Promise<string> {
  const env = process.env.KOLLEN_PASSWORD;
  if (env) return env;
  if (process.stdin.isTTY) process.stderr.write("password (one line; KOLLEN_PASSWORD works too): ");
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) {
    chunks.push(c as Buffer);
    if (Buffer.concat(chunks).includes(10)) break;
  }
  const line = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
  if (!line) throw new UsageError("no password: set KOLLEN_PASSWORD or pipe it on stdin");
  return line;
}

export const user: Command = async (argv) => {
  const [verb, ...rest] = argv;
  const usage = "kollen admin user add --username U --role R[,R] [--data DIR | --print-sql]   (password: KOLLEN_PASSWORD or stdin)";
  if (verb !== "add") throw new UsageError("expected `user add`", usage);
  const { values } = parseCommandArgs(rest, { ...DATA, username: { type: "string" }, role: { type: "string" }, password: { type: "string" }, "print-sql": { type: "boolean" } }, usage, false);
  if (values.help) {
    process.stdout.write(`usage: ${usage}\n`);
    return EXIT_OK;
  }
  if (values.password !== undefined) throw new UsageError("never give a password on the command line: use KOLLEN_PASSWORD or stdin", usage);
  if (!values.username || !values.role) throw new UsageError("--username and --role are required", usage);
  const roles = parseRoles(values.role);
  const password = await readPassword();
  if (values["print-sql"]) {
    // a Worker's first admin: the rows for `wrangler d1 execute`, made without a data folder
    process.stdout.write(await userInsertSql({ username: values.username, password, roles }));
    process.stderr.write(`SQL for ${values.username} (${roles.join(", ")}) on stdout: npx wrangler d1 execute kollen --remote --file FILE\n`);
    return EXIT_OK;
  }
  const { deps, close } = await openDataDir(values.data);
  try {
    const r = await addUser(deps, { username: values.username, password, roles }, "cli");
    process.stdout.write(`added ${r.username} (${r.roles.join(", ")}), id ${r.id}\n`);
  } finally {
    close();
  }
  return EXIT_OK;
};

export const audit: Command = async (argv) => {
  const [verb, ...rest] = argv;
  const usage = "kollen admin audit verify [--data DIR] [--seal]";
  if (verb !== "verify") throw new UsageError("expected `audit verify`", usage);
  const { values } = parseCommandArgs(rest, { ...DATA, seal: { type: "boolean" } }, usage, false);
  if (values.help) {
    process.stdout.write(`usage: ${usage}\n`);
    return EXIT_OK;
  }
  const { deps, close } = await openDataDir(values.data);
  try {
    const first = await verifyAuditChain(deps);
    if (first.ok && values.seal) await sealAudit(deps);
    const r = values.seal && first.ok ? await verifyAuditChain(deps) : first;
    if (!r.ok) {
      process.stdout.write(`audit chain BROKEN at event ${r.broken!.seq} (${r.broken!.reason}); ${r.events} events\n`);
      return EXIT_FAILED;
    }
    process.stdout.write(`audit chain OK: ${r.events} events${r.unsealed ? `, ${r.unsealed} newest not sealed yet (sealed at the next staff action, or run with --seal)` : ""}\n`);
    return EXIT_OK;
  } finally {
    close();
  }
};
