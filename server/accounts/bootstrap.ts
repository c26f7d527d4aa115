/**
 * The first admin through a one-time bootstrap secret (issue 11): the operator sets a long random
 * secret (`BOOTSTRAP_TOKEN` on Workers, `KOLLEN_BOOTSTRAP_TOKEN` for `kollen serve`), and the first
 * call with it creates the first admin with the username and password chosen then (through the
 * password policy) and logs it in. From then on the secret opens nothing.
 *
 * Exactly once, also across Workers isolates and processes: the account is written in one batch with
 * a marker row (`settings` key `bootstrap.used`, a primary key), so of two concurrent uses one batch
 * commits and the other fails as a whole — it is then answered BOOTSTRAP_USED. Once any account
 * exists (made with `kollen admin user add`, say) the secret is refused the same way.
 */
import { eq } from "drizzle-orm";
import { sha256Hex } from "../../encoding/sha256.ts";
import { KollenError } from "../../schemas/errors.ts";
import { appendAudit } from "../audit/log.ts";
import { settings, users } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { insertUser, prepareUser } from "./add-user.ts";
import type { SessionUser } from "./session-user.ts";

/** The `settings` key whose row says the secret was used (value: when, and the account made). */
export const BOOTSTRAP_MARKER = "bootstrap.used";
/** The shortest secret a server accepts at start: 32 characters (`openssl rand -base64 32` gives 44). */
export const MIN_BOOTSTRAP_TOKEN_LENGTH = 32;
const MAX_BOOTSTRAP_TOKEN_LENGTH = 512;
/** What a usable secret is, for the start-up refusals of both runtimes. */
export const BOOTSTRAP_TOKEN_RULE = `must be ${MIN_BOOTSTRAP_TOKEN_LENGTH}–${MAX_BOOTSTRAP_TOKEN_LENGTH} printable characters (openssl rand -base64 32)`;

const digest = (s: string) => sha256Hex(new TextEncoder().encode(s));

/** True when `token` is a bootstrap secret a server may start with. */
export function isUsableBootstrapToken(token: string): boolean {
  return token.length >= MIN_BOOTSTRAP_TOKEN_LENGTH && token.length <= MAX_BOOTSTRAP_TOKEN_LENGTH && /^[\x21-\x7e]+$/.test(token);
}

async function used(deps: Pick<AppDeps, "db">): Promise<boolean> {
  const [marker] = await deps.db.orm.select({ key: settings.key }).from(settings).where(eq(settings.key, BOOTSTRAP_MARKER));
  if (marker) return true;
  const [anyone] = await deps.db.orm.select({ id: users.id }).from(users).limit(1);
  return Boolean(anyone);
}

/**
 * Creates the first admin when `token` is the configured bootstrap secret and it is unused.
 * @throws KollenError BOOTSTRAP_INVALID (401: wrong secret, or none set), BOOTSTRAP_USED (409),
 *   BAD_INPUT (username), PASSWORD_POLICY
 * @example const user = await bootstrapAdmin(deps, { token, username: "chefen", password })
 */
export async function bootstrapAdmin(deps: AppDeps, input: { token: string; username: string; password: string }): Promise<SessionUser> {
  const configured = deps.config.bootstrapToken;
  const invalid = new KollenError("BOOTSTRAP_INVALID", "wrong bootstrap secret, or none is set");
  // without a secret nothing is written: an anonymous caller cannot make the server write at will
  if (!configured) throw invalid;
  // compared as digests: the time taken says nothing about how much of the secret matched
  if ((await digest(input.token)) !== (await digest(configured))) {
    await appendAudit(deps, { actor: "anonymous", action: "auth.login.failed", detail: { via: "bootstrap" } });
    throw invalid;
  }
  const spent = () => new KollenError("BOOTSTRAP_USED", "the bootstrap secret was used, or accounts exist: log in instead");
  if (await used(deps)) throw spent();
  const row = await prepareUser({ username: input.username, password: input.password, roles: ["admin"] }, deps.config.passwordCost);
  try {
    await deps.db.batch([
      deps.db.orm.insert(settings).values({ key: BOOTSTRAP_MARKER, value: JSON.stringify({ at: deps.clock.now().toISOString(), userId: row.id }) }),
      insertUser(deps, row),
    ]);
  } catch (e) {
    // another use committed first (the marker's primary key): nothing of ours was written
    if (await used(deps)) throw spent();
    throw e;
  }
  await appendAudit(deps, { actor: "bootstrap", action: "user.add", subject: row.id, detail: { username: row.username, roles: row.roles, via: "bootstrap" } });
  return { id: row.id, username: row.username, roles: row.roles };
}
