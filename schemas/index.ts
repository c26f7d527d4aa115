/**
 * The wire contract of Kollen in one import: error codes, organisationsnummer, manifest,
 * survey model and result schemas.
 */
export * from "./errors.ts";
export * from "./orgnr.ts";
export * from "./manifest.ts";
export * from "./survey-model.ts";
export * from "./result.ts";
