/** /api/v1/admin/users (role `admin`): list, add and disable staff accounts; every change audited. */
import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { KollenError } from "../../schemas/errors.ts";
import { appendAudit } from "../audit/log.ts";
import { users } from "../db/schema.ts";
import { actor, idParam, jsonBody } from "../lib/request.ts";
import type { AppDeps } from "../ports.ts";
import { addUser, RoleList } from "./add-user.ts";
import { csrfProtect, requireRole } from "./middleware.ts";
import { endAllSessions } from "./session.ts";

const NewUser = z.object({ username: z.string().max(64), password: z.string().max(4096), roles: RoleList });

/** The users sub-app, mounted at /api/v1/admin. */
export function usersRoutes(deps: AppDeps) {
  const admin = requireRole("admin");
  const csrf = csrfProtect();
  return new Hono()
    .get("/users", admin, async (c) => {
      const rows = await deps.db.orm.select({ id: users.id, username: users.username, roles: users.roles, disabled: users.disabled, createdAt: users.createdAt }).from(users).orderBy(users.username);
      return c.json({ users: rows.map((u) => ({ ...u, roles: JSON.parse(u.roles) as string[], createdAt: u.createdAt.toISOString() })) });
    })
    .post("/users", admin, csrf, async (c) => c.json(await addUser(deps, await jsonBody(c, NewUser), actor(c)), 201))
    .post("/users/:id/disable", admin, csrf, async (c) => {
      const id = idParam(c);
      if (id === c.get("user").id) throw new KollenError("CONFLICT", "you cannot disable your own account");
      const [u] = await deps.db.orm.select({ id: users.id }).from(users).where(eq(users.id, id));
      if (!u) throw new KollenError("NOT_FOUND", "no such user");
      await deps.db.orm.update(users).set({ disabled: true }).where(eq(users.id, id));
      await endAllSessions(deps, id);
      await appendAudit(deps, { actor: actor(c), action: "user.disable", subject: id });
      return c.body(null, 204);
    });
}
