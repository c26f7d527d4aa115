/**
 * `kollen serve [--data DIR] [--port N] [--host H] [--init-dev]`: the server on the embedded default
 * (SQLite + files under DIR); the port also from PORT in the environment, a port in use is
 * PORT_IN_USE. Once listening it says what to do next (the first account, the first campaign). `--init-dev` (what `npm start` passes) initialises a fresh DIR with
 * DEV keys first, loudly labelled as such. Default host 127.0.0.1: exposing it is a deliberate choice.
 * `KOLLEN_BOOTSTRAP_TOKEN` in the environment (never argv) enables the first admin's one-time
 * bootstrap (server/accounts/bootstrap.ts).
 */
import { EXIT_OK, UsageError, parseCommandArgs, type Command } from "../../client-kit/cli/io.node.ts";
import { createApp } from "../app.ts";
import { BOOTSTRAP_TOKEN_RULE, isUsableBootstrapToken } from "../accounts/bootstrap.ts";
import { campaigns, users } from "../db/schema.ts";
import { KollenError } from "../../schemas/errors.ts";
import { isInitialised } from "../node/data-dir.node.ts";
import { openDataDir } from "../node/deps.node.ts";
import { startNodeServer } from "../node/http-server.node.ts";
import { initDevDataDir } from "./init.node.ts";
import { defaultWebAssetsDir } from "../node/web-assets.node.ts";
import { capYoungGeneration } from "../node/young-generation.node.ts";

const USAGE = "kollen serve [--data DIR] [--port N] [--host H] [--init-dev]";

export const serve: Command = async (argv) => {
  const { values } = parseCommandArgs(
    argv,
    { data: { type: "string", default: "./data" }, port: { type: "string", default: process.env.PORT || "8080" }, host: { type: "string", default: "127.0.0.1" }, "init-dev": { type: "boolean" }, help: { type: "boolean", short: "h" } },
    USAGE,
    false,
  );
  if (values.help) {
    process.stdout.write(`usage: ${USAGE}\n`);
    return EXIT_OK;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--port must be 0–65535", USAGE);
  const bootstrapToken = process.env.KOLLEN_BOOTSTRAP_TOKEN;
  if (bootstrapToken && !isUsableBootstrapToken(bootstrapToken)) throw new UsageError(`KOLLEN_BOOTSTRAP_TOKEN ${BOOTSTRAP_TOKEN_RULE}`, USAGE);
  // the young generation capped before the data folder and the app are loaded (young-generation.node.ts)
  capYoungGeneration();
  const dir = values.data;
  if (!isInitialised(dir)) {
    if (!values["init-dev"]) throw new UsageError(`${dir} is not initialised: run \`kollen admin init --data ${dir}\` first (or pass --init-dev for a development setup)`, USAGE);
    await initDevDataDir(dir, {});
  }

  const web = defaultWebAssetsDir();
  if (!web) process.stderr.write("kollen: note: dist/web is missing (run npm run build): the web pages are not served\n");
  const { deps, config, close } = await openDataDir(dir, {
    sweep: true,
    log: (event, fields) => process.stderr.write(JSON.stringify({ t: new Date().toISOString(), event, ...fields }) + "\n"),
    ...(web ? { web } : {}),
  });
  if (bootstrapToken) deps.config.bootstrapToken = bootstrapToken;
  const app = createApp(deps);
  const server = await startNodeServer(app, { port, host: values.host }).catch((e: unknown) => {
    close();
    if ((e as NodeJS.ErrnoException).code === "EADDRINUSE") throw new KollenError("PORT_IN_USE", `${values.host}:${port} is in use by another program`);
    throw e;
  });
  const url = server.url;
  process.stdout.write(
    [
      `Kollen is listening on ${url}${config.dev ? "   (DEV keys — not for production)" : ""}`,
      `  portal:  ${url}/`,
      `  answer:  ${url}/besvara   (the questionnaire)`,
      `  admin:   ${url}/admin`,
      `  API:     ${url}/api/v1   (OpenAPI: ${url}/api/v1/openapi.json, receipt keys: ${url}/.well-known/jwks.json)`,
      `  data:    ${dir}`,
      "",
    ].join("\n"),
  );
  const [anyUser] = await deps.db.orm.select({ id: users.id }).from(users).limit(1);
  if (!anyUser && bootstrapToken) process.stdout.write(`No staff accounts yet. The first admin: POST ${url}/api/v1/auth/bootstrap with the bootstrap secret (docs/OPERATIONS.md), then log in at ${url}/login\n`);
  else if (!anyUser) process.stdout.write(`No staff accounts yet. Add the first admin (password on stdin or in KOLLEN_PASSWORD), then log in at ${url}/login:\n  npx kollen admin user add --data ${dir} --username NAME --role admin,reviewer\n`);
  const [anyCampaign] = await deps.db.orm.select({ id: campaigns.id }).from(campaigns).limit(1);
  if (!anyCampaign)
    process.stdout.write(
      [
        "No campaign yet: the questionnaire and the portal list none. Open one with a shipped example model, then send invitation links:",
        `  npx kollen admin campaign add --data ${dir} --id infosakkollen-2026 --survey infosakkollen-example`,
        `  npx kollen admin invite --data ${dir} --campaign infosakkollen-2026 --all-unkeyed -o links.csv`,
        "",
      ].join("\n"),
    );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await server.close();
  close();
  return EXIT_OK;
};
