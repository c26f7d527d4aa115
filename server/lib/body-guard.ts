/**
 * Guards an upload body: a byte limit enforced while streaming (413 PACKAGE_TOO_LARGE even when
 * Content-Length lied or was absent) and one deadline for the whole body (408 BODY_TIMEOUT against
 * slow-loris senders). The first failure is remembered so the caller can answer with its code
 * whatever error the downstream consumers saw. An optional inspector sees each piece as it passes
 * and the end (the package scan: one stream fewer than a TransformStream in between); what it throws
 * errors the stream.
 */
import { KollenError } from "../../schemas/errors.ts";

export interface GuardedBody {
  stream: ReadableStream<Uint8Array>;
  /** the guard's own failure (limit, deadline), if any */
  failure(): KollenError | undefined;
  /** true when the source itself errored (client went away, connection reset) */
  sourceFailed(): boolean;
  /** stop the deadline timer (call when done with the body, success or not) */
  dispose(): void;
}

/** Sees the body pass: each piece in order, then its end; a throw errors the body with that error. */
export interface BodyInspector {
  chunk(bytes: Uint8Array): void;
  end(): void;
}

/**
 * Wraps `source`; the returned stream errors with PACKAGE_TOO_LARGE past `maxBytes` and with
 * BODY_TIMEOUT when the body has not ended `timeoutMs` after this call.
 */
export function guardBody(source: ReadableStream<Uint8Array>, limits: { maxBytes: number; timeoutMs: number }, inspect?: BodyInspector): GuardedBody {
  const reader = source.getReader();
  let total = 0;
  let failed: KollenError | undefined;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;
  let finished = false;
  let sourceError = false;

  const fail = (e: KollenError): void => {
    if (failed || finished) return;
    failed = e;
    finished = true;
    controllerRef?.error(e);
    reader.cancel(e).catch(() => {});
  };
  const timer = setTimeout(() => fail(new KollenError("BODY_TIMEOUT", `the body did not arrive within ${limits.timeoutMs} ms`)), limits.timeoutMs);
  /** Runs the inspector; on a throw, errors the body with it (not the guard's own failure) and stops reading. */
  const inspected = (look: () => void): boolean => {
    try {
      look();
      return true;
    } catch (e) {
      finished = true;
      clearTimeout(timer);
      controllerRef?.error(e);
      reader.cancel(e).catch(() => {});
      return false;
    }
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controllerRef = controller;
      },
      async pull(controller) {
        let r: ReadableStreamReadResult<Uint8Array>;
        try {
          r = await reader.read();
        } catch (e) {
          if (!failed) {
            sourceError = true;
            finished = true;
            clearTimeout(timer);
            controller.error(e);
          }
          return;
        }
        if (failed) return;
        if (r.done) {
          finished = true;
          clearTimeout(timer);
          if (inspected(() => inspect?.end())) controller.close();
          return;
        }
        total += r.value.byteLength;
        if (total > limits.maxBytes) {
          clearTimeout(timer);
          fail(new KollenError("PACKAGE_TOO_LARGE", `the package is larger than ${limits.maxBytes} bytes`));
          return;
        }
        if (inspected(() => inspect?.chunk(r.value))) controller.enqueue(r.value);
      },
      cancel(reason) {
        finished = true;
        clearTimeout(timer);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, failure: () => failed, sourceFailed: () => sourceError, dispose: () => clearTimeout(timer) };
}
