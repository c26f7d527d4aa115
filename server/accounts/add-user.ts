/**
 * Adds a staff account: `kollen admin user add` bootstraps the first admin, and an
 * admin adds the others through the API. The password is checked against the policy and stored as
 * a scrypt string only.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { KollenError } from "../../schemas/errors.ts";
import { RoleList } from "../../schemas/staff-api.ts";
import { users } from "../db/schema.ts";
import type { AppDeps } from "../ports.ts";
import { ROLES, type Role } from "./session-user.ts";
import { checkPasswordPolicy, hashPassword, type PasswordCost } from "./password.ts";
import { appendAudit } from "../audit/log.ts";

export const Username = z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, "3–64 of a-z 0-9 . _ -, starting with a letter or digit");

/** Parses `admin,reviewer` into roles. @throws KollenError BAD_INPUT */
export function parseRoles(text: string): Role[] {
  const r = RoleList.safeParse([...new Set(text.split(",").map((s) => s.trim()).filter(Boolean))]);
  if (!r.success) throw new KollenError("BAD_INPUT", `roles must be some of ${ROLES.join(", ")}`);
  return r.data;
}

/**
 * Creates an account.
 * @throws KollenError BAD_INPUT (username, roles), PASSWORD_POLICY, CONFLICT (username taken)
 * @example await addUser(deps, { username: "granskare1", password, roles: ["reviewer"] }, "cli")
 */
export async function addUser(
  deps: Pick<AppDeps, "db" | "clock"> & { config?: Pick<AppDeps["config"], "passwordCost"> },
  input: { username: string; password: string; roles: Role[] },
  actor: string,
  cost: PasswordCost | undefined = deps.config?.passwordCost,
): Promise<{ id: string; username: string; roles: Role[] }> {
  const username = Username.safeParse(input.username);
  if (!username.success) throw new KollenError("BAD_INPUT", "username: 3–64 of a-z 0-9 . _ -");
  const roles = RoleList.safeParse([...new Set(input.roles)]);
  if (!roles.success) throw new KollenError("BAD_INPUT", `roles must be some of ${ROLES.join(", ")}`);
  await checkPasswordPolicy(input.password, username.data);
  const [taken] = await deps.db.orm.select({ id: users.id }).from(users).where(eq(users.username, username.data));
  if (taken) throw new KollenError("CONFLICT", "that username is taken");
  const id = crypto.randomUUID();
  const passwordHash = await hashPassword(input.password, cost);
  try {
    await deps.db.orm.insert(users).values({ id, username: username.data, passwordHash, roles: JSON.stringify(roles.data), createdAt: deps.clock.now() });
  } catch {
    throw new KollenError("CONFLICT", "that username is taken");
  }
  await appendAudit(deps, { actor, action: "user.add", subject: id, detail: { username: username.data, roles: roles.data } });
  return { id, username: username.data, roles: roles.data };
}
