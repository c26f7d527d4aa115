/**
 * Streams one file field out of a multipart/form-data body (RFC 7578, delimiters per RFC 2046
 * §5.1.1) without buffering the whole body: the portal uploads the package as the field `package`.
 * Only what is needed is parsed: part headers (capped at 16 KiB) and the delimiter search.
 */
import { KollenError } from "../../schemas/errors.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();
const MAX_HEADER_BYTES = 16 * 1024;
const MAX_PARTS = 32;

/** The boundary parameter of a multipart/form-data Content-Type, or undefined. */
export function multipartBoundary(contentType: string): string | undefined {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function indexOfSeq(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  let i = hay.indexOf(first, from);
  while (i !== -1 && i + needle.length <= hay.length) {
    let k = 1;
    while (k < needle.length && hay[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
    i = hay.indexOf(first, i + 1);
  }
  return -1;
}

/** Where a partial delimiter might start at the end of `hay` (bytes after it must be held back). */
function holdFrom(hay: Uint8Array, needle: Uint8Array): number {
  const start = Math.max(0, hay.length - needle.length + 1);
  for (let i = start; i < hay.length; i++) {
    let k = 0;
    while (i + k < hay.length && hay[i + k] === needle[k]) k++;
    if (i + k === hay.length) return i;
  }
  return hay.length;
}

function fieldName(headers: string): string | undefined {
  for (const line of headers.split("\r\n")) {
    const m = /^content-disposition:\s*form-data\s*;(.*)$/i.exec(line);
    if (m) {
      const n = /(?:^|;)\s*name="([^"]*)"/i.exec(m[1]!);
      return n?.[1];
    }
  }
  return undefined;
}

/**
 * The bytes of the first part named `field`, as a stream. Errors: BAD_INPUT (malformed multipart,
 * field missing), PACKAGE_TRUNCATED (the body ended inside the field).
 */
export function multipartField(source: ReadableStream<Uint8Array>, boundary: string, field: string): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const dashBoundary = enc.encode(`--${boundary}`);
  const delimiter = enc.encode(`\r\n--${boundary}`);
  let buf: Uint8Array = new Uint8Array(0);
  let ended = false;
  let phase: "preamble" | "headers" | "skip" | "field" | "done" = "preamble";
  let parts = 0;

  async function more(): Promise<boolean> {
    if (ended) return false;
    const r = await reader.read();
    if (r.done) {
      ended = true;
      return false;
    }
    buf = concat(buf, r.value);
    return true;
  }

  /** Advance until the field's content starts (phase "field") or fail. */
  async function findField(): Promise<void> {
    for (;;) {
      if (phase === "preamble") {
        // the first delimiter may open the body without a preceding CRLF
        const at = buf.length >= dashBoundary.length && indexOfSeq(buf, dashBoundary, 0) === 0 ? 0 : indexOfSeq(buf, delimiter, 0);
        if (at === -1) {
          if (buf.length > MAX_HEADER_BYTES) throw new KollenError("BAD_INPUT", "multipart body without its boundary");
          if (!(await more())) throw new KollenError("BAD_INPUT", "multipart body without its boundary");
          continue;
        }
        buf = buf.subarray(at + (at === 0 && buf[0] === 0x2d ? dashBoundary.length : delimiter.length));
        phase = "headers";
      }
      if (phase === "headers") {
        while (buf.length < 2) if (!(await more())) throw new KollenError("BAD_INPUT", `multipart field '${field}' is missing`);
        if (buf[0] === 0x2d && buf[1] === 0x2d) throw new KollenError("BAD_INPUT", `multipart field '${field}' is missing`);
        const end = indexOfSeq(buf, enc.encode("\r\n\r\n"), 0);
        if (end === -1) {
          if (buf.length > MAX_HEADER_BYTES) throw new KollenError("BAD_INPUT", "multipart part headers too long");
          if (!(await more())) throw new KollenError("BAD_INPUT", "multipart body ends inside part headers");
          continue;
        }
        if (++parts > MAX_PARTS) throw new KollenError("BAD_INPUT", "too many multipart parts");
        const headers = dec.decode(buf.subarray(0, end)).replace(/^[ \t]*\r\n/, "");
        buf = buf.subarray(end + 4);
        phase = fieldName(headers) === field ? "field" : "skip";
        if (phase === "field") return;
      }
      if (phase === "skip") {
        const at = indexOfSeq(buf, delimiter, 0);
        if (at === -1) {
          buf = buf.subarray(holdFrom(buf, delimiter));
          if (!(await more())) throw new KollenError("BAD_INPUT", `multipart field '${field}' is missing`);
          continue;
        }
        buf = buf.subarray(at + delimiter.length);
        phase = "headers";
      }
    }
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (phase !== "field") await findField();
          for (;;) {
            const at = indexOfSeq(buf, delimiter, 0);
            if (at !== -1) {
              if (at > 0) controller.enqueue(buf.slice(0, at));
              phase = "done";
              buf = new Uint8Array(0);
              controller.close();
              reader.cancel().catch(() => {});
              return;
            }
            const hold = holdFrom(buf, delimiter);
            const out = buf.subarray(0, hold);
            buf = buf.subarray(hold);
            const got = await more();
            if (out.length > 0) {
              controller.enqueue(out);
              if (!got) throw new KollenError("PACKAGE_TRUNCATED", "the body ended inside the package field");
              return;
            }
            if (!got) throw new KollenError("PACKAGE_TRUNCATED", "the body ended inside the package field");
          }
        } catch (e) {
          controller.error(e);
          reader.cancel(e).catch(() => {});
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
