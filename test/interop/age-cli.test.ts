// Interop with the reference `age` CLI (Debian's /usr/bin/age, /usr/bin/age-keygen): files made
// by either tool decrypt with the other, in both directions, for sizes around the 64 KiB chunk
// and 10 MiB; identity files made by age-keygen are read by us and ours by age; stdin/stdout
// pipes work. `kollen age` runs as a real process (the age command bundled with esbuild).
import { execFileSync, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatIdentityFile, generateHybridIdentity, generateX25519Identity, type AgeKeyPair } from "../../client-kit/age/index.ts";
import { bundleAgeCli } from "../../scripts/bench/bundle-age-cli.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
let dir: string;
let kollenCli: string;
let ageKeyFile: string; // made by age-keygen
let ageRecipient: string;
let ourKeyFile: string; // made by us
let ours: AgeKeyPair;

const p = (name: string) => join(dir, name);
const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

function kollen(args: string[], input?: Buffer) {
  return spawnSync(process.execPath, [kollenCli, ...args], { input, maxBuffer: 64 << 20 });
}

function ok(r: ReturnType<typeof spawnSync>) {
  expect(r.status, String(r.stderr)).toBe(0);
  return r;
}

function plaintext(size: number, name: string): string {
  const path = p(name);
  writeFileSync(path, randomBytes(size));
  return path;
}

