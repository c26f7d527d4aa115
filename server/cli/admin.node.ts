/**
 * `kollen admin …`: operator commands on a data folder (run on the server machine; they open the
 * database directly, so they work while the server runs — SQLite WAL allows it).
 */
import { readFile, writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { desc, eq } from "drizzle-orm";
import type { JWK } from "jose";
import { KollenError } from "../../schemas/errors.ts";
import { ACTOR_GROUPS, ActorGroup, formatOrgnr, requireOrgnr } from "../../schemas/orgnr.ts";
import { PINNED_KEYRING_KEYS } from "../../keys/published/index.ts";
import { EXIT_OK, UsageError, parseCommandArgs, type Command } from "../../client-kit/cli/io.node.ts";
import { resolveModel } from "../../client-kit/cli/files.node.ts";
import { rotateReceiptKey } from "../node/data-dir.node.ts";
import { openDataDir } from "../node/deps.node.ts";
import { organisationCovers, organisations, submissions } from "../db/schema.ts";
import { addCa } from "../registry/add-ca.ts";
import { addCampaign } from "../registry/add-campaign.ts";
import { addOrganisation } from "../registry/add-organisation.ts";
import { addSigner, publicEd25519Jwk, revokeSigner } from "../registry/add-signer.ts";
import { installKeyring } from "../registry/install-keyring.ts";
import { ManualSubmission, registerManual } from "../submissions/register-manual.ts";
import { inviteOrganisations, type InviteSelection } from "../invites/invite-organisations.ts";
import { exportRegistry } from "../registry/export-registry.ts";
import { initDevDataDir } from "./init.node.ts";
import { audit, user } from "./accounts.node.ts";
import { newReceiptSecret, retiredReceiptSecret } from "./workers-secrets.node.ts";

const HELP = `kollen admin — operate a Kollen server's data folder (all take --data DIR, default ./data)

  admin init [--recipient age1…]... [--keyring FILE] [--keyring-key FILE] [--authority NAME] [--issuer URL]
        create the database and the receipt key; with no --recipient/--keyring: a DEV setup
  admin org add --org N --name S [--group ${ACTOR_GROUPS.join("|")}] [--covers N,N,...]
  admin org list [--json]
  admin signer add --org N (--jwk FILE.pub | --ca CA.pem)
  admin signer revoke --kid KID [--from DATE]
  admin campaign add --id ID --survey MODEL [--opens DATE] [--closes DATE]
  admin keyring install FILE        a keyring JWS signed by a pinned keyring key
  admin keyring sign DRAFT.json --keyring-key FILE [-o OUT]
                                    offline: sign a keyring draft (ids and types filled in, rules checked)
  admin receipt-key rotate          new receipt key; the old one stays in the JWKS (restart the server)
  admin receipt-key new --format wrangler-secret
                                    Workers: a new key as RECEIPT_PRIVATE_JWK, for wrangler secret put
  admin receipt-key retire --format wrangler-secret --jwks FILE
                                    Workers: RETIRED_RECEIPT_JWKS from the Worker's saved jwks.json
  admin submissions [--campaign ID] [--json]
  admin submissions register --org N --campaign ID --channel paper|email|other [--note TEXT]
        a submission received another way, so participation is complete
  admin invite --campaign ID (--org N[,N]... | --group G | --all-unkeyed) [--expires DAYS] -o links.csv
        one single-use link per registered organisation, bound to its number, for a mail merge
  admin user add --username U --role R[,R] [--print-sql]
                                    staff account; password from KOLLEN_PASSWORD or stdin;
                                    --print-sql: the SQL for a Worker's D1 instead (wrangler d1 execute)
                                    (roles: admin, reviewer, supervisor, analyst)
  admin audit verify [--seal]       check the audit log's hash chain; names the first broken event
  admin registry export -o FILE     organisations, groups, coverage and population for kollen analyze --registry
`;

const DATA = { data: { type: "string", default: "./data" }, help: { type: "boolean", short: "h" } } as const;

function parseDate(value: string | undefined, what: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) throw new UsageError(`${what}: not a date (use YYYY-MM-DD or ISO 8601)`);
  return d;
}

async function withData<T>(dir: string, fn: (deps: Awaited<ReturnType<typeof openDataDir>>["deps"]) => Promise<T>): Promise<T> {
  const { deps, close } = await openDataDir(dir);
  try {
    return await fn(deps);
  } finally {
    close();
  }
}

