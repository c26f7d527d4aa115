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

/** Checks a list of roles (duplicates dropped). @throws KollenError BAD_INPUT */
export function checkRoles(roles: readonly string[]): Role[] {
  const r = RoleList.safeParse([...new Set(roles)]);
  if (!r.success) throw new KollenError("BAD_INPUT", `roles must be some of ${ROLES.join(", ")}`);
  return r.data;
}

/** Parses `admin,reviewer` into roles. @throws KollenError BAD_INPUT */
export function parseRoles(text: string): Role[] {
  return checkRoles(text.split(",").map((s) => s.trim()).filter(Boolean));
}

/** A new account's row, checked against the rules and with its password hashed; not yet stored. */
export interface NewUserRow {
  id: string;
  username: string;
  roles: Role[];
  passwordHash: string;
}

/**
 * Checks a new account (username, roles, password policy) and hashes its password.
 * @throws KollenError BAD_INPUT (username, roles), PASSWORD_POLICY
 * @example const row = await prepareUser({ username: "chefen", password, roles: ["admin"] }, WORKERS_COST)
 */
export async function prepareUser(input: { username: string; password: string; roles: Role[] }, cost: PasswordCost | undefined): Promise<NewUserRow> {
  const username = Username.safeParse(input.username);
  if (!username.success) throw new KollenError("BAD_INPUT", "username: 3–64 of a-z 0-9 . _ -");
  const roles = checkRoles(input.roles);
  await checkPasswordPolicy(input.password, username.data);
  return { id: crypto.randomUUID(), username: username.data, roles, passwordHash: await hashPassword(input.password, cost) };
}

/** The insert of a prepared account, for a batch. */
export function insertUser(deps: Pick<AppDeps, "db" | "clock">, row: NewUserRow) {
  return deps.db.orm.insert(users).values({ id: row.id, username: row.username, passwordHash: row.passwordHash, roles: JSON.stringify(row.roles), createdAt: deps.clock.now() });
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
  if (username.success) {
    const [taken] = await deps.db.orm.select({ id: users.id }).from(users).where(eq(users.username, username.data));
    if (taken) throw new KollenError("CONFLICT", "that username is taken");
  }
  const row = await prepareUser(input, cost);
  try {
    await insertUser(deps, row);
  } catch {
    throw new KollenError("CONFLICT", "that username is taken");
  }
  await appendAudit(deps, { actor, action: "user.add", subject: row.id, detail: { username: row.username, roles: row.roles } });
  return { id: row.id, username: row.username, roles: row.roles };
}
