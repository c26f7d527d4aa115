/**
 * A real Kollen server for the browser suite: createApp over the Node ports of a fresh data folder
 * (SQLite file, blob files, receipt key), the web pages mounted, on 127.0.0.1. The authority's
 * keyring is signed with the DEV keyring key that the bundles pin; the campaign, organisation and
 * its signer are registered as an admin would. A TCP tap in front of the server records every
 * byte the browser sends, so a test can assert what never left the browser.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, connect, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { generateHybridIdentity, generateX25519Identity } from "../../client-kit/age/index.ts";
import { createKeyring, keyringEntry } from "../../keys/keyring.ts";
import { DEV_KEYRING_PRIVATE_JWK } from "../../keys/dev/index.ts";
import { PINNED_KEYRING_KEYS } from "../../keys/published/index.ts";
import { generateSignerKey, type GeneratedSignerKey } from "../../keys/signer.ts";
import { loadSurveyModel } from "../../schemas/survey-model.ts";
import { createApp } from "../../server/app.ts";
import type { AppDeps } from "../../server/ports.ts";
import { startNodeServer, type RunningServer } from "../../server/node/http-server.node.ts";
import { createDataDir } from "../../server/node/data-dir.node.ts";
import { openDataDir } from "../../server/node/deps.node.ts";
import { addCampaign } from "../../server/registry/add-campaign.ts";
import { addOrganisation } from "../../server/registry/add-organisation.ts";
import { addSigner } from "../../server/registry/add-signer.ts";
import { installKeyring } from "../../server/registry/install-keyring.ts";
import { fileAssets } from "../../server/node/web-assets.node.ts";

export const ORG = "2120009994"; // the organisation of examples/result-infosakkollen.json
export const CAMPAIGN = "infosakkollen-2026";
export const ITSAK_CAMPAIGN = "itsakkollen-2026";
export const AUTHORITY = "MCF";

export interface KollenServer {
  /** the address the browser uses (through the tap) */
  url: string;
  dir: string;
  authority: { identity: string; recipient: string };
  signer: GeneratedSignerKey;
  /** the server's ports, for registering what an admin would (accounts, links) */
  deps: AppDeps;
  /** every byte the browser sent, per connection */
  wire(): Buffer;
  /** the server's log lines */
  logs: string[];
  /** every file of the data folder, with its bytes */
  storedFiles(): Array<{ path: string; bytes: Buffer }>;
  close(): Promise<void>;
}

function tap(target: number): Promise<{ port: number; chunks: Buffer[]; server: Server; sockets: Set<Socket> }> {
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((down) => {
    const up = connect(target, "127.0.0.1");
    sockets.add(down).add(up);
    down.on("data", (d: Buffer) => chunks.push(Buffer.from(d)));
    down.pipe(up);
    up.pipe(down);
    const end = () => {
      down.destroy();
      up.destroy();
    };
    down.on("error", end).on("close", end);
    up.on("error", end).on("close", end);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ port: (server.address() as { port: number }).port, chunks, server, sockets })));
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/**
 * Starts the server with a fresh data folder. With `hybrid`, the authority's one recipient is a
 * post-quantum hybrid (mlkem768x25519) key instead of an X25519 one.
 */
/** `hybrid`: the authority's recipient is an mlkem768x25519 key; `itsak`: an It-säkkollen campaign (ITSAK_CAMPAIGN) is open too. */
export async function startKollen(opts: { hybrid?: boolean; itsak?: boolean } = {}): Promise<KollenServer> {
  const dir = mkdtempSync(join(tmpdir(), "kollen-e2e-"));
  await createDataDir(dir, { authorityName: AUTHORITY, dev: true });
  const logs: string[] = [];
  const opened = await openDataDir(dir, { log: (event, fields) => void logs.push(JSON.stringify({ event, ...fields })) });
  const { deps } = opened;
  const now = new Date();

  const authority = opts.hybrid ? await generateHybridIdentity() : await generateX25519Identity();
  const jws = await createKeyring(
    {
      format: "kollen-keyring/1",
      authority: { name: AUTHORITY, id: "mcf" },
      issuedAt: now.toISOString(),
      recipients: [await keyringEntry(authority.recipient)],
    },
    DEV_KEYRING_PRIVATE_JWK,
  );
  await installKeyring(deps.db, jws, PINNED_KEYRING_KEYS, now);
  const model = await loadSurveyModel(new Uint8Array(readFileSync("schemas/models/infosakkollen-example.json")));
  await addCampaign(deps.db, { id: CAMPAIGN, surveyModelId: model.model.id, surveyModelSha256: model.sha256 }, now);
  if (opts.itsak) {
    const itsak = await loadSurveyModel(new Uint8Array(readFileSync("schemas/models/itsakkollen-example.json")));
    await addCampaign(deps.db, { id: ITSAK_CAMPAIGN, surveyModelId: itsak.model.id, surveyModelSha256: itsak.sha256 }, now);
  }
  await addOrganisation(deps.db, { orgnr: ORG, name: "Exempelkommunen" }, now);
  const signer = await generateSignerKey(ORG);
  await addSigner(deps.db, { orgnr: ORG, jwk: signer.publicJwk }, now);

  // createApp mounts the pages itself when the runtime hands it the built assets (as kollen serve does)
  deps.web = fileAssets("dist/web");
  deps.config.dev = true;
  const app = createApp(deps);
  const running: RunningServer = await startNodeServer(app as unknown as Hono, { port: 0, host: "127.0.0.1" });
  const t = await tap(running.port);

  return {
    url: `http://127.0.0.1:${t.port}`,
    dir,
    authority,
    signer,
    deps,
    wire: () => Buffer.concat(t.chunks),
    logs,
    storedFiles: () => walk(dir).map((path) => ({ path, bytes: readFileSync(path) })),
    async close() {
      for (const s of t.sockets) s.destroy();
      await new Promise<void>((r) => t.server.close(() => r()));
      await running.close();
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
