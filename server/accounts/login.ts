/**
 * Password login with rate limiting (issue 4 § 4). Failures are counted per username and per
 * client address in a fixed window in the database (so every process of a deployment shares them);
 * rows older than the window are removed as failures arrive, so the table stays bounded. Over the
 * limit the answer is RATE_LIMITED even for the right password. An unknown username costs the same
 * scrypt time as a known one.
 */
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { KollenError } from "../../schemas/errors.ts";
import { loginFailures, users } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { appendAudit } from "../audit/log.ts";
import type { Role, SessionUser } from "./session-user.ts";
import { verifyDummy, verifyPassword } from "./password.ts";

export const WINDOW_MS = 15 * 60 * 1000;
export const MAX_PER_USERNAME = 5;
export const MAX_PER_ADDRESS = 30;

/**
 * Checks a username and password.
 * @throws KollenError RATE_LIMITED (429), LOGIN_FAILED (401)
 * @example const user = await checkLogin(deps, "granskare1", password, "192.0.2.7")
 */
export async function checkLogin(deps: AppDeps, username: string, password: string, address: string): Promise<SessionUser> {
  const now = deps.clock.now();
  const name = username.trim().toLowerCase().slice(0, 64);
  const keys = [`u:${name}`, `ip:${address.slice(0, 64)}`];
  const counts = await deps.db.orm.select().from(loginFailures).where(inArray(loginFailures.key, keys));
  const current = (k: string) => {
    const r = counts.find((x) => x.key === k);
    return r && now.getTime() - r.windowStart.getTime() < WINDOW_MS ? r.count : 0;
  };
  if (current(keys[0]!) >= MAX_PER_USERNAME || current(keys[1]!) >= MAX_PER_ADDRESS) {
    await appendAudit(deps, { actor: "anonymous", action: "auth.login.limited", detail: {} });
    throw new KollenError("RATE_LIMITED", "too many failed logins: wait 15 minutes");
  }
  const [user] = await deps.db.orm.select().from(users).where(eq(users.username, name));
  const ok = user && !user.disabled ? await verifyPassword(password, user.passwordHash) : (await verifyDummy(password, deps.config.passwordCost), false);
  if (!ok || !user) {
    const windowStart = new Date(now.getTime() - WINDOW_MS);
    await deps.db.batch([
      deps.db.orm.delete(loginFailures).where(lt(loginFailures.windowStart, windowStart)),
      ...keys.map((key) =>
        deps.db.orm
          .insert(loginFailures)
          .values({ key, count: 1, windowStart: now })
          .onConflictDoUpdate({ target: loginFailures.key, set: { count: sql`${loginFailures.count} + 1` } }),
      ),
    ]);
    await appendAudit(deps, { actor: user ? `user:${user.id}` : "anonymous", action: "auth.login.failed", ...(user ? { subject: user.id } : {}), detail: {} });
    throw new KollenError("LOGIN_FAILED", "wrong username or password");
  }
  await deps.db.orm.delete(loginFailures).where(and(eq(loginFailures.key, keys[0]!)));
  return { id: user.id, username: user.username, roles: JSON.parse(user.roles) as Role[] };
}
