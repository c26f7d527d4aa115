/** `kollen feedback` end to end on the example results: the figures, English, JSON, bad input. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const BIN = resolve("bin/kollen.mjs");
const kollen = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe("kollen feedback", () => {
  it("prints the level with its rule, the work areas and the next level, in Swedish", () => {
    const r = kollen("feedback", "examples/result-infosakkollen.json");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Återkoppling: /);
    // the example's hand-checked figures (docs/ANALYSIS.md's rules)
    expect(r.out).toContain("Nivå: 2 — Etablerad");
    expect(r.out).toContain("Nivå med decimaler: 2,81");
    expect(r.out).toContain("Poäng: 77 / 147");
    expect(r.out).toContain("1. Ledningens styrning:");
    expect(r.out).toContain("Till nivå 3 (Systematisk)");
  });

  it("--json gives the same figures as data; --lang en in English", () => {
    const json = JSON.parse(kollen("feedback", "examples/result-infosakkollen.json", "--json").out) as { kind: string; level: number; areas: unknown[] };
    expect(json.kind).toBe("infosakkollen");
    expect(json.areas).toHaveLength(10);
    expect(kollen("feedback", "examples/result-infosakkollen.json", "--lang", "en").out).toContain(`Level: ${json.level}`);
    const its = kollen("feedback", "examples/result-itsakkollen.json");
    expect(its.code).toBe(0);
    expect(its.out).toMatch(/Medelvärde: \d,\d\d/);
  });

  it("refuses a result read against another model, and usage errors exit 2", () => {
    const r = kollen("feedback", "examples/result-infosakkollen.json", "--model", "schemas/models/itsakkollen-example.json");
    expect(r.code).toBe(1);
    expect(r.err).toContain("RESULT_MODEL_MISMATCH");
    const dir = mkdtempSync(join(tmpdir(), "kollen-feedback-"));
    const tampered = JSON.parse(readFileSync("examples/result-infosakkollen.json", "utf8")) as { model: { sha256: string } };
    tampered.model.sha256 = "0".repeat(64);
    writeFileSync(join(dir, "r.json"), JSON.stringify(tampered));
    expect(kollen("feedback", join(dir, "r.json")).err).toContain("RESULT_MODEL_MISMATCH");
    expect(kollen("feedback").code).toBe(2);
    expect(kollen("feedback", "examples/result-infosakkollen.json", "--lang", "de").code).toBe(2);
  });
});
