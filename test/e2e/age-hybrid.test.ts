/**
 * The post-quantum hybrid age recipient (mlkem768x25519) in Chromium: our age, on the libsodium
 * backend the pages use, and typage (npm age-encryption) open each other's files at the sizes
 * around the 64 KiB chunk and 10 MiB. The page is served on http://localhost (a secure context,
 * so crypto.subtle is there) by Playwright's router: no server, nothing leaves the browser.
 */
import { resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, type Browser } from "./browser.ts";

const ORIGIN = "http://localhost:9";
const SIZES = [0, 1, 65535, 65536, 65537, 10 * 1024 * 1024];
let browser: Browser;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [resolve(import.meta.dirname, "age-hybrid-page.ts")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: ["chrome111"],
    // libsodium's Emscripten loader names Node modules on paths a browser never takes (as scripts/build-web.mjs)
    external: ["fs", "path", "crypto", "url", "module", "worker_threads"],
    logLevel: "warning",
  });
  const script = bundle.outputFiles[0]!.text;
  browser = await launch();
  await browser.page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === "/age.js") return route.fulfill({ contentType: "text/javascript", body: script });
    return route.fulfill({ contentType: "text/html", body: '<!doctype html><meta charset="utf-8"><script type="module" src="/age.js"></script>' });
  });
  await browser.page.goto(`${ORIGIN}/`);
  await browser.page.waitForFunction(() => typeof (globalThis as { hybridRoundTrip?: unknown }).hybridRoundTrip === "function");
});

afterAll(async () => {
  await browser?.close();
});

describe("hybrid age in Chromium, with typage", () => {
  for (const size of SIZES) {
    it(`${size} bytes: ours → typage and typage → ours`, async () => {
      const r = await browser.page.evaluate(
        (n) => (globalThis as unknown as { hybridRoundTrip: (n: number) => Promise<Record<string, unknown>> }).hybridRoundTrip(n),
        size,
      );
      expect(r.byTypage).toBe(r.plain);
      expect(r.byUs).toBe(r.plain);
      expect(r.ourStanzas).toEqual(["mlkem768x25519"]);
      expect(r.theirStanzas).toEqual(["mlkem768x25519"]);
      expect(browser.pageErrors).toEqual([]);
    });
  }
});
