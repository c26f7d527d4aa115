/**
 * `kollen submit PKG --server URL [--invite TOKEN]`: upload a package, verify the receipt against
 * the server's published keys, print it and save it next to the package as PKG.receipt.jws.
 * `--invite` (or KOLLEN_INVITE) takes an invitation token or the whole link; it is sent as the bearer.
 *
 * Uploads are idempotent on the server (the same bytes give the same submission and receipt), so a
 * failed attempt — network error, 5xx, 408, 429 — is simply retried with backoff.
 */
import { createReadStream } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { hc } from "hono/client";
import { ERROR_CODES, KollenError, type ErrorCode } from "../schemas/errors.ts";
import { EXIT_OK, UsageError, parseCommandArgs, type Command } from "../client-kit/cli/io.node.ts";
import type { AppType } from "../server/app.ts";
import type { ReceiptClaims } from "../server/receipts/sign.ts";
import { verifyReceipt } from "../server/receipts/verify.ts";

const USAGE = "kollen submit PKG --server URL [--invite TOKEN] [--retries N]";
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** The server's API, typed from its route definitions. */
type Api = ReturnType<typeof hc<AppType>>;

function endpoint(server: string, path: string): string {
  let base: URL;
  try {
    base = new URL(server);
  } catch {
    throw new UsageError(`--server: not a URL: ${server}`, USAGE);
  }
  if (base.protocol !== "https:" && base.protocol !== "http:") throw new UsageError("--server must be an http(s) URL", USAGE);
  return new URL(path, base.href.endsWith("/") ? base.href : `${base.href}/`).href;
}

async function problemError(res: Response): Promise<KollenError> {
  let p: { code?: string; title?: string; detail?: string; title_sv?: string } = {};
  try {
    p = (await res.json()) as typeof p;
  } catch {
    // not problem+json: say what we know
  }
  const code = (ERROR_CODES as readonly string[]).includes(p.code ?? "") ? (p.code as ErrorCode) : res.status === 413 ? "PACKAGE_TOO_LARGE" : "BAD_INPUT";
  const text = [p.title, p.detail].filter(Boolean).join(": ") || `the server answered ${res.status}`;
  return new KollenError(code, `${text}${p.title_sv ? ` (${p.title_sv})` : ""}`);
}

/** Verifies the receipt against the server's published receipt keys and that it names these bytes' submission. */
async function checkReceipt(api: Api, a: { submissionId: string; receipt: string }): Promise<ReceiptClaims> {
  const res = await api[".well-known"]["jwks.json"].$get();
  if (!res.ok) throw new KollenError("SIGNATURE_INVALID", "could not fetch the server's receipt keys to check the receipt");
  const claims = await verifyReceipt({ publicJwks: (await res.json()).keys }, {}, a.receipt);
  if (!claims || claims.submissionId !== a.submissionId) throw new KollenError("SIGNATURE_INVALID", "the receipt does not verify against the server's published keys");
  return claims;
}

/** Refuses locally what the server would refuse unread (its limit is published at /api/v1/info). */
async function checkSize(api: Api, size: number): Promise<void> {
  let info: { maxPackageBytes?: unknown } | undefined;
  try {
    const res = await api.api.v1.info.$get();
    if (res.ok) info = await res.json();
  } catch {
    return; // unreachable now: the upload below retries and reports
  }
  if (typeof info?.maxPackageBytes === "number" && size > info.maxPackageBytes)
    throw new KollenError("PACKAGE_TOO_LARGE", `the package is ${size} bytes; this server accepts at most ${info.maxPackageBytes}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The invitation token from `--invite` or KOLLEN_INVITE (which keeps it out of the process list):
 * the token itself, or the whole link as the supervisor sent it (`https://…/invite/TOKEN`).
 */
function inviteToken(given: string | undefined): string | undefined {
  const v = given?.trim();
  if (!v) return undefined;
  const m = /\/invite\/([A-Za-z0-9._-]+)\/?(?:[?#].*)?$/.exec(v);
  const token = m ? m[1]! : v;
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) throw new UsageError("--invite: not an invitation token or link", USAGE);
  return token;
}

export const submit: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs(
    argv,
    { server: { type: "string" }, invite: { type: "string" }, retries: { type: "string", default: "4" }, help: { type: "boolean", short: "h" } },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`usage: ${USAGE}\n`);
    return EXIT_OK;
  }
  if (positionals.length !== 1 || !values.server) throw new UsageError("give one package and --server URL", USAGE);
  const retries = Number(values.retries);
  if (!Number.isInteger(retries) || retries < 0 || retries > 20) throw new UsageError("--retries must be 0–20", USAGE);
  const invite = inviteToken(values.invite ?? process.env.KOLLEN_INVITE);
  const pkgPath = positionals[0]!;
  const size = (await stat(pkgPath)).size;
  const api = hc<AppType>(endpoint(values.server, ""));
  await checkSize(api, size);

  let accepted: { submissionId: string; status: string; receipt: string } | undefined;
  let created = false;
  for (let attempt = 0; ; attempt++) {
    let res: Awaited<ReturnType<Api["api"]["v1"]["submissions"]["$post"]>>;
    try {
      const headers: Record<string, string> = { "content-type": "application/vnd.kollen.package", "content-length": String(size), accept: "application/json" };
      if (invite) headers.authorization = `Bearer ${invite}`;
      const body = Readable.toWeb(createReadStream(pkgPath, { highWaterMark: 256 * 1024 })) as ReadableStream<Uint8Array>;
      // the package streams as the raw body: the route declares it for the document only
      res = await api.api.v1.submissions.$post({}, { headers, init: { body, duplex: "half" } as RequestInit });
    } catch (e) {
      if (attempt >= retries) throw new KollenError("INTERNAL", `could not reach ${values.server}: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`);
      process.stderr.write(`kollen: upload failed (${e instanceof Error ? e.message : "network error"}); retrying\n`);
      await sleep(500 * 2 ** attempt);
      continue;
    }
    if (res.status === 201 || res.status === 200) {
      accepted = await res.json();
      created = res.status === 201;
      break;
    }
    if (RETRY_STATUSES.has(res.status) && attempt < retries) {
      await res.body?.cancel();
      process.stderr.write(`kollen: the server answered ${res.status}; retrying\n`);
      await sleep(500 * 2 ** attempt);
      continue;
    }
    throw await problemError(res);
  }

  const claims = await checkReceipt(api, accepted);
  const receiptPath = `${pkgPath}.receipt.jws`;
  await writeFile(receiptPath, accepted.receipt + "\n");
  process.stdout.write(accepted.receipt + "\n");
  process.stderr.write(
    `kollen: ${created ? "submitted" : "already received (same bytes)"}: submission ${accepted.submissionId}, status ${accepted.status}` +
      `${Array.isArray(claims.reasons) && claims.reasons.length ? ` [${claims.reasons.join(", ")}]` : ""}\n` +
      `kollen: receipt verified against ${endpoint(values.server, ".well-known/jwks.json")} and saved to ${receiptPath}\n`,
  );
  return EXIT_OK;
};
