/** The staff roles and the signed-in user as the routes see it (`c.get("user")`). */
export type Role = "admin" | "reviewer" | "supervisor" | "analyst";
export const ROLES: readonly Role[] = ["admin", "reviewer", "supervisor", "analyst"];

export interface SessionUser {
  id: string;
  username: string;
  roles: Role[];
}
