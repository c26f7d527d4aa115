/**
 * The Cloudflare Workers entry (wrangler.toml `main`): createApp over the ports of deps.workers.ts,
 * and a `scheduled` handler (cron in wrangler.toml) that sweeps leftovers (sweep.workers.ts).
 *
 * The app is built once per isolate. A failed start (a malformed secret, say) is not kept: the
 * request answers a 500 problem without its cause, the cause (the binding's name, never its value)
 * goes to the log, and the next request tries again — so `wrangler secret put` heals the Worker
 * without waiting for the isolate to be recycled.
 */
import { createApp } from "../app.ts";
import { isKollenError } from "../../schemas/errors.ts";
import { problemResponse } from "../lib/problem.ts";
import { workersDeps, type WorkersEnv } from "./deps.workers.ts";
import { sweep } from "./sweep.workers.ts";

export type { WorkersEnv } from "./deps.workers.ts";

type App = ReturnType<typeof createApp>;

/** A log line as JSON on the Worker's log (Workers Logs / `wrangler tail`). */
function log(event: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ at: new Date().toISOString(), event, ...fields }));
}

/** How much of a request body the Worker reads and drops after answering before the end of it. */
const DRAIN_LIMIT = 1024 * 1024;

/**
 * An answer given before the request body was read to its end (a refusal: 413, 415, a bad JSON
 * field…) would otherwise close the connection under a client still sending, which then sees a reset
 * instead of the answer. The app reads the body through a pass-through that keeps the source, so a
 * bounded rest can be read and dropped before answering, as the Node adapter does.
 * @example const { request: r, settle } = drainable(request); return settle(await app.fetch(r, env, ctx));
 */
export function drainable(request: Request): { request: Request; settle(response: Response): Promise<Response> } {
  if (!request.body) return { request, settle: async (r) => r };
  const source = request.body.getReader();
  let ended = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(c) {
        const { done, value } = await source.read();
        if (done) {
          ended = true;
          c.close();
        } else c.enqueue(value);
      },
      // the app gave up on the body: the source stays open for settle()
      cancel() {},
    },
    { highWaterMark: 0 },
  );
  const init: RequestInit & { duplex: "half" } = { method: request.method, headers: request.headers, body, duplex: "half", redirect: "manual" };
  return {
    request: new Request(request.url, init),
    async settle(response) {
      try {
        for (let read = 0; !ended && read < DRAIN_LIMIT; ) {
          const { done, value } = await source.read();
          if (done) ended = true;
          else read += value.byteLength;
        }
      } catch {
        // the client went away: nothing to answer to
      } finally {
        if (!ended) await source.cancel().catch(() => {});
      }
      return response;
    },
  };
}

/**
 * The Worker's handlers.
 * @example export default workersHandlers()
 */
export function workersHandlers() {
  let app: Promise<App> | undefined;
  const start = (env: WorkersEnv): Promise<App> => {
    app ??= workersDeps(env).then((deps) => {
      deps.log = log;
      return createApp(deps);
    });
    // a failed start is forgotten, so the next request starts afresh
    app.catch(() => {
      app = undefined;
    });
    return app;
  };
  return {
    async fetch(request: Request, env: WorkersEnv, ctx?: unknown): Promise<Response> {
      let ready: App;
      try {
        ready = await start(env);
      } catch (e) {
        log("start.failed", { code: isKollenError(e) ? e.code : "INTERNAL", message: isKollenError(e) ? e.message : e instanceof Error ? e.name : typeof e });
        return problemResponse("INTERNAL");
      }
      const { request: readable, settle } = drainable(request);
      return settle(await ready.fetch(readable, env, ctx as never));
    },
    async scheduled(_controller: unknown, env: WorkersEnv, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<void> {
      const deps = await workersDeps(env);
      ctx.waitUntil(sweep(env, deps).then((r) => log("sweep", { ...r })));
    },
  };
}

export default workersHandlers();
