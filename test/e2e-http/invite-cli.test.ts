/**
 * An invitation over real HTTP with the compiled CLI (supervisor, company, reviewer): a supervisor account
 * (`kollen admin user add`) logs in and makes a link; the company makes its key with
 * `kollen keygen signer`, accepts the link with the public half, packs, and `kollen submit --invite`
 * uploads with the link as the bearer — given as the token, as the whole link, or in KOLLEN_INVITE.
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BIN, startServer, stopServer } from "./serve.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const EXAMPLE = resolve("examples/result-infosakkollen.json");
const CAMPAIGN = JSON.parse(readFileSync(EXAMPLE, "utf8")).campaign as string;
const COMPANY = "5560000001";
const PASSWORD = "Tillsyn-lösenord-2026";
let dir: string;
let server: ChildProcess;
let url: string;

function kollen(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8", env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Logs in as the supervisor: the pre-login CSRF cookie, then the session cookie and its CSRF token. */
let session: { cookie: string; csrf: string } | undefined;
async function login(): Promise<{ cookie: string; csrf: string }> {
  if (session) return session;
  const pre = await fetch(`${url}/api/v1/auth/csrf`);
  const preCookie = (pre.headers.get("set-cookie") ?? "").split(";")[0]!;
  const { csrf: preCsrf } = (await pre.json()) as { csrf: string };
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: preCookie, "x-csrf-token": preCsrf, origin: url },
    body: JSON.stringify({ username: "tillsyn1", password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const sessionCookie = res.headers.getSetCookie().find((c) => c.startsWith("kollen_session="))!.split(";")[0]!;
  session = { cookie: sessionCookie, csrf: ((await res.json()) as { csrf: string }).csrf };
  return session;
}

async function makeLink(maxUses = 1): Promise<{ token: string; url: string }> {
  const s = await login();
  const res = await fetch(`${url}/api/v1/invites`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: s.cookie, "x-csrf-token": s.csrf, origin: url },
    body: JSON.stringify({ campaign: CAMPAIGN, maxUses }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { token: string; url: string };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kollen-e2e-invite-"));
  expect(kollen(["admin", "init", "--data", "data"]).code).toBe(0);
  expect(kollen(["admin", "campaign", "add", "--data", "data", "--id", CAMPAIGN, "--survey", "infosakkollen-example", "--closes", "2099-01-01"]).code).toBe(0);
  const u = kollen(["admin", "user", "add", "--data", "data", "--username", "tillsyn1", "--role", "supervisor"], { KOLLEN_PASSWORD: PASSWORD });
  expect(u.code, u.err).toBe(0);
  expect(kollen(["keygen", "signer", "--org", COMPANY, "-o", "company.jwk"]).code).toBe(0);
  const result = JSON.parse(readFileSync(EXAMPLE, "utf8")) as Record<string, unknown>;
  writeFileSync(join(dir, "result.json"), JSON.stringify({ ...result, organisation: COMPANY }));
  ({ server, url } = await startServer(dir));
}, 60_000);

afterAll(() => stopServer(server));

describe("kollen submit --invite against kollen serve", () => {
  it("before accepting, the package's signer is unknown; after accepting, submit --invite is received", async () => {
    const link = await makeLink();
    const keyring = await (await fetch(`${url}/api/v1/recipients`)).text();
    writeFileSync(join(dir, "keyring.jws"), keyring);
    const p = kollen(["pack", "--org", COMPANY, "--campaign", CAMPAIGN, "--result", "result.json", "--signer", "company.jwk", "--keyring", "keyring.jws", "-o", "company.kollen"]);
    expect(p.code, p.err).toBe(0);

    const early = kollen(["submit", "company.kollen", "--server", url, "--invite", link.token, "--retries", "0"]);
    expect(early.code).not.toBe(0);
    expect(early.err).toContain("SIGNER_UNKNOWN");

    const publicJwk = JSON.parse(readFileSync(join(dir, "company.jwk.pub"), "utf8")) as Record<string, unknown>;
    const accepted = await fetch(`${url}/api/v1/invites/${link.token}/accept`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ organisationsnummer: COMPANY, name: "Kraftbolaget AB", publicJwk }),
    });
    expect(accepted.status).toBe(201);

    // the whole link as the supervisor sent it works as well as the token
    const s = kollen(["submit", "company.kollen", "--server", url, "--invite", `${url}${link.url.startsWith("/") ? link.url : new URL(link.url).pathname}`]);
    expect(s.code, s.err).toBe(0);
    expect(s.err).toContain("submitted");
    const again = kollen(["submit", "company.kollen", "--server", url], { KOLLEN_INVITE: link.token });
    expect(again.code, again.err).toBe(0);
    expect(again.err).toContain("already received");
  });

  it("a garbage or foreign invitation is refused with INVITE_INVALID; a malformed one never leaves the machine", async () => {
    const other = await makeLink();
    // new bytes (an identical upload is answered with its first receipt before any check)
    const p = kollen(["pack", "--org", COMPANY, "--campaign", CAMPAIGN, "--result", "result.json", "--signer", "company.jwk", "--keyring", "keyring.jws", "-o", "company2.kollen"]);
    expect(p.code, p.err).toBe(0);
    // a genuine link this organisation never accepted
    const s = kollen(["submit", "company2.kollen", "--server", url, "--invite", other.token, "--retries", "0"]);
    expect(s.code).not.toBe(0);
    expect(s.err).toContain("INVITE_INVALID");
    const forged = other.token.slice(0, -4) + (other.token.endsWith("AAAA") ? "BBBB" : "AAAA");
    const f = kollen(["submit", "company2.kollen", "--server", url, "--invite", forged, "--retries", "0"]);
    expect(f.code).not.toBe(0);
    expect(f.err).toContain("INVITE_INVALID");
    const bad = kollen(["submit", "company2.kollen", "--server", url, "--invite", "not a token"]);
    expect(bad.code).toBe(2);
  });
});