/** age 1.1 opens -o lazily and creates no file for an empty plaintext; read that as empty. */
const shaOfAgeOutput = (path: string) => (existsSync(path) ? sha(path) : sha256Empty);
const sha256Empty = createHash("sha256").digest("hex");

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kollen-age-interop-"));
  kollenCli = await bundleAgeCli(ROOT, dir);
  ageKeyFile = p("age-keygen.txt");
  execFileSync("age-keygen", ["-o", ageKeyFile], { stdio: "ignore" });
  ageRecipient = execFileSync("age-keygen", ["-y", ageKeyFile], { encoding: "utf8" }).trim();
  ours = await generateX25519Identity();
  ourKeyFile = p("ours.txt");
  writeFileSync(ourKeyFile, formatIdentityFile(ours, new Date()));
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("age CLI interop: keys", () => {
  it("age-keygen reads our identity file and derives our recipient", () => {
    expect(execFileSync("age-keygen", ["-y", ourKeyFile], { encoding: "utf8" }).trim()).toBe(ours.recipient);
  });

  it("our identity file has age-keygen's exact layout", () => {
    const theirs = readFileSync(ageKeyFile, "utf8").split("\n");
    const mine = readFileSync(ourKeyFile, "utf8").split("\n");
    expect(mine.length).toBe(theirs.length);
    expect(mine[0]).toMatch(/^# created: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(theirs[0]).toMatch(/^# created: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    expect(mine[1]).toBe(`# public key: ${ours.recipient}`);
    expect(theirs[1]).toBe(`# public key: ${ageRecipient}`);
  });
});

describe("age CLI interop: files", () => {
  for (const size of [0, 1, 65535, 65536, 65537, 10 * 1024 * 1024]) {
    it(`size ${size}: age → kollen and kollen → age`, () => {
      const input = plaintext(size, `in-${size}.bin`);
      const digest = sha(input);

      // age encrypts to age-keygen's key; we decrypt with age-keygen's identity file.
      execFileSync("age", ["-r", ageRecipient, "-o", p("a.age"), input]);
      ok(kollen(["decrypt", "-i", ageKeyFile, "-o", p("a.out"), p("a.age")]));
      expect(sha(p("a.out"))).toBe(digest);

      // We encrypt to our key; age decrypts with our identity file.
      ok(kollen(["encrypt", "-r", ours.recipient, "-o", p("k.age"), input]));
      rmSync(p("k.out"), { force: true });
      execFileSync("age", ["-d", "-i", ourKeyFile, "-o", p("k.out"), p("k.age")]);
      expect(shaOfAgeOutput(p("k.out"))).toBe(digest);

      // Same length as age's own output: same header layout, same chunking.
      expect(readFileSync(p("k.age")).length).toBe(readFileSync(p("a.age")).length);

      // We encrypt to age-keygen's key; age decrypts with its own identity file.
      ok(kollen(["encrypt", "-r", ageRecipient, "-o", p("k2.age"), input]));
      rmSync(p("k2.out"), { force: true });
      execFileSync("age", ["-d", "-i", ageKeyFile, "-o", p("k2.out"), p("k2.age")]);
      expect(shaOfAgeOutput(p("k2.out"))).toBe(digest);
    });
  }

  it("several recipients in both directions", () => {
    const input = plaintext(100_000, "multi.bin");
    const digest = sha(input);
    ok(kollen(["encrypt", "-r", ageRecipient, "-r", ours.recipient, "-o", p("m.age"), input]));
    for (const key of [ageKeyFile, ourKeyFile]) {
      execFileSync("age", ["-d", "-i", key, "-o", p("m.out"), p("m.age")]);
      expect(sha(p("m.out"))).toBe(digest);
    }
    execFileSync("age", ["-r", ageRecipient, "-r", ours.recipient, "-o", p("m2.age"), input]);
    for (const key of [ageKeyFile, ourKeyFile]) {
      ok(kollen(["decrypt", "-i", key, "-o", p("m2.out"), p("m2.age")]));
      expect(sha(p("m2.out"))).toBe(digest);
    }
  });

  it("stdin and stdout through pipes, both ways", () => {
    const input = plaintext(3 * 65536 + 11, "pipe.bin");
    const q = (s: string) => `'${s}'`;
    const node = q(process.execPath);
    execFileSync("sh", ["-c", `cat ${q(input)} | ${node} ${q(kollenCli)} encrypt -r ${ageRecipient} | age -d -i ${q(ageKeyFile)} > ${q(p("pipe1.out"))}`]);
    expect(sha(p("pipe1.out"))).toBe(sha(input));
    execFileSync("sh", ["-c", `cat ${q(input)} | age -r ${ours.recipient} | ${node} ${q(kollenCli)} decrypt -i ${q(ourKeyFile)} > ${q(p("pipe2.out"))}`]);
    expect(sha(p("pipe2.out"))).toBe(sha(input));
    // stdin redirected from a file (the regular-file fast path) and stdout to a file.
    execFileSync("sh", ["-c", `${node} ${q(kollenCli)} encrypt -r ${ageRecipient} < ${q(input)} > ${q(p("pipe3.age"))}`]);
    execFileSync("age", ["-d", "-i", ageKeyFile, "-o", p("pipe3.out"), p("pipe3.age")]);
    expect(sha(p("pipe3.out"))).toBe(sha(input));
  });

  it("exit codes: 1 for a failed decryption, 2 for a usage error", () => {
    execFileSync("age", ["-r", ageRecipient, "-o", p("x.age"), plaintext(10, "x.bin")]);
    const wrongKey = kollen(["decrypt", "-i", ourKeyFile, "-o", p("x.out"), p("x.age")]);
    expect(wrongKey.status).toBe(1);
    expect(String(wrongKey.stderr)).toContain("AGE_NO_MATCHING_IDENTITY");
    const usage = kollen(["encrypt", p("x.bin")]);
    expect(usage.status).toBe(2);
  });

  it("a file age rejects, we reject too (tampered payload)", () => {
    execFileSync("age", ["-r", ageRecipient, "-o", p("t.age"), plaintext(70_000, "t.bin")]);
    const bytes = readFileSync(p("t.age"));
    bytes[bytes.length - 3]! ^= 0x80;
    writeFileSync(p("t-bad.age"), bytes);
    expect(spawnSync("age", ["-d", "-i", ageKeyFile, "-o", p("t1.out"), p("t-bad.age")]).status).toBe(1);
    const r = kollen(["decrypt", "-i", ageKeyFile, "-o", p("t2.out"), p("t-bad.age")]);
    expect(r.status).toBe(1);
    expect(String(r.stderr)).toContain("AGE_PAYLOAD_INVALID");
  });
});

describe("age CLI interop: post-quantum hybrid files and an age older than v1.3", () => {
  it("Debian's age 1.1.1 cannot open a hybrid file; `kollen age decrypt` is the fallback", async () => {
    const pq = await generateHybridIdentity();
    writeFileSync(p("pq.txt"), formatIdentityFile(pq, new Date()));
    const plain = plaintext(70_000, "pq.bin");
    ok(kollen(["encrypt", "-r", pq.recipient, "-o", p("pq.age"), plain]));
    const old = spawnSync("age", ["-d", "-i", p("pq.txt"), "-o", p("pq-age.out"), p("pq.age")]);
    const version = execFileSync("age", ["--version"], { encoding: "utf8" }).trim();
    // age learnt mlkem768x25519 in v1.3; an older one refuses the AGE-SECRET-KEY-PQ-1 identity.
    if (/^v?1\.[0-2]\./.test(version)) expect(old.status).not.toBe(0);
    else {
      expect(old.status).toBe(0);
      expect(sha(p("pq-age.out"))).toBe(sha(plain));
    }
    ok(kollen(["decrypt", "-i", p("pq.txt"), "-o", p("pq-kollen.out"), p("pq.age")]));
    expect(sha(p("pq-kollen.out"))).toBe(sha(plain));
  });
});