const init: Command = async (argv) => {
  const usage = "kollen admin init [--data DIR] [--recipient age1…]... [--keyring FILE] [--keyring-key FILE] [--authority NAME] [--issuer URL]";
  const { values } = parseCommandArgs(
    argv,
    { ...DATA, recipient: { type: "string", multiple: true }, keyring: { type: "string" }, "keyring-key": { type: "string" }, authority: { type: "string" }, issuer: { type: "string" } },
    usage,
    false,
  );
  if (values.help) return help(usage);
  await initDevDataDir(values.data, {
    ...(values.authority ? { authorityName: values.authority } : {}),
    ...(values.issuer ? { issuer: values.issuer } : {}),
    ...(values.recipient ? { recipients: values.recipient } : {}),
    ...(values.keyring ? { keyringJws: (await readFile(values.keyring, "utf8")).trim() } : {}),
    ...(values["keyring-key"] ? { keyringKeyText: await readFile(values["keyring-key"], "utf8") } : {}),
  });
  return EXIT_OK;
};

const org: Command = async (argv) => {
  const [verb, ...rest] = argv;
  if (verb === "list") {
    const { values } = parseCommandArgs(rest, { ...DATA, json: { type: "boolean" } }, "kollen admin org list [--json]", false);
    const rows = await withData(values.data, async (deps) => {
      const orgs = await deps.db.orm.select().from(organisations).orderBy(organisations.orgnr);
      const covers = await deps.db.orm.select().from(organisationCovers);
      return orgs.map((o) => ({ orgnr: o.orgnr, name: o.name, actorGroup: o.actorGroup, covers: covers.filter((c) => c.umbrella === o.orgnr).map((c) => c.covered) }));
    });
    if (values.json) process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
    else for (const r of rows) process.stdout.write(`${formatOrgnr(r.orgnr)}  ${r.actorGroup.padEnd(12)}  ${r.name}${r.covers.length ? `  covers: ${r.covers.map(formatOrgnr).join(", ")}` : ""}\n`);
    return EXIT_OK;
  }
  const usage = "kollen admin org add --org N --name S [--group G] [--covers N,N,...]";
  if (verb !== "add") throw new UsageError("expected `org add` or `org list`", usage);
  const { values } = parseCommandArgs(rest, { ...DATA, org: { type: "string" }, name: { type: "string" }, group: { type: "string" }, covers: { type: "string" } }, usage, false);
  if (values.help) return help(usage);
  if (!values.org || !values.name) throw new UsageError("--org and --name are required", usage);
  const covers = values.covers ? values.covers.split(",").map((s) => s.trim()).filter(Boolean) : [];
  const r = await withData(values.data, (deps) =>
    addOrganisation(deps.db, { orgnr: values.org!, name: values.name!, ...(values.group ? { actorGroup: values.group } : {}), covers }, new Date()),
  );
  process.stdout.write(`registered ${formatOrgnr(r.orgnr)} ${values.name} (${r.actorGroup})${r.covers.length ? `, covers ${r.covers.map(formatOrgnr).join(", ")}` : ""}\n`);
  return EXIT_OK;
};

