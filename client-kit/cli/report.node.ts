/** Prints a verification report for people (and as JSON). */
import type { VerificationReport } from "../package/verify-outer.ts";

export function printReport(report: VerificationReport, json: boolean, extra: Record<string, unknown> = {}): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...extra, ...report }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${report.outcome}\n`);
  for (const s of report.signers)
    process.stdout.write(`  signer ${s.kid ?? s.name ?? "?"} (${s.alg}${s.orgnr ? `, ${s.orgnr}` : ""}): ${s.outcome}${s.code ? ` [${s.code}]` : ""}\n`);
  for (const r of report.reasons) process.stdout.write(`  [${r.code}] ${r.message}\n`);
}
