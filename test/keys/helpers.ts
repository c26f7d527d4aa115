import { isKollenError, type KollenError } from "../../schemas/errors.ts";

/** The KollenError a function throws (sync or async); fails the test when it does not throw one. */
export async function caught(fn: () => unknown): Promise<KollenError> {
  try {
    await fn();
  } catch (e) {
    if (isKollenError(e)) return e;
    throw e;
  }
  throw new Error("expected a KollenError");
}
