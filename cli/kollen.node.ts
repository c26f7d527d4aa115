/**
 * `kollen`: the one command-line entry. Subcommands are loaded lazily so `kollen --help`
 * answers without loading crypto or database code.
 */
import { EXIT_OK, EXIT_USAGE, reportError, type Command } from "../client-kit/cli/io.node.ts";

const VERSION = "0.1.0";

const HELP = `kollen ${VERSION} — sign, encrypt and submit Cybersäkerhetskollen results

Usage: kollen <command> [options]

Organisation (client kit):
  keygen recipient [--pq] -o FILE     new age identity (age-keygen layout): X25519, or post-quantum hybrid
  keygen signer --org N -o FILE       new Ed25519 signing key (private JWK; public at FILE.pub)
  pack --org N --campaign ID --result FILE [--attach FILE]... [--covers N,N,...]
       --signer KEY [--signer KEY]... (--recipient age1... ... | --keyring FILE) -o OUT
  inspect PKG [--json]                show the manifest and signatures (no secret needed)
  verify PKG [--trust PUBKEY|CA.pem]... [--keyring FILE] [--at TIME] [--json]
                                      PASSED / INDETERMINATE / FAILED with reason codes
  open PKG -i IDENTITY [--trust ...] [--keyring FILE] [--at TIME] -o DIR
  submit PKG --server URL [--invite TOKEN]
  form xlsx --model ID|FILE -o FILE.xlsx
                                      the questionnaire as an Excel workbook
  result from-xlsx FILE.xlsx --org N [--campaign ID] -o result.json
                                      a filled workbook back to result.json
  feedback result.json [--model FILE] [--lang sv|en] [--json]
                                      level, work areas and the next level (Återkoppling)
  age encrypt -r age1... [-o OUT] [IN]
  age decrypt -i IDENTITY [-o OUT] [IN]

Analysis (offline):
  demo-data --model MODEL.json --orgs N [--seed S] -o DIR
  analyze --model MODEL.json (--results DIR | --in EXPORT.tar -i KEY --server-key JWKS)
       [--registry FILE] [--previous DIR|EXPORT.tar] [--k N] -o OUTDIR

Operator (server):
  serve [--data DIR] [--port N] [--host H]
  admin init|org|signer|campaign|submissions ...   (kollen admin --help)

Exit codes: 0 ok, 1 failed verification or bad input, 2 usage error.
`;

/** Each entry loads its module only when called. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  keygen: async () => (await import("../client-kit/cli/keygen.node.ts")).keygen,
  pack: async () => (await import("../client-kit/cli/pack.node.ts")).pack,
  inspect: async () => (await import("../client-kit/cli/inspect.node.ts")).inspect,
  verify: async () => (await import("../client-kit/cli/verify.node.ts")).verify,
  open: async () => (await import("../client-kit/cli/open.node.ts")).open,
  age: async () => (await import("../client-kit/cli/age.node.ts")).age,
  form: async () => (await import("../client-kit/cli/workbook.node.ts")).form,
  result: async () => (await import("../client-kit/cli/workbook.node.ts")).result,
  submit: async () => (await import("./submit.node.ts")).submit,
  serve: async () => {
    (await import("../server/node/young-generation.node.ts")).holdYoungGeneration(); // capped once serve's modules are loaded
    return (await import("../server/cli/serve.node.ts")).serve;
  },
  admin: async () => (await import("../server/cli/admin.node.ts")).admin,
  feedback: async () => (await import("./feedback.node.ts")).feedback,
  analyze: async () => (await import("./analyze.node.ts")).analyze,
  "demo-data": async () => (await import("./demo-data.node.ts")).demoData,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(HELP);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === "--version" || name === "-V") {
    process.stdout.write(`kollen ${VERSION}\n`);
    return EXIT_OK;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`kollen: error: unknown command '${name}'\nhint: see \`kollen --help\`\n`);
    return EXIT_USAGE;
  }
  try {
    const command = await load();
    return await command(rest);
  } catch (e) {
    return reportError(e);
  }
}
