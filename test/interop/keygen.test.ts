// `kollen keygen recipient` writes the age-keygen layout: the Debian `age` tool must read it.
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { keygen } from "../../client-kit/cli/keygen.node.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kollen-keygen-interop-"));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

it("age and age-keygen accept the identity file; the printed recipient is its public key", async () => {
  const out: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
  const file = join(dir, "id.txt");
  expect(await keygen(["recipient", "-o", file])).toBe(0);
  const recipient = out.join("").trim();
  expect(execFileSync("age-keygen", ["-y", file]).toString().trim()).toBe(recipient);
  const sealed = execFileSync("age", ["-r", recipient], { input: "hej från kollen" });
  expect(execFileSync("age", ["-d", "-i", file], { input: sealed }).toString()).toBe("hej från kollen");
  expect(await readFile(file, "utf8")).toContain(`# public key: ${recipient}`);
});
