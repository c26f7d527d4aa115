/**
 * Initialising a data folder: the database, the receipt key and the authority's keyring.
 *
 * Production: the authority's keyring JWS (signed offline by its keyring key) with `--keyring FILE`,
 * or its recipients with `--recipient age1…` signed here by `--keyring-key FILE`.
 * Development (no keyring given): a DEV authority identity is generated beside the data and the
 * keyring is signed with the DEV keyring key that this development tree pins — said loudly.
 */
import { writeFile } from "node:fs/promises";
import type { JWK } from "jose";
import { KollenError } from "../../schemas/errors.ts";
import { createKeyring, keyringEntry, type KeyringPayload } from "../../keys/keyring.ts";
import { DEV_KEYRING_PRIVATE_JWK } from "../../keys/dev/index.ts";
import { PINNED_KEYRING_KEYS, PINS_DEV_KEY } from "../../keys/published/index.ts";
import { parseSignerJwk } from "../../keys/signer.ts";
import { formatIdentityFile, generateX25519Identity } from "../../client-kit/age/index.ts";
import { useNodeCrypto } from "../../client-kit/cli/node-crypto.node.ts";
import { createDataDir, isInitialised, paths, type ConfigFile } from "../node/data-dir.node.ts";
import { openDataDir } from "../node/deps.node.ts";
import { installKeyring } from "../registry/install-keyring.ts";

export interface InitOptions {
  authorityName?: string;
  authorityId?: string;
  issuer?: string;
  recipients?: string[];
  keyringJws?: string;
  /** private Ed25519 JWK text of the keyring key, to sign `recipients` */
  keyringKeyText?: string;
}

const BANNER = [
  "",
  "  ************************************************************************",
  "  *  DEVELOPMENT SETUP — NOT FOR PRODUCTION                               *",
  "  *  A DEV authority identity was generated and stored beside the data:  *",
  "  *  anyone with that file can read every package sealed to it, and the  *",
  "  *  keyring is signed with the DEV keyring key that is public in git.   *",
  "  ************************************************************************",
  "",
].join("\n");

/**
 * Initialises `dir`. Returns what was made; `devRecipient` is set for a DEV setup.
 * @example await initDataDir("./data", { keyringJws })
 */
async function initDataDir(dir: string, opts: InitOptions): Promise<{ config: ConfigFile; devRecipient?: string; devIdentityPath?: string }> {
  if (isInitialised(dir)) throw new KollenError("OUTPUT_EXISTS", `${dir} is already initialised`);
  useNodeCrypto();
  const now = new Date();
  const dev = !opts.keyringJws && !(opts.recipients && opts.recipients.length > 0);
  const authorityName = opts.authorityName ?? (dev ? "MSB (DEV)" : "MSB");

  let keyringJws = opts.keyringJws;
  let devRecipient: string | undefined;
  let devIdentity: string | undefined;
  if (!keyringJws) {
    let recipients = opts.recipients ?? [];
    let signingKey: JWK;
    if (dev) {
      const pair = await generateX25519Identity();
      devRecipient = pair.recipient;
      devIdentity = formatIdentityFile(pair, now);
      recipients = [pair.recipient];
    }
    if (opts.keyringKeyText) signingKey = parseSignerJwk(opts.keyringKeyText);
    else if (PINS_DEV_KEY) signingKey = DEV_KEYRING_PRIVATE_JWK as JWK;
    else throw new KollenError("KEYRING_KEY_UNKNOWN", "sign the recipient list with the authority's keyring key (--keyring-key FILE) or give a signed keyring (--keyring FILE)");
    const payload: KeyringPayload = {
      format: "kollen-keyring/1",
      authority: { name: authorityName, id: opts.authorityId ?? (dev ? "dev" : "authority") },
      issuedAt: now.toISOString(),
      recipients: await Promise.all(recipients.map((recipient) => keyringEntry(recipient))),
    };
    keyringJws = await createKeyring(payload, signingKey);
  }

  const config = await createDataDir(dir, { authorityName, issuer: opts.issuer ?? `urn:uuid:${crypto.randomUUID()}`, dev });
  const { deps, close } = await openDataDir(dir);
  try {
    await installKeyring(deps.db, keyringJws, PINNED_KEYRING_KEYS as JWK[], now, "init");
  } finally {
    close();
  }
  if (devIdentity) {
    const path = paths(dir).devIdentity;
    await writeFile(path, devIdentity, { flag: "wx", mode: 0o600 });
    return { config, devRecipient: devRecipient!, devIdentityPath: path };
  }
  return { config };
}

/** DEV initialisation as `npm start` does it: prints the banner and the DEV recipient on its own line. */
export async function initDevDataDir(dir: string, opts: InitOptions): Promise<void> {
  const r = await initDataDir(dir, opts);
  process.stderr.write(`kollen: initialised ${dir}\n`);
  if (r.devRecipient) {
    process.stderr.write(BANNER);
    process.stderr.write(`  DEV authority identity: ${r.devIdentityPath}\n  DEV authority recipient (public key):\n`);
    process.stdout.write(`${r.devRecipient}\n`);
    process.stderr.write("\n");
  }
}
