// The cost of one age header per recipient type, for `npm run bench:kit`: sealing (a fresh file
// key wrapped to one recipient, header MAC) and opening (unwrap, MAC check) an empty file, X25519
// against the post-quantum hybrid mlkem768x25519, on both backends. The payload is the same
// STREAM for both types, so this is the whole difference a hybrid recipient makes.
// Run: node scripts/run-ts.mjs scripts/bench/age-header.ts [--ops N]
import { nodeBackend } from "../../client-kit/age/backend.node.ts";
import { sodiumBackend } from "../../client-kit/age/backend.sodium.ts";
import { decryptBytes, encryptBytes, generateHybridIdentity, generateX25519Identity, type AgeBackend, type AgeKeyPair } from "../../client-kit/age/index.ts";
import { wrapHybrid, unwrapHybrid } from "../../client-kit/age/lib/mlkem768x25519.ts";
import { unwrapX25519, wrapX25519 } from "../../client-kit/age/lib/x25519.ts";
import { parseAgeIdentity, parseAgeRecipient } from "../../keys/age-keys.ts";
import { numberOption } from "./options.mjs";

const OPS = numberOption("--ops", 200);
const empty = new Uint8Array(0);

const us = (v: number) => `${v.toFixed(0).padStart(5)} µs`;

/** Mean µs per call of the best of 5 batches (the machine is shared: the best batch is the least disturbed). */
async function time(ops: number, f: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(20, ops); i++) await f(); // warm-up: JIT, WASM, key caches
  const batch = Math.max(1, Math.ceil(ops / 5));
  let best = Infinity;
  for (let b = 0; b < 5; b++) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) await f();
    best = Math.min(best, ((performance.now() - start) * 1000) / batch);
  }
  return best;
}

/** One stanza alone: wrap a file key to the recipient, unwrap it with the identity. */
async function stanza(backend: AgeBackend, pair: AgeKeyPair) {
  const fileKey = new Uint8Array(16).fill(7);
  const r = parseAgeRecipient(pair.recipient);
  const id = parseAgeIdentity(pair.identity);
  if (r.type === "X25519") {
    const x = { secret: id.secret, recipient: r.publicKey };
    const s = await wrapX25519(backend, r.publicKey, fileKey);
    return { wrap: await time(OPS, () => wrapX25519(backend, r.publicKey, fileKey)), unwrap: await time(OPS, () => unwrapX25519(backend, x, s)) };
  }
  const s = await wrapHybrid(backend, r.publicKey, fileKey);
  return { wrap: await time(OPS, () => wrapHybrid(backend, r.publicKey, fileKey)), unwrap: await time(OPS, () => unwrapHybrid(backend, id.secret, s)) };
}

async function measure(backend: AgeBackend, pair: AgeKeyPair) {
  const file = await encryptBytes([pair.recipient], empty, { backend });
  const seal = await time(OPS, () => encryptBytes([pair.recipient], empty, { backend }));
  const open = await time(OPS, () => decryptBytes([pair.identity], file, { backend }));
  // header = the file minus the 16-byte payload nonce and the one empty 16-byte chunk
  return { seal, open, ...(await stanza(backend, pair)), headerBytes: file.length - 32, recipientChars: pair.recipient.length };
}

const types: Array<[string, AgeKeyPair]> = [
  ["X25519", await generateX25519Identity({ backend: nodeBackend })],
  ["mlkem768x25519", (await generateHybridIdentity())],
];
const lines = [
  `age header per recipient type — best of 5 batches of ${Math.ceil(OPS / 5)} ops: one stanza (wrap, unwrap), and a whole empty file to one recipient (seal, open)`,
];
for (const backend of [nodeBackend, sodiumBackend]) {
  const rows = [];
  for (const [name, pair] of types) rows.push({ name, ...(await measure(backend, pair)) });
  for (const r of rows) {
    lines.push(
      `  ${backend.name.padEnd(6)} ${r.name.padEnd(15)} wrap ${us(r.wrap)}  unwrap ${us(r.unwrap)}  seal ${us(r.seal)}  open ${us(r.open)}  ` +
        `header ${String(r.headerBytes).padStart(4)} B  recipient ${String(r.recipientChars).padStart(4)} chars`,
    );
  }
  const [x, pq] = rows;
  const ratio = (k: "wrap" | "unwrap" | "seal" | "open") => `${k} ${(pq![k] / x![k]).toFixed(1)}×`;
  lines.push(`  ${backend.name.padEnd(6)} hybrid/X25519: ${ratio("wrap")}, ${ratio("unwrap")}, ${ratio("seal")}, ${ratio("open")}`);
}
console.log(lines.join("\n"));
