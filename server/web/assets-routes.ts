/**
 * The built bundles at /assets/* (scripts/build-web.mjs writes them to dist/web/), through the
 * {@link WebAssets} port (files on Node: server/node/web-assets.node.ts). Chunk names carry a content
 * hash and are cached for a year; the entry names stay stable and are revalidated. Source maps
 * (`*.map`) are served only when the server runs as a development setup (`config.dev`).
 */
import { Hono } from "hono";
import { secure, type WebDeps } from "./page.ts";

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  map: "application/json; charset=utf-8",
  json: "application/json; charset=utf-8",
  wasm: "application/wasm",
  png: "image/png",
  svg: "image/svg+xml",
  ico: "image/x-icon",
  txt: "text/plain; charset=utf-8",
};
/** Relative paths of plain names only: no `..`, no dot files, no backslashes. */
const ASSET_PATH = /^(?:[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\/){0,3}[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+$/;

/** The assets sub-app; mount it at /assets. */
export function assetRoutes(deps: WebDeps) {
  return new Hono().get("/*", async (c) => {
    const path = c.req.path.slice(c.req.path.indexOf("/assets/") + "/assets/".length);
    const ext = path.slice(path.lastIndexOf(".") + 1);
    // source maps only in a development setup: production serves no map of its code
    const type = ext === "map" && !deps.config.dev ? undefined : TYPES[ext];
    const ok = type !== undefined && ASSET_PATH.test(path);
    const gzip = ok && /\bgzip\b/.test(c.req.header("accept-encoding") ?? "") ? await deps.assets.get(`${path}.gz`) : undefined;
    const body = gzip ?? (ok ? await deps.assets.get(path) : undefined);
    secure(c);
    if (!body || !type) return c.text("Not found", 404);
    c.header("content-type", type);
    c.header("vary", "accept-encoding");
    if (gzip) c.header("content-encoding", "gzip");
    c.header("cache-control", path.startsWith("chunks/") ? "public, max-age=31536000, immutable" : "no-cache");
    return c.body(body as Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array<ArrayBuffer>>);
  });
}
