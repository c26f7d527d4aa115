/**
 * The wire contract of Kollen in one import: error codes and their messages, the vocabulary (ids,
 * organisationsnummer and actor groups, submission statuses and flags, audit event names),
 * manifest, survey model and result schemas.
 */
export * from "./errors.ts";
export * from "./messages.ts";
export * from "./ids.ts";
export * from "./orgnr.ts";
export * from "./submission.ts";
export * from "./audit-events.ts";
export * from "./manifest.ts";
export * from "./survey-model.ts";
export * from "./result.ts";
