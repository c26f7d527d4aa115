/**
 * Which backend the age operations use when given none: libsodium (runs everywhere, WASM) unless a
 * Node entry selected the native node:crypto backend.
 */
import type { AgeBackend, AgeOptions } from "./backend.ts";
import { sodiumBackend } from "./backend.sodium.ts";

let defaultBackend: AgeBackend = sodiumBackend;

/**
 * Selects the backend used when an operation gets no `backend` option. Node entries (the
 * CLI) call this with the node:crypto backend; the browser keeps libsodium.
 *
 * @example
 * setDefaultAgeBackend(nodeBackend);
 */
export function setDefaultAgeBackend(backend: AgeBackend): void {
  defaultBackend = backend;
}

/** The backend used when none is given. */
export function getDefaultAgeBackend(): AgeBackend {
  return defaultBackend;
}

/** Resolves the backend for an operation and waits until it is usable. */
export async function readyBackend(opts?: AgeOptions): Promise<AgeBackend> {
  const b = opts?.backend ?? defaultBackend;
  await b.ready();
  return b;
}
