/**
 * The registry as the TrustStore port verification asks (client-kit/package/trust.ts): registered
 * Ed25519 signers by kid, each trusted for its one organisation, with revocation dates, and the CA
 * certificates trusted to name organisations (a revoked CA is left out).
 */
import type { JWK } from "jose";
import type { TrustStore, TrustedSigner } from "../../client-kit/package/trust.ts";
import { isNull } from "drizzle-orm";
import { cas } from "../db/schema.ts";
import { hotQueries } from "../submissions/queries.ts";
import type { DbPort } from "../ports.ts";

type SignerRow = Awaited<ReturnType<ReturnType<typeof hotQueries>["signer"]["all"]>>[number];

/**
 * A TrustStore reading the registry (per request: the CA list and each signer row are read once per
 * store, and `signerRow` hands the upload path the same rows verification saw).
 */
export function registryTrustStore(db: DbPort): TrustStore & { signerRow(kid: string): Promise<SignerRow | undefined> } {
  let pems: Promise<string[]> | undefined;
  const rows = new Map<string, Promise<SignerRow | undefined>>();
  const signerRow = (kid: string): Promise<SignerRow | undefined> => {
    let row = rows.get(kid);
    if (!row) {
      row = Promise.resolve(hotQueries(db).signer.all({ kid })).then(([r]) => r);
      rows.set(kid, row);
    }
    return row;
  };
  return {
    signerRow,
    async findByKid(kid: string): Promise<TrustedSigner | undefined> {
      const row = await signerRow(kid);
      if (!row) return undefined;
      const s: TrustedSigner = { publicJwk: JSON.parse(row.publicJwk) as JWK, organisations: [row.orgnr] };
      if (row.revokedFrom) s.revokedFrom = row.revokedFrom;
      return s;
    },
    caPems(): Promise<string[]> {
      pems ??= db.orm
        .select({ pem: cas.pem })
        .from(cas)
        .where(isNull(cas.revokedAt))
        .then((rows) => rows.map((r) => r.pem));
      return pems;
    },
  };
}