const signer: Command = async (argv) => {
  const [verb, ...rest] = argv;
  if (verb === "revoke") {
    const usage = "kollen admin signer revoke --kid KID [--from DATE]";
    const { values } = parseCommandArgs(rest, { ...DATA, kid: { type: "string" }, from: { type: "string" } }, usage, false);
    if (values.help) return help(usage);
    if (!values.kid) throw new UsageError("--kid is required", usage);
    const from = parseDate(values.from, "--from") ?? new Date();
    await withData(values.data, (deps) => revokeSigner(deps.db, values.kid!, from, new Date()));
    process.stdout.write(`revoked ${values.kid} from ${from.toISOString()}: packages signed or received after it are refused\n`);
    return EXIT_OK;
  }
  const usage = "kollen admin signer add --org N (--jwk FILE.pub | --ca CA.pem)";
  if (verb !== "add") throw new UsageError("expected `signer add` or `signer revoke`", usage);
  const { values } = parseCommandArgs(rest, { ...DATA, org: { type: "string" }, jwk: { type: "string" }, ca: { type: "string" } }, usage, false);
  if (values.help) return help(usage);
  if (Boolean(values.jwk) === Boolean(values.ca)) throw new UsageError("give exactly one of --jwk FILE or --ca FILE", usage);
  if (values.ca) {
    const label = `${basename(values.ca)}${values.org ? ` (for ${formatOrgnr(requireOrgnr(values.org))})` : ""}`;
    const ids = await withData(values.data, async (deps) => addCa(deps.db, await readFile(values.ca!, "utf8"), label, new Date()));
    process.stdout.write(`trusted CA certificate${ids.length > 1 ? "s" : ""} ${ids.map((i) => i.slice(0, 16)).join(", ")}: certificates it issues sign for the organisationsnummer they name\n`);
    return EXIT_OK;
  }
  if (!values.org) throw new UsageError("--org is required with --jwk", usage);
  const orgnr = requireOrgnr(values.org);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(values.jwk!, "utf8"));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw e;
    throw new KollenError("KEY_INVALID", `${values.jwk} is not a JWK file`);
  }
  const made = (parsed as { kollen_org?: unknown }).kollen_org;
  if (typeof made === "string" && made !== orgnr) throw new KollenError("SIGNER_WRONG_ORGANISATION", `this key was made for ${formatOrgnr(made)}, not ${formatOrgnr(orgnr)}`);
  publicEd25519Jwk(parsed);
  const r = await withData(values.data, (deps) => addSigner(deps.db, { orgnr, jwk: parsed as JWK }, new Date()));
  process.stdout.write(`trusted signer ${r.kid} for ${formatOrgnr(r.orgnr)}\n`);
  process.stderr.write("kollen: note: compare this thumbprint with the organisation by another channel (phone) before relying on it\n");
  return EXIT_OK;
};

const campaign: Command = async (argv) => {
  const [verb, ...rest] = argv;
  const usage = "kollen admin campaign add --id ID --survey MODEL [--opens DATE] [--closes DATE]";
  if (verb !== "add") throw new UsageError("expected `campaign add`", usage);
  const { values } = parseCommandArgs(rest, { ...DATA, id: { type: "string" }, survey: { type: "string" }, opens: { type: "string" }, closes: { type: "string" } }, usage, false);
  if (values.help) return help(usage);
  if (!values.id || !values.survey) throw new UsageError("--id and --survey are required", usage);
  // MODEL: a model file, or the id of a shipped model (both pin its SHA-256), or just an id
  let model: { id: string; sha256?: string };
  try {
    const looksLikeFile = values.survey.includes("/") || values.survey.endsWith(".json");
    const loaded = looksLikeFile ? await resolveModel("", values.survey) : await resolveModel(values.survey);
    model = { id: loaded.model.id, sha256: loaded.sha256 };
  } catch (e) {
    if ((e as { code?: string }).code !== "RESULT_MODEL_MISMATCH") throw e;
    model = { id: values.survey };
    process.stderr.write(`kollen: note: survey model ${values.survey} is not shipped; packages are checked by its id only\n`);
  }
  const opensAt = parseDate(values.opens, "--opens");
  const closesAt = parseDate(values.closes, "--closes");
  await withData(values.data, (deps) =>
    addCampaign(deps.db, { id: values.id!, surveyModelId: model.id, ...(model.sha256 ? { surveyModelSha256: model.sha256 } : {}), ...(opensAt ? { opensAt } : {}), ...(closesAt ? { closesAt } : {}) }, new Date()),
  );
  process.stdout.write(`campaign ${values.id}: survey model ${model.id}${opensAt ? `, opens ${opensAt.toISOString()}` : ""}${closesAt ? `, closes ${closesAt.toISOString()}` : ""}\n`);
  return EXIT_OK;
};

const keyring: Command = async (argv) => {
  const [verb, ...rest] = argv;
  if (verb === "sign") return (await import("./keyring-sign.node.ts")).keyringSign(rest);
  const usage = "kollen admin keyring install FILE | kollen admin keyring sign DRAFT.json --keyring-key FILE [-o OUT]";
  if (verb !== "install") throw new UsageError("expected `keyring install FILE` or `keyring sign DRAFT.json`", usage);
  const { values, positionals } = parseCommandArgs(rest, { ...DATA }, usage, true);
  if (values.help) return help(usage);
  if (positionals.length !== 1) throw new UsageError("give one keyring file", usage);
  const jws = await readFile(positionals[0]!, "utf8");
  const payload = await withData(values.data, (deps) => installKeyring(deps.db, jws, PINNED_KEYRING_KEYS as JWK[], new Date()));
  process.stdout.write(`installed keyring of ${payload.authority.name} issued ${payload.issuedAt}: ${payload.recipients.map((r) => `${r.id} (${r.status})`).join(", ")}\n`);
  return EXIT_OK;
};

