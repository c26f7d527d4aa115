// `kollen age encrypt|decrypt` in-process on files: round trips, output handling and the
// usage/failure split of exit codes (the interop suite runs the built command against `age`).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { age } from "../../../client-kit/cli/age.node.ts";
import { UsageError } from "../../../client-kit/cli/io.node.ts";
import { formatIdentityFile, generateHybridIdentity, generateX25519Identity, type AgeKeyPair } from "../../../client-kit/age/index.ts";
import { setDefaultAgeBackend } from "../../../client-kit/age/default-backend.ts";
import { sodiumBackend } from "../../../client-kit/age/backend.sodium.ts";
import { pseudoRandom, sameBytes } from "./helpers.ts";

let dir: string;
let pair: AgeKeyPair;
let keyFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kollen-age-cli-"));
  pair = await generateX25519Identity();
  keyFile = join(dir, "key.txt");
  writeFileSync(keyFile, formatIdentityFile(pair, new Date()));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  setDefaultAgeBackend(sodiumBackend); // the command selects the node backend for the process
});

const p = (name: string) => join(dir, name);

describe("kollen age", () => {
  it("round-trips files of several sizes, with -r and -R", async () => {
    const other = await generateX25519Identity();
    writeFileSync(p("recipients.txt"), `# team\n${other.recipient}\r\n\n`);
    for (const size of [0, 1, 65536, 200_000]) {
      const plain = pseudoRandom(size, size + 3);
      writeFileSync(p("in.bin"), plain);
      expect(await age(["encrypt", "-r", pair.recipient, "-R", p("recipients.txt"), "-o", p("in.age"), p("in.bin")])).toBe(0);
      expect(await age(["decrypt", "-i", keyFile, "-o", p("out.bin"), p("in.age")])).toBe(0);
      expect(sameBytes(readFileSync(p("out.bin")), plain)).toBe(true);
      writeFileSync(p("other.txt"), formatIdentityFile(other, new Date()));
      expect(await age(["decrypt", "-i", p("other.txt"), "-o", p("out2.bin"), p("in.age")])).toBe(0);
      expect(sameBytes(readFileSync(p("out2.bin")), plain)).toBe(true);
    }
  });

  it("round-trips with a post-quantum hybrid key and refuses to mix it with an X25519 one", async () => {
    const pq = (await generateHybridIdentity());
    writeFileSync(p("pq.txt"), formatIdentityFile(pq, new Date()));
    writeFileSync(p("pq-recipients.txt"), `${pq.recipient}\n`);
    const plain = pseudoRandom(70_000, 9);
    writeFileSync(p("in.bin"), plain);
    expect(await age(["encrypt", "-R", p("pq-recipients.txt"), "-o", p("pq.age"), p("in.bin")])).toBe(0);
    expect(readFileSync(p("pq.age")).toString("latin1")).toContain("\n-> mlkem768x25519 ");
    expect(await age(["decrypt", "-i", keyFile, "-i", p("pq.txt"), "-o", p("pq.out"), p("pq.age")])).toBe(0);
    expect(sameBytes(readFileSync(p("pq.out")), plain)).toBe(true);
    await expect(age(["encrypt", "-r", pair.recipient, "-R", p("pq-recipients.txt"), "-o", p("mixed.age"), p("in.bin")])).rejects.toMatchObject({ code: "AGE_RECIPIENTS_MIXED" });
    expect(existsSync(p("mixed.age"))).toBe(false);
  });

  it("overwrites an existing output like age does", async () => {
    writeFileSync(p("in.bin"), "new content");
    writeFileSync(p("exists.age"), "old");
    expect(await age(["encrypt", "-r", pair.recipient, "-o", p("exists.age"), p("in.bin")])).toBe(0);
    expect(readFileSync(p("exists.age")).subarray(0, 21).toString()).toBe("age-encryption.org/v1");
  });

  it("leaves no output behind when decryption fails", async () => {
    writeFileSync(p("in.bin"), pseudoRandom(150_000, 1));
    await age(["encrypt", "-r", pair.recipient, "-o", p("good.age"), p("in.bin")]);
    const bad = readFileSync(p("good.age"));
    bad[bad.length - 5]! ^= 1; // last chunk: the first two chunks decrypt and are written first
    writeFileSync(p("bad.age"), bad);
    await expect(age(["decrypt", "-i", keyFile, "-o", p("partial.bin"), p("bad.age")])).rejects.toMatchObject({ code: "AGE_PAYLOAD_INVALID" });
    expect(existsSync(p("partial.bin"))).toBe(false);

    const stranger = await generateX25519Identity();
    writeFileSync(p("stranger.txt"), formatIdentityFile(stranger, new Date()));
    await expect(age(["decrypt", "-i", p("stranger.txt"), "-o", p("never.bin"), p("good.age")])).rejects.toMatchObject({ code: "AGE_NO_MATCHING_IDENTITY" });
    expect(existsSync(p("never.bin"))).toBe(false);
  });

  it("reports bad keys and missing files as failures (exit 1 codes), not usage errors", async () => {
    writeFileSync(p("in.bin"), "x");
    await expect(age(["encrypt", "-r", "age1bogus", "-o", p("x.age"), p("in.bin")])).rejects.toMatchObject({ code: "AGE_RECIPIENT_INVALID" });
    writeFileSync(p("notakey.txt"), "hello\n");
    await expect(age(["decrypt", "-i", p("notakey.txt"), p("in.bin")])).rejects.toMatchObject({ code: "AGE_IDENTITY_INVALID" });
    await expect(age(["decrypt", "-i", keyFile, "-o", p("y.bin"), p("in.bin")])).rejects.toMatchObject({ code: "AGE_HEADER_INVALID" });
    await expect(age(["encrypt", "-r", pair.recipient, "-o", p("z.age"), p("missing.bin")])).rejects.toMatchObject({ code: "ENOENT" });
    expect(existsSync(p("z.age"))).toBe(false);
  });

  it("usage errors: no subcommand, unknown options, missing keys, two inputs", async () => {
    const calls: string[][] = [
      [],
      ["frobnicate"],
      ["encrypt", "-o", p("a.age"), p("in.bin")],
      ["encrypt", "-r", pair.recipient, "--armor", p("in.bin")],
      ["encrypt", "-r", pair.recipient, "-o", p("a.age"), p("in.bin"), p("in.bin")],
      ["decrypt", "-o", p("a.bin"), p("in.bin")],
      ["decrypt", "-i", keyFile, "-o", p("a.bin"), p("in.bin"), p("in.bin")],
    ];
    for (const argv of calls) await expect(age(argv), argv.join(" ")).rejects.toBeInstanceOf(UsageError);
  });
});
