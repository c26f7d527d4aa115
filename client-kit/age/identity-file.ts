/**
 * The identity file layout written by `age-keygen` and read by `age -i`: `#` comment lines,
 * blank lines, and one `AGE-SECRET-KEY-1…` (or, from `age-keygen -pq`, `AGE-SECRET-KEY-PQ-1…`)
 * per line.
 *
 *     # created: 2006-01-02T15:04:05Z07:00
 *     # public key: age1…
 *     AGE-SECRET-KEY-1…
 */
import { KollenError } from "../../schemas/errors.ts";
import type { AgeKeyPair } from "./identity.ts";
import { parseAgeIdentity, parseAgeRecipient } from "../../keys/age-keys.ts";

/**
 * Returns the identities of an identity file; comments and blank lines are skipped, a CR
 * before LF is tolerated. Throws AGE_IDENTITY_INVALID (naming the line, never its content)
 * for any other line or when the file holds no identity.
 *
 * @example
 * parseIdentityFile(await readFile("key.txt", "utf8")); // ["AGE-SECRET-KEY-1…"]
 */
export function parseIdentityFile(text: string): string[] {
  const out: string[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.endsWith("\r") ? lines[i]!.slice(0, -1) : lines[i]!;
    if (line === "" || line.startsWith("#")) continue;
    try {
      parseAgeIdentity(line);
    } catch (e) {
      throw new KollenError("AGE_IDENTITY_INVALID", `identity file line ${i + 1} is not an age identity`, { cause: e });
    }
    out.push(line);
  }
  if (out.length === 0) throw new KollenError("AGE_IDENTITY_INVALID", "identity file holds no identity");
  return out;
}

/**
 * Formats a key pair exactly as `age-keygen` writes it (creation time in UTC, seconds).
 *
 * @example
 * formatIdentityFile(pair, new Date()); // "# created: 2026-01-02T15:04:05Z\n# public key: age1…\nAGE-SECRET-KEY-1…\n"
 */
export function formatIdentityFile(pair: AgeKeyPair, createdAt: Date): string {
  if (parseAgeIdentity(pair.identity).type !== parseAgeRecipient(pair.recipient).type) {
    throw new KollenError("BAD_INPUT", "identity and recipient are of different age key types");
  }
  if (Number.isNaN(createdAt.getTime())) throw new KollenError("BAD_INPUT", "identity file creation time is not a valid date");
  const created = `${createdAt.toISOString().slice(0, 19)}Z`;
  return `# created: ${created}\n# public key: ${pair.recipient}\n${pair.identity}\n`;
}
