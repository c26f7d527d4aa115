/**
 * `kollen admin keyring sign DRAFT.json --keyring-key FILE [-o OUT]`: the authority's offline step
 * of a key rotation or of the move to post-quantum keys (docs/OPERATIONS.md): a keyring draft —
 * the kollen-keyring/1 payload, where each recipient's `id` and `type` may be left out — becomes a
 * keyring JWS signed with the keyring key. Needs no data folder; the result is installed on the
 * server with `kollen admin keyring install`.
 *
 * Missing ids and types are filled in from the recipient itself (`type` mlkem768x25519 for an
 * `age1pq1…` key); given ones must match. The keyring's rules (docs/FORMAT.md §Keyring, Y1–Y3:
 * one recipient type live at any instant) are checked before anything is signed.
 */
import { readFile, writeFile } from "node:fs/promises";
import { KollenError } from "../../schemas/errors.ts";
import { parseStrictJson } from "../../schemas/strict-json.ts";
import { createKeyring, keyringEntry, type KeyringPayload, type KeyringRecipient } from "../../keys/keyring.ts";
import { parseSignerJwk } from "../../keys/signer.ts";
import { EXIT_OK, UsageError, parseCommandArgs, type Command } from "../../client-kit/cli/io.node.ts";

const USAGE = "kollen admin keyring sign DRAFT.json --keyring-key FILE [-o OUT]";

type Draft = Omit<KeyringPayload, "recipients" | "issuedAt"> & {
  issuedAt?: string;
  recipients: Array<Omit<KeyringRecipient, "id"> & { id?: string }>;
};

/** Fills in each recipient's key id and type; a given id or type must be the recipient's own. */
async function complete(draft: Draft, now: Date): Promise<KeyringPayload> {
  if (typeof draft !== "object" || draft === null || !Array.isArray(draft.recipients)) {
    throw new KollenError("KEYRING_INVALID", "the draft is not a kollen-keyring/1 payload with recipients");
  }
  const recipients = await Promise.all(
    draft.recipients.map(async (r, i) => {
      const { id, type, recipient, ...window } = r;
      const entry = await keyringEntry(recipient, window);
      if (id !== undefined && id !== entry.id) throw new KollenError("KEYRING_INVALID", `recipients.${i}.id is not the key id of its recipient`);
      if (type !== undefined && type !== (entry.type ?? "X25519")) throw new KollenError("KEYRING_INVALID", `recipients.${i}.type is not its recipient's type`);
      return type === undefined ? entry : { ...entry, type };
    }),
  );
  return { ...draft, issuedAt: draft.issuedAt ?? now.toISOString(), recipients };
}

/** `kollen admin keyring sign …` */
export const keyringSign: Command = async (argv) => {
  const { values, positionals } = parseCommandArgs(
    argv,
    { "keyring-key": { type: "string" }, output: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`usage: ${USAGE}\n`);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError("give one keyring draft (JSON)", USAGE);
  if (!values["keyring-key"]) throw new UsageError("missing --keyring-key FILE (the authority's private keyring key, a JWK)", USAGE);
  let draft: Draft;
  try {
    draft = parseStrictJson(await readFile(positionals[0]!)) as Draft;
  } catch (e) {
    throw new KollenError("KEYRING_INVALID", "the keyring draft is not strict JSON", { cause: e });
  }
  const payload = await complete(draft, new Date());
  const jws = await createKeyring(payload, parseSignerJwk(await readFile(values["keyring-key"], "utf8")));
  if (values.output) await writeFile(values.output, `${jws}\n`, { flag: "wx" });
  else process.stdout.write(`${jws}\n`);
  const summary = payload.recipients.map((r) => `${r.id} ${r.type ?? "X25519"} ${r.status}${r.from ? ` from ${r.from}` : ""}${r.until ? ` until ${r.until}` : ""}`);
  process.stderr.write(`kollen: signed keyring of ${payload.authority.name}: ${summary.join("; ")}\n`);
  return EXIT_OK;
};
