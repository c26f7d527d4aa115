import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { calculateJwkThumbprint } from "jose";
import { keygen } from "../../../client-kit/cli/keygen.node.ts";
import { reportError } from "../../../client-kit/cli/io.node.ts";
import { identityToRecipient, parseIdentityFile } from "../../../client-kit/age/index.ts";
import { parseSignerJwk } from "../../../keys/signer.ts";

let dir: string;
let out: string[];
let err: string[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kollen-keygen-"));
  out = [];
  err = [];
  vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s) => (err.push(String(s)), true));
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the command as `kollen` does: errors become exit codes through reportError. */
async function run(...argv: string[]): Promise<number> {
  try {
    return await keygen(argv);
  } catch (e) {
    return reportError(e);
  }
}

const mode = async (p: string) => (await stat(p)).mode & 0o777;

describe("kollen keygen recipient", () => {
  it("writes an age-keygen identity file 0600 and prints the recipient", async () => {
    const file = join(dir, "authority.key");
    expect(await run("recipient", "-o", file)).toBe(0);
    const text = await readFile(file, "utf8");
    expect(text).toMatch(/^# created: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n# public key: age1[02-9ac-hj-np-z]{58}\nAGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}\n$/);
    const [identity] = parseIdentityFile(text);
    const recipient = await identityToRecipient(identity!);
    expect(out.join("")).toBe(`${recipient}\n`);
    expect(text).toContain(`# public key: ${recipient}\n`);
    expect(await mode(file)).toBe(0o600);
  });

  it("with --pq writes an age-keygen -pq identity file (mlkem768x25519) and prints the age1pq1… recipient", async () => {
    const file = join(dir, "authority-pq.key");
    expect(await run("recipient", "--pq", "-o", file)).toBe(0);
    const text = await readFile(file, "utf8");
    expect(text).toMatch(/^# created: \S+Z\n# public key: age1pq1[02-9ac-hj-np-z]{1952}\nAGE-SECRET-KEY-PQ-1[02-9AC-HJ-NP-Z]{58}\n$/);
    const [identity] = parseIdentityFile(text);
    expect(out.join("")).toBe(`${await identityToRecipient(identity!)}\n`);
    expect(await mode(file)).toBe(0o600);
  });

  it("refuses to overwrite an existing file", async () => {
    const file = join(dir, "exists.key");
    await writeFile(file, "precious");
    expect(await run("recipient", "-o", file)).toBe(1);
    expect(err.join("")).toContain("[OUTPUT_EXISTS]");
    expect(await readFile(file, "utf8")).toBe("precious");
    expect(out).toEqual([]);
  });

  it("needs -o (usage error, exit 2)", async () => {
    expect(await run("recipient")).toBe(2);
    expect(err.join("")).toContain("usage: kollen keygen recipient [--pq] -o FILE");
  });
});

describe("kollen keygen signer", () => {
  it("writes the private JWK 0600 and FILE.pub, prints the thumbprint", async () => {
    const file = join(dir, "signer.jwk");
    expect(await run("signer", "--org", "212000-0142", "-o", file)).toBe(0);
    const priv = parseSignerJwk(await readFile(file, "utf8"));
    const pub = parseSignerJwk(await readFile(`${file}.pub`, "utf8"));
    const thumbprint = await calculateJwkThumbprint(pub, "sha256");
    expect(out.join("")).toBe(`${thumbprint}\n`);
    expect(priv.d).toBeDefined();
    expect(pub.d).toBeUndefined();
    expect(priv.x).toBe(pub.x);
    expect(pub.kid).toBe(thumbprint);
    expect(pub.kollen_org).toBe("2120000142");
    expect(await mode(file)).toBe(0o600);
    expect(await mode(`${file}.pub`)).toBe(0o644);
  });

  it.each([
    ["212000-0143", "ORGNR_CHECKSUM"],
    ["not-a-number", "ORGNR_INVALID"],
  ])("rejects --org %s with %s (exit 1) and writes nothing", async (org, code) => {
    const file = join(dir, "signer.jwk");
    expect(await run("signer", "--org", org, "-o", file)).toBe(1);
    expect(err.join("")).toContain(`[${code}]`);
    await expect(stat(file)).rejects.toThrow();
    await expect(stat(`${file}.pub`)).rejects.toThrow();
  });

  it.each([
    [["signer", "-o", "x.jwk"]],
    [["signer", "--org", "2120000142"]],
    [["signer", "--org", "2120000142", "-o", "x.jwk", "extra"]],
    [["signer", "--org"]],
    [["signer", "--bogus", "1"]],
    [[]],
    [["printer"]],
  ])("is a usage error (exit 2): %j", async (argv) => {
    expect(await run(...argv)).toBe(2);
    expect(err.join("")).toMatch(/hint: usage: kollen keygen/);
  });

  it("refuses to overwrite the private key or the .pub file", async () => {
    const file = join(dir, "signer.jwk");
    await writeFile(`${file}.pub`, "old public key");
    expect(await run("signer", "--org", "2120000142", "-o", file)).toBe(1);
    expect(err.join("")).toContain("[OUTPUT_EXISTS]");
    await expect(stat(file)).rejects.toThrow();
    expect(await readFile(`${file}.pub`, "utf8")).toBe("old public key");

    await rm(`${file}.pub`);
    await writeFile(file, "old private key");
    expect(await run("signer", "--org", "2120000142", "-o", file)).toBe(1);
    expect(await readFile(file, "utf8")).toBe("old private key");
    await expect(stat(`${file}.pub`)).rejects.toThrow();
  });
});
