/**
 * Receipts as the portal shows them: a compact JWS signed by the server's receipt key
 * (server/receipts/sign.ts). The page checks it with the server's own verifier against
 * /.well-known/jwks.json and asks for the current status with the receipt as the bearer token.
 */
import { decodeJwt, decodeProtectedHeader } from "jose";
import { KollenError } from "../../../../schemas/errors.ts";
import type { ReceiptClaims } from "../../../receipts/sign.ts";
import { verifyReceipt } from "../../../receipts/verify.ts";
import { answer, api, type Success } from "./api.ts";
import { parseProblem, type ProblemBody } from "./problem.ts";

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

/** Checks the receipt against the server's published receipt keys; the signing key's id, or undefined. */
export async function verifyReceiptSignature(jws: string): Promise<string | undefined> {
  try {
    const { keys } = await answer(api[".well-known"]["jwks.json"].$get());
    const token = jws.trim();
    if (!(await verifyReceipt({ publicJwks: keys }, {}, token))) return undefined;
    return decodeProtectedHeader(token).kid ?? "";
  } catch {
    return undefined;
  }
}

const statusApi = api.api.v1.submissions[":id"];

/** The status answer of GET /api/v1/submissions/{id}. */
export type StatusView = Success<Awaited<ReturnType<typeof statusApi.$get>>>;

/** Asks for the current status of the submission a receipt names. */
export async function lookupStatus(receipt: string): Promise<{ ok: true; view: StatusView } | { ok: false; status: number; problem?: ProblemBody }> {
  const { submissionId } = readReceipt(receipt);
  const res = await statusApi.$get({ param: { id: encodeURIComponent(submissionId) } }, { headers: { authorization: `Bearer ${receipt.trim()}`, accept: "application/json, application/problem+json" } });
  if (res.status === 200) return { ok: true, view: await res.json() };
  return { ok: false, status: res.status, problem: parseProblem(res.headers.get("content-type"), await res.text()) };
}
