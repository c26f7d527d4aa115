/** The Node data folder: receipt-key rotation keeps old receipts verifiable; the start-up sweep removes crash leftovers only. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDataDir, loadKeys, rotateReceiptKey } from "../../../server/node/data-dir.node.ts";
import { openDataDir } from "../../../server/node/deps.node.ts";
import { signReceipt } from "../../../server/receipts/sign.ts";
import { verifyReceipt } from "../../../server/receipts/verify.ts";
import { submissions } from "../../../server/db/schema.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kollen-data-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const claims = { submissionId: "0b6f1c1e-3c5e-4d1a-9a7e-2f1e3b0c9d11", packageSha256: "d".repeat(64), organisation: "2120000142", campaign: "c", receivedAt: "2026-03-01T10:00:00.000Z", status: "verified", reasons: [], authority: "MSB" };

describe("data folder", () => {
  it("rotating the receipt key keeps old receipts verifiable", async () => {
    const config = await createDataDir(dir, { issuer: "https://kollen.test" });
    const before = await loadKeys(dir);
    const old = await signReceipt(before, config, claims);
    const r = await rotateReceiptKey(dir);
    const after = await loadKeys(dir);
    expect(r.retired).toBe(before.receipt.kid);
    expect(after.receipt.kid).toBe(r.current);
    expect(after.receipt.kid).not.toBe(before.receipt.kid);
    expect(after.publicJwks.map((k) => k.kid)).toEqual([r.current, r.retired]);
    expect(await verifyReceipt(after, config, old)).toMatchObject({ submissionId: claims.submissionId });
    const fresh = await signReceipt(after, config, claims);
    expect(fresh).not.toBe(old);
    expect(await verifyReceipt(before, config, fresh)).toBeUndefined();
  });

  it("the start-up sweep removes temporary and unreferenced blobs, never referenced ones, and only when asked", async () => {
    await createDataDir(dir, {});
    const { deps, close } = await openDataDir(dir);
    await deps.db.orm.insert(submissions).values({ id: "kept", packageSha256: "e".repeat(64), organisation: "2120000142", campaign: "c", createdAt: new Date(), receivedAt: new Date(), status: "verified", via: "upload", blobKey: "submissions/kept.kollen" });
    close();
    mkdirSync(join(dir, "blobs/submissions"), { recursive: true });
    writeFileSync(join(dir, "blobs/submissions/kept.kollen"), "x");
    writeFileSync(join(dir, "blobs/submissions/orphan.kollen"), "x");
    writeFileSync(join(dir, "blobs/tmp/0b6f1c1e-3c5e-4d1a-9a7e-2f1e3b0c9d11.part"), "x");

    (await openDataDir(dir)).close(); // an admin command: touches nothing
    expect(readdirSync(join(dir, "blobs/submissions")).sort()).toEqual(["kept.kollen", "orphan.kollen"]);
    expect(readdirSync(join(dir, "blobs/tmp"))).toHaveLength(1);

    (await openDataDir(dir, { sweep: true })).close(); // the server at start
    expect(readdirSync(join(dir, "blobs/submissions"))).toEqual(["kept.kollen"]);
    expect(readdirSync(join(dir, "blobs/tmp"))).toEqual([]);
    expect(existsSync(join(dir, "kollen.sqlite"))).toBe(true);
  });
});
