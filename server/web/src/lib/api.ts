/**
 * The API as the pages call it: hono/client over the server's own route definitions (AppType), so
 * every path, request body and answer is typed from the one contract in schemas/. Only types are
 * imported from the server: the bundle carries hono/client's few lines, never server code.
 *
 * @example const { invites } = await answer(api.api.v1.invites.$get());
 */
import { hc, type ClientResponse } from "hono/client";
import type { SuccessStatusCode } from "hono/utils/http-status";
import type { AppType } from "../../../app.ts";
import { parseProblem, type ProblemBody } from "./problem.ts";

/** The typed client, on the page's own origin; answers are never taken from the HTTP cache. */
export const api = hc<AppType>("/", { init: { credentials: "same-origin", cache: "no-store" } });

/** A refusal: the HTTP status and the server's problem, when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem?: ProblemBody,
  ) {
    super(problem?.title ?? `HTTP ${status}`);
  }
}

/** The JSON of the successful answers among a route's declared ones. */
export type Success<R> = R extends ClientResponse<infer T, infer S, "json"> ? (S extends SuccessStatusCode ? T : never) : never;

/**
 * The body of a successful JSON answer.
 * @throws ApiError with the problem for any other status
 */
export async function answer<R extends ClientResponse<unknown, number, string>>(call: Promise<R>): Promise<Success<R>> {
  const res = await call;
  if (!res.ok) throw new ApiError(res.status, parseProblem(res.headers.get("content-type"), await res.text()));
  return (res.status === 204 ? undefined : await res.json()) as Success<R>;
}