const receiptKey: Command = async (argv) => {
  const [verb, ...rest] = argv;
  const usage = "kollen admin receipt-key rotate | new --format wrangler-secret | retire --format wrangler-secret --jwks FILE";
  if (verb === "new" || verb === "retire") {
    const { values } = parseCommandArgs(rest, { format: { type: "string" }, jwks: { type: "string" }, help: { type: "boolean", short: "h" } }, usage, false);
    if (values.help) return help(usage);
    if (values.format !== "wrangler-secret") throw new UsageError("--format wrangler-secret is required (a data folder rotates with `receipt-key rotate`)", usage);
    if (verb === "new") {
      const { secret, kid } = await newReceiptSecret();
      process.stderr.write(`new receipt key ${kid}: the line on stdout is RECEIPT_PRIVATE_JWK (npx wrangler secret put RECEIPT_PRIVATE_JWK)\n`);
      process.stdout.write(`${secret}\n`);
      return EXIT_OK;
    }
    if (!values.jwks) throw new UsageError("--jwks FILE is required: the running Worker's /.well-known/jwks.json", usage);
    const { secret, kids } = await retiredReceiptSecret(values.jwks).catch((e: Error) => {
      throw new UsageError(e.message, usage);
    });
    process.stderr.write(`retired receipt keys ${kids.join(", ")}: the line on stdout is RETIRED_RECEIPT_JWKS (npx wrangler secret put RETIRED_RECEIPT_JWKS)\n`);
    process.stdout.write(`${secret}\n`);
    return EXIT_OK;
  }
  if (verb !== "rotate") throw new UsageError("expected `receipt-key rotate`, `receipt-key new` or `receipt-key retire`", usage);
  const { values } = parseCommandArgs(rest, { ...DATA }, usage, false);
  if (values.help) return help(usage);
  const r = await rotateReceiptKey(values.data);
  process.stdout.write(`receipt key ${r.current} is current; ${r.retired} retired (still published). Restart the server.\n`);
  return EXIT_OK;
};

const registerCmd: Command = async (argv) => {
  const usage = "kollen admin submissions register --org N --campaign ID --channel paper|email|other [--note TEXT]";
  const { values } = parseCommandArgs(argv, { ...DATA, org: { type: "string" }, campaign: { type: "string" }, channel: { type: "string" }, note: { type: "string" } }, usage, false);
  if (values.help) return help(usage);
  if (!values.org || !values.campaign || !values.channel) throw new UsageError("--org, --campaign and --channel are required", usage);
  const input = ManualSubmission.safeParse({ organisation: values.org, campaign: values.campaign, channel: values.channel, note: values.note ?? "" });
  if (!input.success) throw new UsageError(`not valid: ${input.error.issues.map((i) => i.path.join(".")).join(", ")}`, usage);
  const r = await withData(values.data, (deps) => registerManual(deps, { id: "cli-admin" }, input.data));
  process.stdout.write(`registered ${r.id}: ${formatOrgnr(requireOrgnr(values.org))} reported for ${values.campaign} by ${values.channel}\n`);
  return EXIT_OK;
};

const submissionsCmd: Command = async (argv) => {
  if (argv[0] === "register") return registerCmd(argv.slice(1));
  const usage = "kollen admin submissions [--campaign ID] [--json]  |  kollen admin submissions register …";
  const { values } = parseCommandArgs(argv, { ...DATA, json: { type: "boolean" }, campaign: { type: "string" } }, usage, false);
  if (values.help) return help(usage);
  const rows = await withData(values.data, async (deps) => {
    const q = deps.db.orm.select().from(submissions);
    const all = await (values.campaign ? q.where(eq(submissions.campaign, values.campaign)) : q).orderBy(desc(submissions.receivedAt));
    return all.map((r) => ({
      id: r.id,
      organisation: r.organisation,
      campaign: r.campaign,
      status: r.status,
      covers: JSON.parse(r.covers) as string[],
      supersededBy: r.supersededBy,
      flags: JSON.parse(r.flags) as string[],
      receivedAt: r.receivedAt.toISOString(),
      size: r.size,
      via: r.via,
    }));
  });
  if (values.json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
    return EXIT_OK;
  }
  if (rows.length === 0) {
    process.stdout.write("no submissions\n");
    return EXIT_OK;
  }
  const table = [["ID", "ORGANISATION", "CAMPAIGN", "STATUS", "COVERS", "SUPERSEDED-BY", "FLAGS"]];
  for (const r of rows)
    table.push([r.id, formatOrgnr(r.organisation), r.campaign, r.status, r.covers.map(formatOrgnr).join(",") || "-", r.supersededBy ?? "-", r.flags.join(",") || "-"]);
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) process.stdout.write(row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join("  ") + "\n");
  return EXIT_OK;
};

