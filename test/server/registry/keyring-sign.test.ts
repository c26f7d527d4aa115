// `kollen admin keyring sign` (offline) and `kollen admin keyring install`: the move to
// post-quantum keys as docs/OPERATIONS.md describes it — a draft with the X25519 key ending where
// the hybrid key begins is signed (ids and the hybrid type filled in), installed, and hands out one
// recipient type at a time; a draft with both types live at once is refused before signing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { generateHybridIdentity, generateX25519Identity } from "../../../client-kit/age/index.ts";
import { reportError } from "../../../client-kit/cli/io.node.ts";
import { DEV_KEYRING_PRIVATE_JWK } from "../../../keys/dev/index.ts";
import { currentRecipients, recipientKeyId, verifyKeyring } from "../../../keys/keyring.ts";
import { PINNED_KEYRING_KEYS } from "../../../keys/published/index.ts";
import { admin } from "../../../server/cli/admin.node.ts";

let dir: string;
let err: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kollen-keyring-sign-"));
  err = [];
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation((s) => (err.push(String(s)), true));
  writeFileSync(join(dir, "keyring-key.jwk"), JSON.stringify(DEV_KEYRING_PRIVATE_JWK));
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<number> {
  try {
    return await admin(argv);
  } catch (e) {
    return reportError(e);
  }
}

const draft = (recipients: unknown[]) => ({ format: "kollen-keyring/1", authority: { name: "MCF", id: "mcf" }, issuedAt: "2026-08-01T00:00:00Z", recipients });

describe("kollen admin keyring sign", () => {
  it("signs the migration keyring offline; installed, it hands out X25519 before the switch and hybrid after", async () => {
    const x = (await generateX25519Identity()).recipient;
    const pq = (await generateHybridIdentity()).recipient;
    writeFileSync(
      join(dir, "draft.json"),
      JSON.stringify(draft([
        { recipient: x, status: "current", until: "2026-09-01T00:00:00Z" },
        { recipient: pq, status: "current", from: "2026-09-01T00:00:00Z" },
      ])),
    );
    const out = join(dir, "keyring.jws");
    expect(await run(["keyring", "sign", join(dir, "draft.json"), "--keyring-key", join(dir, "keyring-key.jwk"), "-o", out])).toBe(0);
    const keyring = await verifyKeyring(readFileSync(out, "utf8"), PINNED_KEYRING_KEYS);
    expect(keyring.recipients[1]).toEqual({ id: await recipientKeyId(pq), recipient: pq, type: "mlkem768x25519", status: "current", from: "2026-09-01T00:00:00Z" });
    expect(currentRecipients(keyring, new Date("2026-08-31T12:00:00Z")).map((r) => r.recipient)).toEqual([x]);
    expect(currentRecipients(keyring, new Date("2026-09-01T00:00:00Z")).map((r) => r.recipient)).toEqual([pq]);

    expect(await run(["init", "--data", join(dir, "data"), "--keyring", out, "--authority", "MCF"])).toBe(0);
    expect(await run(["keyring", "install", out, "--data", join(dir, "data")])).toBe(0);
  });

  it("refuses a draft with both types live at once, and a wrong type, before signing anything", async () => {
    const x = (await generateX25519Identity()).recipient;
    const pq = (await generateHybridIdentity()).recipient;
    const cases = [
      draft([{ recipient: x, status: "current" }, { recipient: pq, status: "current" }]),
      draft([{ recipient: pq, type: "X25519", status: "current" }]),
      draft([{ recipient: x, id: "0000000000000000", status: "current" }]),
    ];
    for (const [i, d] of cases.entries()) {
      writeFileSync(join(dir, `bad${i}.json`), JSON.stringify(d));
      expect(await run(["keyring", "sign", join(dir, `bad${i}.json`), "--keyring-key", join(dir, "keyring-key.jwk"), "-o", join(dir, `bad${i}.jws`)])).toBe(1);
      expect(err.join("")).toContain("[KEYRING_INVALID]");
      expect(() => readFileSync(join(dir, `bad${i}.jws`))).toThrow();
    }
    expect(await run(["keyring", "sign", join(dir, "bad0.json")])).toBe(2);
  });
});
