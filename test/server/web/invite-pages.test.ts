/** The supervisor page and the invitation page as the page sub-apps serve them: shells with the CSP, nothing inline. */
import { describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../../../server/web/headers.ts";
import { pagesApp } from "./pages-app.ts";
import type { WebAssets } from "../../../server/ports.ts";

const memory: WebAssets = { get: async () => undefined };
const app = pagesApp({ config: { authorityName: "MCF" }, assets: memory });
const TOKEN = `${"e".repeat(40)}.${"p".repeat(120)}.${"s".repeat(86)}`;

function noInline(html: string): void {
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).not.toMatch(/\sstyle=/);
  expect(html).not.toMatch(/\son[a-z]+=/);
}

describe("invitation pages", () => {
  it("GET /invite/{token}: Swedish, the strict CSP, no referrer, the token only in the page's own data attribute", async () => {
    const res = await app.request(`/invite/${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain("Inbjudan att lämna in självskattningen");
    expect(html).toContain(`data-token="${TOKEN}"`);
    expect(html).toContain('<script type="module" src="/assets/invite.js"></script>');
    expect(html).toContain(`href="/invite/${TOKEN}?lang=en"`);
    noInline(html);
  });

  it("GET /invite/{token}?lang=en is in English", async () => {
    const html = await (await app.request(`/invite/${TOKEN}?lang=en`)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Invitation to submit the self-assessment");
  });

  it("a malformed token is not put in the page", async () => {
    const bad = encodeURIComponent('"><img src=x>');
    const html = await (await app.request(`/invite/${bad}`)).text();
    expect(html).toContain('data-token=""');
    expect(html).not.toContain("<img src=x>");
  });

  it("GET /supervisor is a shell: the data sits behind the supervisor role in /api/v1/invites", async () => {
    const res = await app.request("/supervisor?campaign=infosak-2026");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    const html = await res.text();
    expect(html).toContain("Inbjudningslänkar");
    expect(html).toContain('data-campaign="infosak-2026"');
    expect(html).toContain('<script type="module" src="/assets/supervisor.js"></script>');
    noInline(html);
    const odd = await (await app.request("/supervisor?campaign=%22%3E")).text();
    expect(odd).toContain('<select id="inv-campaign" required data-campaign="">');
  });
});