const GROUPS: Record<string, ActorGroup> = { kommun: "municipality", region: "region", myndighet: "state_agency", "statlig-myndighet": "state_agency", övrig: "other" };

const inviteCmd: Command = async (argv) => {
  const usage = "kollen admin invite --campaign ID (--org N[,N]... | --group G | --all-unkeyed) [--expires DAYS] -o links.csv";
  const { values } = parseCommandArgs(
    argv,
    { ...DATA, campaign: { type: "string" }, org: { type: "string", multiple: true }, group: { type: "string" }, "all-unkeyed": { type: "boolean" }, expires: { type: "string" }, output: { type: "string", short: "o" } },
    usage,
    false,
  );
  if (values.help) return help(usage);
  if (!values.campaign) throw new UsageError("--campaign is required", usage);
  if (!values.output) throw new UsageError("-o links.csv is required", usage);
  const choices = [values.org !== undefined, values.group !== undefined, values["all-unkeyed"] === true].filter(Boolean).length;
  if (choices !== 1) throw new UsageError("choose exactly one of --org, --group, --all-unkeyed", usage);
  let select: InviteSelection;
  if (values.org) select = { orgs: values.org.flatMap((o) => o.split(",")).filter(Boolean) };
  else if (values.group !== undefined) {
    const group = Object.hasOwn(GROUPS, values.group) ? GROUPS[values.group] : ActorGroup.safeParse(values.group).data;
    if (!group) throw new UsageError(`--group: one of ${[...Object.keys(GROUPS), ...ACTOR_GROUPS].join(", ")}`, usage);
    select = { group };
  } else select = { allUnkeyed: true };
  const days = values.expires === undefined ? undefined : Number(values.expires);
  if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 365)) throw new UsageError("--expires: 1–365 days", usage);
  const links = await withData(values.data, (deps) =>
    inviteOrganisations(deps, { campaign: values.campaign!, select, ...(days ? { expiresAt: new Date(deps.clock.now().getTime() + days * 86_400_000) } : {}) }, "cli-admin"),
  );
  // CSV (RFC 4180) for a mail merge; a name that starts like a formula is quoted with a leading '
  const cell = (v: string) => `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;
  const csv = ["organisationsnummer,namn,länk,giltig_till", ...links.map((l) => [formatOrgnr(l.organisation), l.name, l.url, l.expiresAt.toISOString()].map(cell).join(","))].join("\r\n") + "\r\n";
  await writeFile(values.output, csv, { flag: "wx", mode: 0o600 });
  process.stderr.write(`kollen: wrote ${links.length} link${links.length === 1 ? "" : "s"} for ${values.campaign} to ${values.output} (single-use, each for its organisation only; keep the file private)\n`);
  return EXIT_OK;
};

const registryCmd: Command = async (argv) => {
  const [verb, ...rest] = argv;
  const usage = "kollen admin registry export [--data DIR] -o FILE";
  if (verb !== "export") throw new UsageError("expected `registry export`", usage);
  const { values } = parseCommandArgs(rest, { ...DATA, output: { type: "string", short: "o" } }, usage, false);
  if (values.help) return help(usage);
  if (!values.output) throw new UsageError("-o FILE is required", usage);
  const registry = await withData(values.data, (deps) => exportRegistry(deps.db));
  await writeFile(values.output, `${JSON.stringify(registry, null, 2)}\n`, { flag: "wx" });
  process.stdout.write(`wrote ${registry.organisations.length} organisations to ${values.output} (for kollen analyze --registry)\n`);
  return EXIT_OK;
};

function help(usage: string): number {
  process.stdout.write(`usage: ${usage}\n`);
  return EXIT_OK;
}

const SUB: Record<string, Command> = { init, org, signer, campaign, keyring, "receipt-key": receiptKey, submissions: submissionsCmd, invite: inviteCmd, registry: registryCmd, user, audit };

export const admin: Command = async (argv) => {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(HELP);
    return name === undefined ? 2 : EXIT_OK;
  }
  const cmd = SUB[name];
  if (!cmd) throw new UsageError(`unknown admin command '${name}'`, "kollen admin --help");
  return cmd(rest);
};
