/** docs/ARCHITECTURE.md describes every top folder of the repository and of server/ (and of server/web/). */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const doc = readFileSync("docs/ARCHITECTURE.md", "utf8");

/** Folders ignored by git (`name/` lines of .gitignore): generated, not part of the tree. */
const ignored = new Set(
  readFileSync(".gitignore", "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.endsWith("/"))
    .map((l) => l.replace(/^\//, "").slice(0, -1)),
);

function folders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !ignored.has(e.name))
    .map((e) => e.name);
}

/** The lines of the folder tables, where a folder is described. */
const rows = doc.split("\n").filter((l) => l.startsWith("| `"));

describe("docs/ARCHITECTURE.md", () => {
  it.each([
    ["the repository", ".", ""],
    ["server/", "server", "server/"],
    ["server/web/", join("server", "web"), "server/web/"],
  ])("has a line for every folder of %s", (_name, dir, prefix) => {
    const found = folders(dir);
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(rows.some((r) => r.startsWith(`| \`${prefix}${f}/\``)), `${prefix}${f}/`).toBe(true);
  });

  it("names only files that exist", () => {
    const paths = [...doc.matchAll(/`((?:encoding|schemas|keys|client-kit|analysis|server|cli|scripts|test|bin|docs)\/[\w./-]+\.(?:ts|mjs|md))`/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(20);
    for (const p of paths) expect(() => readFileSync(p), p).not.toThrow();
  });
});
