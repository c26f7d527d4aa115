/**
 * The Worker as the workerd test target runs it: the production ports (server/workers/deps.workers.ts)
 * and createApp, bundled by wrangler exactly as `wrangler deploy` bundles the real entry — plus the one
 * thing a test must control that a Worker cannot: the clock (and the per-harness config and receipt key
 * the Node harness also sets). Each request carries them in `x-dangerous-test-only-harness`; this file
 * is never bundled into the deployed Worker (wrangler.toml `main` is server/workers/entry.workers.ts).
 */
import { createApp } from "../../server/app.ts";
import type { ServerConfig } from "../../server/ports.ts";
import { workersDeps, type WorkersEnv } from "../../server/workers/deps.workers.ts";
import real, { drainable } from "../../server/workers/entry.workers.ts";

interface Control {
  id: string;
  now: string;
  config: ServerConfig;
  receiptJwk: string;
}

interface Instance {
  app: Promise<ReturnType<typeof createApp>>;
  now: Date;
  config: ServerConfig;
}

const HEADER = "x-dangerous-test-only-harness";
const instances = new Map<string, Instance>();

function instanceFor(control: Control, env: WorkersEnv): Instance {
  let inst = instances.get(control.id);
  if (!inst) {
    const created: Instance = { now: new Date(control.now), config: { ...control.config }, app: undefined as never };
    created.app = workersDeps({ ...env, RECEIPT_PRIVATE_JWK: control.receiptJwk }).then((deps) => {
      deps.clock = { now: () => created.now };
      deps.config = created.config;
      return createApp(deps);
    });
    inst = created;
    instances.set(control.id, inst);
  }
  inst.now = new Date(control.now);
  // the harness mutates its config in place between requests (as tests do on Node): follow it
  for (const key of Object.keys(inst.config) as Array<keyof ServerConfig>) if (!(key in control.config)) delete inst.config[key];
  Object.assign(inst.config, control.config);
  return inst;
}

export default {
  async fetch(request: Request, env: WorkersEnv, ctx: unknown): Promise<Response> {
    const header = request.headers.get(HEADER);
    if (!header) return real.fetch(request, env, ctx);
    const inst = instanceFor(JSON.parse(header) as Control, env);
    const headers = new Headers(request.headers);
    headers.delete(HEADER);
    const { request: inner, settle } = drainable(new Request(request, { headers }));
    return settle(await (await inst.app).fetch(inner, env, ctx as never));
  },
  scheduled: real.scheduled,
};
