/**
 * Regenerates the golden package vectors in test/vectors/packages/ (docs/FORMAT.md §Test vectors).
 * Keys are made once and kept; packages are rebuilt from them. Run: npm run vectors
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { generateX25519Identity, formatIdentityFile, recipientKeyId, setDefaultAgeBackend } from "../client-kit/age/index.ts";
import { nodeBackend } from "../client-kit/age/backend.node.ts";
import { buildPackage } from "../client-kit/package/build.ts";
import { readTar, writeTar } from "../client-kit/lib/tar.ts";

setDefaultAgeBackend(nodeBackend);
const DIR = "test/vectors/packages";
const KEYS = join(DIR, "keys");
const enc = new TextEncoder();
const result = await readFile("examples/result-infosakkollen.json");
const ORG = (JSON.parse(result.toString("utf8")) as { organisation: string }).organisation;

async function signerKey(name: string): Promise<JWK> {
  const path = join(KEYS, `${name}.private.jwk`);
  if (existsSync(path)) return JSON.parse(await readFile(path, "utf8")) as JWK;
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const priv = { ...(await exportJWK(privateKey)), kollen_org: ORG };
  const pub = { ...(await exportJWK(publicKey)), kollen_org: ORG };
  await writeFile(path, `${JSON.stringify(priv, null, 2)}\n`);
  await writeFile(join(KEYS, `${name}.public.jwk`), `${JSON.stringify(pub, null, 2)}\n`);
  return priv;
}

async function identity(name: string): Promise<{ identity: string; recipient: string }> {
  const path = join(KEYS, `${name}.agekey`);
  if (existsSync(path)) {
    const text = await readFile(path, "utf8");
    return { identity: text.split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-1"))!, recipient: /# public key: (\S+)/.exec(text)![1]! };
  }
  const pair = await generateX25519Identity();
  await writeFile(path, formatIdentityFile(pair, new Date("2026-11-29T00:00:00Z")));
  return pair;
}

await mkdir(KEYS, { recursive: true });
for (const f of await readdir(DIR)) if (f.endsWith(".kollen") || f.endsWith(".expect")) await rm(join(DIR, f));

const preparer = await signerKey("preparer");
const management = await signerKey("management");
const stranger = await signerKey("stranger");
const current = await identity("authority-current");
const retired = await identity("authority-retired");
const keyring = {
  recipients: [
    { id: await recipientKeyId(current.recipient), recipient: current.recipient, status: "current" },
    { id: await recipientKeyId(retired.recipient), recipient: retired.recipient, status: "retired" },
  ],
};
await writeFile(join(KEYS, "keyring.json"), `${JSON.stringify(keyring, null, 2)}\n`);
await writeFile(join(KEYS, "README.md"), "Test-only keys for the golden vectors. Never use them for anything else.\n");

const now = new Date("2026-11-29T09:00:00.000Z");
const model = JSON.parse(result.toString("utf8")).model as { id: string; sha256: string };
const base = { result: new Uint8Array(result), organisation: ORG, campaign: "2026-infosak", surveyModel: model, now };
const sign = (...keys: JWK[]) => keys.map((privateJwk) => ({ kind: "jwk" as const, privateJwk }));

async function vector(name: string, bytes: Uint8Array, expect: string, open: string, comment: string) {
  await writeFile(join(DIR, `${name}.kollen`), bytes);
  await writeFile(join(DIR, `${name}.expect`), `# ${comment}\nexpect: ${expect}\nopen: ${open}\n`);
}
const members = (b: Uint8Array) => readTar(b, "PACKAGE_NOT_TAR").map((e) => ({ name: e.header.name, bytes: e.bytes.slice() }));

const valid = await buildPackage({ ...base, signers: sign(preparer, management), recipients: [current.recipient], packageId: "0b6f1c2e-4a5d-4e8f-9a1b-2c3d4e5f6a7b" });
await vector("valid-two-signers", valid, "PASSED", "ok", "preparer and management countersignature, sealed to the current key");
await vector("valid-umbrella", await buildPackage({ ...base, covers: ["2021005489"], signers: sign(preparer), recipients: [current.recipient] }), "PASSED", "ok", "an umbrella submission covering one other organisation");
await vector("unknown-signer", await buildPackage({ ...base, signers: sign(preparer, stranger), recipients: [current.recipient] }), "INDETERMINATE SIGNER_UNKNOWN", "-", "a countersigner nobody registered");
await vector("retired-recipient", await buildPackage({ ...base, signers: sign(preparer), recipients: [retired.recipient] }), "FAILED RECIPIENT_RETIRED", "-", "sealed to a retired authority key");

const m = members(valid);
const flipped = valid.slice();
flipped[512 + 30]! ^= 1;
await vector("manifest-flipped", flipped, "FAILED SIGNATURE_INVALID", "-", "one bit of manifest.json flipped");
const payloadFlip = valid.slice();
payloadFlip[valid.length - 2048]! ^= 1;
await vector("payload-flipped", payloadFlip, "FAILED PAYLOAD_DIGEST_MISMATCH", "-", "one bit of payload.age flipped");
await vector("truncated", valid.subarray(0, valid.length - 700), "ERROR PACKAGE_TRUNCATED", "-", "the last 700 bytes are missing");
await vector("reordered", writeTar([m[1]!, m[0]!, m[2]!], 0), "ERROR PACKAGE_MEMBER_ORDER", "-", "manifest.jws before manifest.json");
await vector("extra-member", writeTar([...m, { name: "notes.txt", bytes: enc.encode("hej") }], 0), "ERROR PACKAGE_MEMBER_EXTRA", "-", "a fourth member");
const other = await buildPackage({ ...base, signers: sign(preparer, management), recipients: [current.recipient] });
await vector("payload-swapped", writeTar([m[0]!, m[1]!, members(other)[2]!], 0), "FAILED PAYLOAD_DIGEST_MISMATCH", "-", "another package's payload under this manifest");
console.log(`vectors written to ${DIR}`);
