/**
 * Strict JSON for every JSON document of a kollen-package/1 (docs/FORMAT.md §Conventions, rule J1):
 * RFC 8259 JSON in UTF-8 without a byte order mark, no member name twice in one object, and every
 * number an integer written as one (`-?(0|[1-9][0-9]*)`, no fraction, no exponent, within ±2^53−1).
 *
 * `JSON.parse` alone accepts `{"a":1,"a":2}` (the last wins) and `213240.0`, and a default
 * TextDecoder silently drops a BOM: two readers could then see two different documents under one
 * signature. This check runs before `JSON.parse` and throws a plain Error (callers map it to their
 * own code, never quoting the input: it may be sensitive).
 *
 * @example const value = parseStrictJson(bytes); // throws on {"a":1,"a":2}, 1.0, 1e3 or a BOM
 */

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

class StrictJsonError extends Error {
  override readonly name = "StrictJsonError";
}

/** Parses UTF-8 bytes (or an already decoded string) as strict JSON. */
export function parseStrictJson(input: Uint8Array | string): unknown {
  const text = typeof input === "string" ? input : decoder.decode(input);
  if (text.charCodeAt(0) === 0xfeff) throw new StrictJsonError("a byte order mark is not allowed");
  const end = value(text, skip(text, 0));
  if (skip(text, end) !== text.length) throw new StrictJsonError("trailing characters after the JSON value");
  return JSON.parse(text);
}

function skip(s: string, i: number): number {
  while (i < s.length && (s[i] === " " || s[i] === "\t" || s[i] === "\n" || s[i] === "\r")) i++;
  return i;
}

function fail(what: string): never {
  throw new StrictJsonError(what);
}

/** Scans one value starting at `i`; returns the index after it. */
function value(s: string, i: number): number {
  const c = s[i];
  if (c === "{") {
    const names = new Set<string>();
    i = skip(s, i + 1);
    if (s[i] === "}") return i + 1;
    for (;;) {
      if (s[i] !== '"') fail("an object member name must be a string");
      const start = i;
      i = string(s, i);
      const name = JSON.parse(s.slice(start, i)) as string;
      if (names.has(name)) fail("a member name appears twice in one object");
      names.add(name);
      i = skip(s, i);
      if (s[i] !== ":") fail("':' expected");
      i = skip(s, value(s, skip(s, i + 1)));
      if (s[i] === ",") i = skip(s, i + 1);
      else if (s[i] === "}") return i + 1;
      else fail("',' or '}' expected");
    }
  }
  if (c === "[") {
    i = skip(s, i + 1);
    if (s[i] === "]") return i + 1;
    for (;;) {
      i = skip(s, value(s, i));
      if (s[i] === ",") i = skip(s, i + 1);
      else if (s[i] === "]") return i + 1;
      else fail("',' or ']' expected");
    }
  }
  if (c === '"') return string(s, i);
  if (s.startsWith("true", i)) return i + 4;
  if (s.startsWith("false", i)) return i + 5;
  if (s.startsWith("null", i)) return i + 4;
  const m = /^-?(?:0|[1-9][0-9]*)/y;
  m.lastIndex = 0;
  const rest = s.slice(i, i + 40);
  const n = m.exec(rest);
  if (!n) fail("a value was expected");
  const after = rest[n[0].length];
  if (after === "." || after === "e" || after === "E") fail("numbers must be integers without fraction or exponent");
  if (!Number.isSafeInteger(Number(n[0]))) fail("an integer is outside ±(2^53 − 1)");
  return i + n[0].length;
}

function string(s: string, i: number): number {
  // i is at the opening quote; JSON.parse later checks escapes and control characters exactly.
  i++;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) i += 2;
    else if (c < 0x20) fail("a control character in a string");
    else i++;
  }
  return fail("an unterminated string");
}
