/**
 * Who may sign for which organisation: the port verification asks. The server answers from its
 * registry; the CLI from `--trust` files (trustFromFiles in client-kit/cli/files.node.ts).
 */
import type { JWK } from "jose";
import type { VerificationOutcome } from "../../schemas/submission.ts";

export interface TrustedSigner {
  publicJwk: JWK;
  /** canonical organisationsnummer this key is registered for (FORMAT.md rule K2); empty: none */
  organisations: string[];
  /** revoked from this instant: a package whose time of receipt or createdAt is at or after it FAILs (rule K3) */
  revokedFrom?: Date;
}

export interface TrustStore {
  /** Ed25519 signer keys by RFC 7638 thumbprint. */
  findByKid(kid: string): Promise<TrustedSigner | undefined>;
  /** CA certificates (PEM) trusted to certify organisations in x5c chains. */
  caPems(): Promise<string[]>;
}

/** A fixed in-memory trust store. */
export function staticTrustStore(signers: Array<TrustedSigner & { kid: string }>, caPems: string[] = []): TrustStore {
  const byKid = new Map(signers.map((s) => [s.kid, s]));
  return {
    findByKid: async (kid) => byKid.get(kid),
    caPems: async () => caPems,
  };
}

/** An outcome as in EU DSS validation reports. */
export type Outcome = VerificationOutcome;

const RANK: Record<Outcome, number> = { PASSED: 0, INDETERMINATE: 1, FAILED: 2 };

/** The worse of outcomes. */
export function worst(...outcomes: Outcome[]): Outcome {
  return outcomes.reduce<Outcome>((a, b) => (RANK[b] > RANK[a] ? b : a), "PASSED");
}
