/**
 * The bodies of the registry's browser management (/api/v1/admin: signers, CAs, account roles):
 * what the admin's registry page sends and gets back. The routes validate with these schemas and
 * the OpenAPI document is generated from them.
 */
import { z } from "zod";
import { RoleList } from "./staff-api.ts";

/** Why a key or a CA is no longer trusted: the admin's words, kept with it and in the audit log. */
export const RevokeReason = z.string().trim().min(3).max(500);

/** Where a trusted signer key came from: added by an admin, or bound when an invitation link was used. */
export const SIGNER_SOURCES = ["admin", "invite"] as const;
export type SignerSource = (typeof SIGNER_SOURCES)[number];

export const SignerListing = z.object({
  signers: z.array(
    z.object({
      kid: z.string(),
      orgnr: z.string(),
      organisationName: z.string().nullable(),
      source: z.string(),
      createdAt: z.iso.datetime(),
      revokedFrom: z.iso.datetime().nullable(),
      revokeReason: z.string().nullable(),
    }),
  ),
});
/** A signer's RFC 7638 thumbprint (base64url SHA-256); anything else is simply not found. */
export const KidParam = z.object({ kid: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "no such signer") });
export const RevokeSigner = z
  .strictObject({ reason: RevokeReason, from: z.iso.datetime({ offset: true }).optional().meta({ description: "default: now" }) })
  .meta({ id: "RevokeSigner" });
export const SignerRevoked = z.object({ kid: z.string(), orgnr: z.string(), revokedFrom: z.iso.datetime() });

export const CaListing = z.object({
  cas: z.array(z.object({ id: z.string(), label: z.string(), createdAt: z.iso.datetime(), revokedAt: z.iso.datetime().nullable(), revokeReason: z.string().nullable() })),
});
export const NewCa = z
  .strictObject({ pem: z.string().min(1).max(64 * 1024), label: z.string().trim().min(1).max(200) })
  .meta({ id: "NewCa" });
export const CaTrusted = z.object({ ids: z.array(z.string()) });
/** A CA's id: the SHA-256 of its PEM as 64 lowercase hex digits; anything else is simply not found. */
export const CaIdParam = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, "no such CA") });
export const RevokeCa = z.strictObject({ reason: RevokeReason }).meta({ id: "RevokeCa" });
export const CaRevoked = z.object({ id: z.string(), revokedAt: z.iso.datetime() });

export const UserRoles = z.strictObject({ roles: RoleList }).meta({ id: "UserRoles" });
export const UserRolesSet = z.object({ id: z.string(), roles: RoleList });
