/**
 * Small request helpers shared by the staff routes: the acting user as the audit log names it, and
 * a path id that must be a UUID (anything else is simply not found).
 */
import type { Context } from "hono";
import type { z } from "zod";
import { KollenError } from "../../schemas/errors.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The `:id` path parameter; a malformed id answers NOT_FOUND like an unknown one. */
export function idParam(c: Context): string {
  const id = c.req.param("id") ?? "";
  if (!UUID.test(id)) throw new KollenError("NOT_FOUND", "no such id");
  return id;
}

/** The signed-in user as the audit log's actor. */
export const actor = (c: Context): string => `user:${c.get("user").id}`;

/** A JSON body checked against `schema`: UNSUPPORTED_MEDIA_TYPE unless JSON, BAD_INPUT naming the paths. */
export async function jsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("application/json")) throw new KollenError("UNSUPPORTED_MEDIA_TYPE", "send JSON");
  const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) throw new KollenError("BAD_INPUT", `invalid ${parsed.error.issues.map((i) => i.path.join(".") || "body").join(", ")}`);
  return parsed.data;
}
