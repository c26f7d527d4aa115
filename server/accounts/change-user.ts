/**
 * An admin changes a staff account: its roles, or whether it may log in. Roles are read from the
 * account on every request (./session.ts), so a change holds from the next request on; disabling
 * also ends the account's sessions. An admin cannot lock themself out (their own account stays
 * enabled and keeps the admin role). Every change is written to the audit log.
 */
import { eq } from "drizzle-orm";
import { KollenError } from "../../schemas/errors.ts";
import { checkRoles } from "./add-user.ts";
import { appendAudit } from "../audit/log.ts";
import { users } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { endAllSessions } from "./session.ts";
import type { Role } from "./session-user.ts";

type Deps = Pick<AppDeps, "db" | "clock">;
/** Who asks: their user id (for the self-protection) and their name in the audit log. */
interface By {
  userId: string;
  actor: string;
}

async function existing(deps: Deps, id: string): Promise<{ roles: Role[] }> {
  const [u] = await deps.db.orm.select({ roles: users.roles }).from(users).where(eq(users.id, id));
  if (!u) throw new KollenError("NOT_FOUND", "no such user");
  return { roles: JSON.parse(u.roles) as Role[] };
}

/**
 * Replaces an account's roles.
 * @example await setUserRoles(deps, id, ["reviewer", "analyst"], { userId: me.id, actor: `user:${me.id}` })
 * @throws KollenError BAD_INPUT (roles), NOT_FOUND, CONFLICT (taking the admin role from oneself)
 */
export async function setUserRoles(deps: Deps, id: string, roles: Role[], by: By): Promise<{ id: string; roles: Role[] }> {
  const checked = checkRoles(roles);
  const before = await existing(deps, id);
  if (id === by.userId && !checked.includes("admin")) throw new KollenError("CONFLICT", "you cannot take the admin role from your own account");
  await deps.db.orm.update(users).set({ roles: JSON.stringify(checked) }).where(eq(users.id, id));
  await appendAudit(deps, { actor: by.actor, action: "user.roles", subject: id, detail: { from: before.roles, to: checked } });
  return { id, roles: checked };
}

/**
 * Disables an account (and ends its sessions) or enables it again.
 * @example await setUserDisabled(deps, id, true, { userId: me.id, actor: `user:${me.id}` })
 * @throws KollenError NOT_FOUND, CONFLICT (disabling oneself)
 */
export async function setUserDisabled(deps: Deps, id: string, disabled: boolean, by: By): Promise<void> {
  if (disabled && id === by.userId) throw new KollenError("CONFLICT", "you cannot disable your own account");
  await existing(deps, id);
  await deps.db.orm.update(users).set({ disabled }).where(eq(users.id, id));
  if (disabled) await endAllSessions(deps, id);
  await appendAudit(deps, { actor: by.actor, action: disabled ? "user.disable" : "user.enable", subject: id });
}
