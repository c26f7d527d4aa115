/**
 * Receipts as the portal shows them: a compact JWS signed by the server's receipt key
 * (server/receipts/sign.ts). The page checks the signature against /.well-known/jwks.json
 * and asks for the current status with the receipt as the bearer token.
 */
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from "jose";
import { KollenError } from "../../../../schemas/errors.ts";
import { parseProblem, type ProblemBody } from "./problem.ts";
import { SUBMISSIONS_PATH } from "./upload.ts";
import type { ReceiptClaims } from "../../../receipts/sign.ts";

/** The claims of a receipt the portal shows: exactly what the server signs. */
export type ReceiptView = ReceiptClaims;

const COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Reads a receipt's claims without checking the signature (for display and the status lookup).
 * @throws KollenError BAD_INPUT when it is not a Kollen receipt
 */
export function readReceipt(text: string): ReceiptView {
  const jws = text.trim();
  if (jws.length > 16_384 || !COMPACT.test(jws)) throw new KollenError("BAD_INPUT", "not a compact JWS");
  let c: Record<string, unknown>;
  try {
    c = decodeJwt(jws);
  } catch {
    throw new KollenError("BAD_INPUT", "not a compact JWS");
  }
  const str = (k: string) => (typeof c[k] === "string" ? (c[k] as string) : "");
  if (!/^[0-9a-f-]{36}$/.test(str("submissionId"))) throw new KollenError("BAD_INPUT", "not a Kollen receipt");
  return {
    submissionId: str("submissionId"),
    packageSha256: str("packageSha256"),
    organisation: str("organisation"),
    campaign: str("campaign"),
    receivedAt: str("receivedAt"),
    status: str("status"),
    reasons: Array.isArray(c.reasons) ? c.reasons.filter((r): r is string => typeof r === "string") : [],
    authority: str("authority"),
  };
}

/** Checks the receipt's signature against the server's published receipt keys; the kid, or undefined. */
export async function verifyReceiptSignature(jws: string): Promise<string | undefined> {
  try {
    const res = await fetch("/.well-known/jwks.json", { headers: { accept: "application/json" } });
    if (!res.ok) return undefined;
    const jwks = (await res.json()) as JSONWebKeySet;
    const { protectedHeader } = await jwtVerify(jws.trim(), createLocalJWKSet(jwks), { algorithms: ["EdDSA"], typ: "kollen-receipt+jwt" });
    return protectedHeader.kid ?? "";
  } catch {
    return undefined;
  }
}

/** The status answer of GET /api/v1/submissions/{id}. */
export interface StatusView {
  submissionId: string;
  status: string;
  organisation: string;
  campaign: string;
  receivedAt: string;
  flags: string[];
  supersededBy: string | null;
  covers: Array<{ orgnr: string; state: string }>;
}

/** Asks for the current status of the submission a receipt names. */
export async function lookupStatus(receipt: string): Promise<{ ok: true; view: StatusView } | { ok: false; status: number; problem?: ProblemBody }> {
  const { submissionId } = readReceipt(receipt);
  const res = await fetch(`${SUBMISSIONS_PATH}/${encodeURIComponent(submissionId)}`, {
    headers: { authorization: `Bearer ${receipt.trim()}`, accept: "application/json, application/problem+json" },
    cache: "no-store",
  });
  const text = await res.text();
  if (!res.ok) return { ok: false, status: res.status, problem: parseProblem(res.headers.get("content-type"), text) };
  return { ok: true, view: JSON.parse(text) as StatusView };
}
