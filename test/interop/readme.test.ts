/**
 * The README's walk-through, run verbatim: the first ```sh block under "## Walk-through" is executed
 * with bash -euo pipefail in a scratch folder that is a fresh clone after `npm ci`: every file git
 * tracks, copied, with node_modules linked from this checkout. (`npx kollen` in a project runs the
 * project's own bin, building it through `prepare` first — so the copy must be complete.)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { expect, it } from "vitest";

function walkThrough(): string {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.slice(readme.indexOf("## Walk-through"));
  const m = /```sh\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error("no walk-through block in README.md");
  return m[1]!;
}

it("the README walk-through works verbatim", () => {
  const dir = mkdtempSync(join(tmpdir(), "kollen-readme-"));
  try {
    for (const f of execFileSync("git", ["ls-files", "-z"], { encoding: "utf8" }).split("\0").filter(Boolean)) {
      if (!existsSync(f)) continue; // deleted in the working tree
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      copyFileSync(f, join(dir, f));
    }
    symlinkSync(resolve("node_modules"), join(dir, "node_modules"));
    const script = walkThrough();
    expect(script).toContain("npx kollen pack");
    const r = spawnSync("bash", ["-euo", "pipefail", "-c", script], { cwd: dir, encoding: "utf8", timeout: 120_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain("PASSED");
    expect(r.stdout).toMatch(/result\.json\ninner\.jws\npadding/); // the age CLI decrypted the payload
    expect(existsSync(join(dir, "opened", "result.json"))).toBe(true);
    expect(readFileSync(join(dir, "opened", "result.json"))).toEqual(readFileSync("examples/result-infosakkollen.json"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
