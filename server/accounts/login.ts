/**
 * Password login with limits that hold under concurrency and cannot lock staff out.
 *
 * - Each attempt is reserved in the database before any password is hashed: one conditional
 *   UPDATE … RETURNING per counter, so twelve parallel guesses cannot all pass a limit that each
 *   read before any of them counted (every process of a deployment shares the counters).
 * - Per account the limit slows rather than locks: five attempts are free, then each next one must
 *   wait 1 s, 2 s, 4 s … (at most 15 minutes) after the previous; the right password after the wait
 *   works, so a stranger guessing cannot keep the real user out for long.
 * - Per client address a fixed window: 30 failures in 15 minutes, then RATE_LIMITED until the window
 *   ends. Behind a reverse proxy the address is the proxy's forwarded one when the operator says the
 *   proxy is trusted (config `trustProxy`), so one noisy client does not lock out every colleague.
 * - At most four password hashes run at once in a process (each scrypt takes 32 MiB); an attempt
 *   beyond that is answered RATE_LIMITED at once, before it counts or costs anything.
 * - An unknown username costs the same scrypt time as a known one. Rows idle for the window are
 *   removed as failures arrive, so the table stays bounded.
 */
import { and, eq, lt, lte, or, sql } from "drizzle-orm";
import { KollenError } from "../../schemas/errors.ts";
import { loginFailures, users } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { appendAudit } from "../audit/log.ts";
import type { Role, SessionUser } from "./session-user.ts";
import { verifyDummy, verifyPassword } from "./password.ts";

const WINDOW_MS = 15 * 60 * 1000;
/** attempts per account before each further one must wait */
export const FREE_PER_USERNAME = 5;
/** the first wait after the free attempts; it doubles with every further attempt, up to WINDOW_MS */
const FIRST_DELAY_MS = 1000;
export const MAX_PER_ADDRESS = 30;
export const MAX_CONCURRENT_HASHES = 4;

let hashing = 0;

/**
 * Counts one attempt for an account, unless it comes too soon after the previous one; answers
 * whether it may go ahead. The row's window_start is the time of the account's latest attempt.
 */
async function reserveAccount(deps: AppDeps, key: string, now: Date): Promise<boolean> {
  const t = now.getTime();
  await deps.db.orm.insert(loginFailures).values({ key, count: 0, windowStart: new Date(0) }).onConflictDoNothing();
  const stale = lt(loginFailures.windowStart, new Date(t - WINDOW_MS));
  const waited = sql`${loginFailures.windowStart} <= ${t} - min(${FIRST_DELAY_MS} << min(${loginFailures.count} - ${FREE_PER_USERNAME}, 20), ${WINDOW_MS})`;
  const rows = await deps.db.orm
    .update(loginFailures)
    .set({ count: sql`case when ${stale} then 1 else ${loginFailures.count} + 1 end`, windowStart: now })
    .where(and(eq(loginFailures.key, key), or(lt(loginFailures.count, FREE_PER_USERNAME), stale, waited)))
    .returning({ count: loginFailures.count });
  return rows.length === 1;
}

/** Counts one attempt from an address within its fixed window; answers whether it may go ahead. */
async function reserveAddress(deps: AppDeps, key: string, now: Date): Promise<boolean> {
  await deps.db.orm.insert(loginFailures).values({ key, count: 0, windowStart: now }).onConflictDoNothing();
  const stale = lt(loginFailures.windowStart, new Date(now.getTime() - WINDOW_MS));
  const rows = await deps.db.orm
    .update(loginFailures)
    .set({ count: sql`case when ${stale} then 1 else ${loginFailures.count} + 1 end`, windowStart: sql`case when ${stale} then ${now.getTime()} else ${loginFailures.windowStart} end` })
    .where(and(eq(loginFailures.key, key), or(lt(loginFailures.count, MAX_PER_ADDRESS), stale)))
    .returning({ count: loginFailures.count });
  return rows.length === 1;
}

async function limited(deps: AppDeps): Promise<never> {
  await appendAudit(deps, { actor: "anonymous", action: "auth.login.limited", detail: {} });
  throw new KollenError("RATE_LIMITED", "too many login attempts: wait a moment and try again");
}

/**
 * Checks a username and password.
 * @throws KollenError RATE_LIMITED (429), LOGIN_FAILED (401)
 * @example const user = await checkLogin(deps, "granskare1", password, "192.0.2.7")
 */
export async function checkLogin(deps: AppDeps, username: string, password: string, address: string): Promise<SessionUser> {
  if (hashing >= MAX_CONCURRENT_HASHES) throw new KollenError("RATE_LIMITED", "too many logins at once: try again in a moment");
  hashing++;
  try {
    const now = deps.clock.now();
    const name = username.trim().toLowerCase().slice(0, 64);
    const account = `u:${name}`;
    const from = `ip:${address.slice(0, 64)}`;
    if (!(await reserveAddress(deps, from, now))) return await limited(deps);
    if (!(await reserveAccount(deps, account, now))) {
      // the address's reservation was not a guess at a password: give it back
      await deps.db.orm.update(loginFailures).set({ count: sql`max(${loginFailures.count} - 1, 0)` }).where(eq(loginFailures.key, from));
      return await limited(deps);
    }
    const [user] = await deps.db.orm.select().from(users).where(eq(users.username, name));
    const ok = user && !user.disabled ? await verifyPassword(password, user.passwordHash) : (await verifyDummy(password, deps.config.passwordCost), false);
    if (!ok || !user) {
      await deps.db.orm.delete(loginFailures).where(lt(loginFailures.windowStart, new Date(now.getTime() - WINDOW_MS)));
      await appendAudit(deps, { actor: user ? `user:${user.id}` : "anonymous", action: "auth.login.failed", ...(user ? { subject: user.id } : {}), detail: {} });
      throw new KollenError("LOGIN_FAILED", "wrong username or password");
    }
    // a success is not a failure: the account starts afresh, the address gets its attempt back
    await deps.db.batch([
      deps.db.orm.delete(loginFailures).where(eq(loginFailures.key, account)),
      deps.db.orm.update(loginFailures).set({ count: sql`max(${loginFailures.count} - 1, 0)` }).where(eq(loginFailures.key, from)),
      deps.db.orm.delete(loginFailures).where(and(eq(loginFailures.key, from), lte(loginFailures.count, 0))),
    ]);
    return { id: user.id, username: user.username, roles: JSON.parse(user.roles) as Role[] };
  } finally {
    hashing--;
  }
}
