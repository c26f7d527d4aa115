// Browser side of test/e2e/age-hybrid.test.ts, bundled with esbuild: our age (libsodium backend,
// as the pages use it) and typage (npm age-encryption) side by side in one Chromium page.
import { Decrypter, Encrypter } from "age-encryption";
import { decryptBytes, encryptBytes, generateHybridIdentity } from "../../client-kit/age/index.ts";
import { pseudoRandom } from "../client-kit/age/pseudo-random.ts";

async function hex(bytes: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  return Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The stanza types named in an age header (the lines starting "-> "). */
function stanzaTypes(file: Uint8Array): string[] {
  const head = new TextDecoder("latin1").decode(file.subarray(0, 4096));
  return head.split("\n").filter((l) => l.startsWith("-> ")).map((l) => l.split(" ")[1]!);
}

/** One round trip each way at `size` bytes; digests and stanza types for the test to compare. */
async function hybridRoundTrip(size: number) {
  const pair = (await generateHybridIdentity());
  const plain = pseudoRandom(size, size + 11);
  const ours = await encryptBytes([pair.recipient], plain);
  const d = new Decrypter();
  d.addIdentity(pair.identity);
  const byTypage = await d.decrypt(ours);
  const e = new Encrypter();
  e.addRecipient(pair.recipient);
  const theirs = await e.encrypt(plain);
  const byUs = await decryptBytes([pair.identity], theirs);
  return {
    plain: await hex(plain),
    byTypage: await hex(byTypage),
    byUs: await hex(byUs),
    ourStanzas: stanzaTypes(ours),
    theirStanzas: stanzaTypes(theirs),
  };
}

Object.assign(globalThis, { hybridRoundTrip });
