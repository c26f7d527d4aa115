/** The staff roles and the signed-in user as the routes see it (`c.get("user")`). */
import { STAFF_ROLES, type StaffRole } from "../../schemas/staff-api.ts";

export type Role = StaffRole;
export const ROLES: readonly Role[] = STAFF_ROLES;

export interface SessionUser {
  id: string;
  username: string;
  roles: Role[];
}
