/** The page sub-apps in-process (app.request): pages, language, CSP, assets and their confinement. */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../../../server/web/headers.ts";
import { fileAssets } from "../../../server/node/web-assets.node.ts";
import { LANG_COOKIE } from "../../../server/web/page.ts";
import { pagesApp } from "./pages-app.ts";
import type { WebAssets } from "../../../server/ports.ts";

const files: Record<string, Uint8Array> = {
  "portal.js": new TextEncoder().encode("export {};"),
  "portal.js.gz": gzipSync("export {};"),
  "kollen.css": new TextEncoder().encode("body{}"),
  "chunks/chunk-ABC.js": new TextEncoder().encode("export {};"),
  "portal.js.map": new TextEncoder().encode('{"version":3}'),
  "models/infosakkollen-example.json": new TextEncoder().encode("{}"),
};
const memory: WebAssets = { get: async (p) => files[p] };
const app = pagesApp({ config: { authorityName: "MCF" }, assets: memory });

describe("pages", () => {
  it("serve the portal in Swedish with the strict CSP, one external script and no inline script or style", async () => {
    const res = await app.request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain("Lämna in resultatet");
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="/assets/portal.js">']);
    expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
    expect(html).toContain('id="dev-banner" class="dev-banner" role="note" hidden');
  });

  it("switch to English with ?lang=en and remember it in a cookie", async () => {
    const res = await app.request("/review?lang=en");
    expect(await res.text()).toContain('<html lang="en">');
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(new RegExp(`^${LANG_COOKIE}=en;`));
    expect(cookie).toMatch(/HttpOnly/);
    const again = await app.request("/", { headers: { cookie: `${LANG_COOKIE}=en` } });
    expect(await again.text()).toContain("Submit the result");
    const bogus = await app.request("/", { headers: { cookie: `${LANG_COOKIE}=fr` } });
    expect(await bogus.text()).toContain('<html lang="sv">');
  });

  it("preselect a valid campaign of the list and ignore anything else", async () => {
    for (const path of ["/", "/besvara"]) {
      expect(await (await app.request(`${path}?campaign=infosakkollen-2026`)).text()).toContain('data-campaign="infosakkollen-2026"');
      const html = await (await app.request(`${path}?campaign="><script>alert(1)</script>`)).text();
      expect(html).not.toContain("alert(1)");
      expect(html).toContain('data-campaign=""');
    }
  });

  it("show the DEV banner when configured", async () => {
    const dev = pagesApp({ config: { authorityName: "MSB", dev: true }, assets: memory });
    const html = await (await dev.request("/")).text();
    expect(html).toContain('id="dev-banner" class="dev-banner" role="note">');
    expect(html).toContain("· MSB");
  });
});

describe("assets", () => {
  it("are served with their type, the CSP, and gzip when accepted", async () => {
    const plain = await app.request("/assets/portal.js");
    expect(plain.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("cache-control")).toBe("no-cache");
    expect(await plain.text()).toBe("export {};");
    const gz = await app.request("/assets/portal.js", { headers: { "accept-encoding": "gzip, br" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gz.headers.get("vary")).toBe("accept-encoding");
    const css = await app.request("/assets/kollen.css", { headers: { "accept-encoding": "gzip" } });
    expect(css.headers.get("content-encoding")).toBeNull(); // no .gz copy: the plain file
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    const chunk = await app.request("/assets/chunks/chunk-ABC.js");
    expect(chunk.headers.get("cache-control")).toContain("immutable");
    expect(chunk.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
  });

  it("refuse traversal, dot files, unknown types and the .gz copies themselves", async () => {
    for (const p of ["/assets/../package.json", "/assets/%2e%2e/package.json", "/assets/.env", "/assets/portal.js.gz", "/assets/x.exe", "/assets/missing.js", "/assets/chunks//a.js", "/assets/a\\b.js"])
      expect((await app.request(p)).status, p).toBe(404);
  });

  it("serve no source maps in production, only in a development setup", async () => {
    expect((await app.request("/assets/portal.js.map")).status).toBe(404);
    const dev = pagesApp({ config: { authorityName: "MSB", dev: true }, assets: memory });
    const map = await dev.request("/assets/portal.js.map");
    expect(map.status).toBe(200);
    expect(map.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });

  it("on Node stay inside their folder", async () => {
    const root = mkdtempSync(join(tmpdir(), "kollen-assets-"));
    mkdirSync(join(root, "web", "chunks"), { recursive: true });
    writeFileSync(join(root, "secret.js"), "nope");
    writeFileSync(join(root, "web", "chunks", "a.js"), "yes");
    const assets = fileAssets(join(root, "web"));
    expect(new TextDecoder().decode((await assets.get("chunks/a.js")) as Uint8Array)).toBe("yes");
    expect(await assets.get("../secret.js")).toBeUndefined();
    expect(await assets.get("chunks")).toBeUndefined();
    expect(await assets.get("nothing.js")).toBeUndefined();
  });
});
