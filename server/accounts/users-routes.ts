/** /api/v1/admin/users (role `admin`): list, add and disable staff accounts; every change audited. */
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { KollenError } from "../../schemas/errors.ts";
import { IdParam, NewUser, SessionUserSchema, UserListing } from "../../schemas/staff-api.ts";
import { appendAudit } from "../audit/log.ts";
import { users } from "../db/schema.ts";
import { apiApp, json, jsonBody, JSON_PROBLEMS, problems, staffChange, staffRead, STAFF_PROBLEMS } from "../lib/openapi.ts";
import type { AppDeps } from "../ports.ts";
import { addUser } from "./add-user.ts";
import { actor, requireRole } from "./middleware.ts";
import { endAllSessions } from "./session.ts";

const admin = requireRole("admin");

const list = createRoute({ method: "get", path: "/users", summary: "The accounts (role admin)", ...staffRead(admin), responses: { 200: json(UserListing, "the accounts"), ...problems(STAFF_PROBLEMS) } });
const add = createRoute({
  method: "post", path: "/users", summary: "Add an account (role admin)",
  ...staffChange(admin, "json"),
  request: { body: jsonBody(NewUser) },
  responses: { 201: json(SessionUserSchema, "added"), ...problems({ ...JSON_PROBLEMS, 400: "BAD_INPUT / PASSWORD_POLICY", ...STAFF_PROBLEMS, 409: "CONFLICT: the username is taken" }) },
});
const disable = createRoute({
  method: "post", path: "/users/{id}/disable", summary: "Disable an account and end its sessions (role admin)",
  ...staffChange(admin, "none"),
  request: { params: IdParam },
  responses: { 204: { description: "disabled" }, ...problems({ ...STAFF_PROBLEMS, 404: "NOT_FOUND", 409: "CONFLICT: your own account" }) },
});

/** The users sub-app, mounted at /api/v1/admin. */
export function usersRoutes(deps: AppDeps) {
  return apiApp()
    .openapi(list, async (c) => {
      const rows = await deps.db.orm.select({ id: users.id, username: users.username, roles: users.roles, disabled: users.disabled, createdAt: users.createdAt }).from(users).orderBy(users.username);
      return c.json({ users: rows.map((u) => ({ ...u, roles: JSON.parse(u.roles) as string[], createdAt: u.createdAt.toISOString() })) }, 200);
    })
    .openapi(add, async (c) => c.json(await addUser(deps, c.req.valid("json"), actor(c)), 201))
    .openapi(disable, async (c) => {
      const { id } = c.req.valid("param");
      if (id === c.get("user").id) throw new KollenError("CONFLICT", "you cannot disable your own account");
      const [u] = await deps.db.orm.select({ id: users.id }).from(users).where(eq(users.id, id));
      if (!u) throw new KollenError("NOT_FOUND", "no such user");
      await deps.db.orm.update(users).set({ disabled: true }).where(eq(users.id, id));
      await endAllSessions(deps, id);
      await appendAudit(deps, { actor: actor(c), action: "user.disable", subject: id });
      return c.body(null, 204);
    });
}
