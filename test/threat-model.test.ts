/**
 * docs/THREAT-MODEL.md names, for every claim, the test that checks it: each named file must exist
 * and each quoted test name must be a test in that file, so the page cannot drift from the tests.
 */
import { existsSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";

const page = readFileSync("docs/THREAT-MODEL.md", "utf8");
const section = page.slice(page.indexOf("## Adversaries"), page.indexOf("## How the checks"));
const rows = section.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| adversary") && !l.startsWith("|---"));

it("every claim of the threat model names a test", () => {
  expect(rows.length).toBeGreaterThan(12);
  for (const row of rows) expect(row.split("|").at(-2)!.trim(), row.slice(0, 60)).toMatch(/test\/\S+\.test\.ts/);
});

it("every file it names exists, and every quoted test name is in that file", () => {
  let names = 0;
  for (const row of rows) {
    const cell = row.split("|").at(-2)!;
    for (const part of cell.split(";")) {
      const file = /(test\/\S+\.test\.ts)/.exec(part)?.[1];
      if (!file) continue;
      expect(existsSync(file), file).toBe(true);
      const text = readFileSync(file, "utf8");
      for (const quoted of part.matchAll(/"([^"]+)"/g))
        for (const fragment of quoted[1]!.split("…").map((f) => f.trim()).filter(Boolean)) {
          expect(text.includes(fragment), `${file}: ${fragment}`).toBe(true);
          names++;
        }
    }
  }
  expect(names).toBeGreaterThan(20);
});
