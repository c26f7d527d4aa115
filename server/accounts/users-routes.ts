/** /api/v1/admin/users (role `admin`): list, add, disable, enable staff accounts and set their roles; every change audited. */
import { createRoute } from "@hono/zod-openapi";
import { IdParam, NewUser, SessionUserSchema, UserListing } from "../../schemas/staff-api.ts";
import { UserRoles, UserRolesSet } from "../../schemas/registry-api.ts";
import { users } from "../db/schema.ts";
import { apiApp, json, jsonBody, JSON_PROBLEMS, problems, staffChange, staffRead, STAFF_PROBLEMS } from "../lib/openapi.ts";
import type { AppDeps } from "../ports.ts";
import { addUser } from "./add-user.ts";
import { setUserDisabled, setUserRoles } from "./change-user.ts";
import { actor, requireRole } from "./middleware.ts";

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
const enable = createRoute({
  method: "post", path: "/users/{id}/enable", summary: "Enable a disabled account again (role admin)",
  ...staffChange(admin, "none"),
  request: { params: IdParam },
  responses: { 204: { description: "enabled" }, ...problems({ ...STAFF_PROBLEMS, 404: "NOT_FOUND" }) },
});
const roles = createRoute({
  method: "post", path: "/users/{id}/roles", summary: "Replace an account's roles (role admin)",
  ...staffChange(admin, "json"),
  request: { params: IdParam, body: jsonBody(UserRoles) },
  responses: { 200: json(UserRolesSet, "the roles now"), ...problems({ ...JSON_PROBLEMS, ...STAFF_PROBLEMS, 404: "NOT_FOUND", 409: "CONFLICT: the admin role of your own account" }) },
});

const by = (c: Parameters<typeof actor>[0]) => ({ userId: c.get("user").id, actor: actor(c) });

/** The users sub-app, mounted at /api/v1/admin. */
export function usersRoutes(deps: AppDeps) {
  return apiApp()
    .openapi(list, async (c) => {
      const rows = await deps.db.orm.select({ id: users.id, username: users.username, roles: users.roles, disabled: users.disabled, createdAt: users.createdAt }).from(users).orderBy(users.username);
      return c.json({ users: rows.map((u) => ({ ...u, roles: JSON.parse(u.roles) as string[], createdAt: u.createdAt.toISOString() })) }, 200);
    })
    .openapi(add, async (c) => c.json(await addUser(deps, c.req.valid("json"), actor(c)), 201))
    .openapi(disable, async (c) => {
      await setUserDisabled(deps, c.req.valid("param").id, true, by(c));
      return c.body(null, 204);
    })
    .openapi(enable, async (c) => {
      await setUserDisabled(deps, c.req.valid("param").id, false, by(c));
      return c.body(null, 204);
    })
    .openapi(roles, async (c) => c.json(await setUserRoles(deps, c.req.valid("param").id, c.req.valid("json").roles, by(c)), 200));
}
