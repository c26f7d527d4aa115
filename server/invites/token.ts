/**
 * Invitation tokens (DESIGN.md § Invitations, receipts, review): a compact JWT signed with the
 * server's receipt key (EdDSA, RFC 8037), typ `kollen-invite+jwt`, audience `kollen-invite`, naming
 * one campaign, with a random `jti` and an `exp`. The receipt key is reused on purpose: no second
 * secret to generate, store and rotate, and retired receipt keys stay published, so a link made
 * before a rotation still verifies. The distinct `typ` and `aud` keep a receipt from passing as an
 * invitation and an invitation from passing as a receipt (receipts/verify.ts demands its own typ).
 *
 * The server stores only the SHA-256 of a token ({@link inviteTokenDigest}); the signature alone
 * makes a token unforgeable, the stored digest makes it revocable and countable.
 */
import { SignJWT, createLocalJWKSet, errors, jwtVerify } from "jose";
import { sha256Hex } from "../../encoding/sha256.ts";
import { KollenError } from "../../schemas/errors.ts";
import type { ServerConfig, ServerKeys } from "../ports.ts";

const INVITE_TYP = "kollen-invite+jwt";
const INVITE_AUDIENCE = "kollen-invite";
/** Compact JWS characters only; a token is ~300 characters. */
export const INVITE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{10,1000}\.[A-Za-z0-9_-]{10,2000}\.[A-Za-z0-9_-]{20,200}$/;

/** What a valid token says. */
export interface InviteClaims {
  jti: string;
  campaign: string;
  expiresAt: Date;
}

/**
 * Signs an invitation token.
 * @example const token = await signInviteToken(deps.keys, deps.config, { jti, campaign: "infosak-2026", issuedAt: now, expiresAt })
 */
export async function signInviteToken(keys: ServerKeys, config: ServerConfig, c: { jti: string; campaign: string; issuedAt: Date; expiresAt: Date }): Promise<string> {
  return new SignJWT({ campaign: c.campaign })
    .setProtectedHeader({ alg: "EdDSA", kid: keys.receipt.kid, typ: INVITE_TYP })
    .setIssuer(config.issuer)
    .setAudience(INVITE_AUDIENCE)
    .setJti(c.jti)
    .setIssuedAt(Math.floor(c.issuedAt.getTime() / 1000))
    .setExpirationTime(Math.floor(c.expiresAt.getTime() / 1000))
    .sign(keys.receipt.privateKey);
}

/**
 * Checks a token's form, signature, type, issuer, audience and expiry at `now`.
 * @throws KollenError INVITE_INVALID (anything wrong) or INVITE_EXPIRED (genuine but past `exp`)
 */
export async function verifyInviteToken(keys: ServerKeys, config: ServerConfig, token: string, now: Date): Promise<InviteClaims> {
  if (!INVITE_TOKEN_PATTERN.test(token)) throw new KollenError("INVITE_INVALID", "not an invitation token");
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: keys.publicJwks }), {
      algorithms: ["EdDSA"],
      typ: INVITE_TYP,
      issuer: config.issuer,
      audience: INVITE_AUDIENCE,
      currentDate: now,
      requiredClaims: ["jti", "exp", "campaign"],
    });
    if (typeof payload.jti !== "string" || typeof payload.campaign !== "string" || typeof payload.exp !== "number") throw new KollenError("INVITE_INVALID", "not an invitation token");
    return { jti: payload.jti, campaign: payload.campaign, expiresAt: new Date(payload.exp * 1000) };
  } catch (e) {
    if (e instanceof errors.JWTExpired) throw new KollenError("INVITE_EXPIRED", "the invitation has expired");
    if (e instanceof KollenError) throw e;
    throw new KollenError("INVITE_INVALID", "the invitation could not be verified");
  }
}

/** Lowercase hex SHA-256 of the token text: the only form in which a token is stored. */
export function inviteTokenDigest(token: string): Promise<string> {
  return sha256Hex(new TextEncoder().encode(token));
}

/** The public address of a link: under the configured issuer when it is a URL, else a path. */
export function inviteUrl(issuer: string, token: string): string {
  const path = `/invite/${token}`;
  try {
    return new URL(path, issuer).href;
  } catch {
    return path;
  }
}
