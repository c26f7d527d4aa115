/**
 * A minimal, strict DER reader (ITU-T X.690 §10) for X.509 certificates: definite minimal lengths,
 * low tag numbers only, every length bounded by its parent. Anything else is rejected, so a
 * certificate has one parse.
 */

export class DerError extends Error {
  override readonly name = "DerError";
}

/** One tag-length-value. `bytes` is the whole encoding, `value` the contents. */
export interface Tlv {
  tag: number;
  constructed: boolean;
  bytes: Uint8Array;
  value: Uint8Array;
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  BMP_STRING: 0x1e,
} as const;

/** Reads the TLV at `offset`; `end` bounds it. */
export function readTlv(buf: Uint8Array, offset = 0, end = buf.length): Tlv & { next: number } {
  if (offset + 2 > end) throw new DerError("truncated");
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError("high tag numbers are not used in X.509");
  let len = buf[offset + 1]!;
  let p = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new DerError("indefinite or oversized length");
    if (p + n > end) throw new DerError("truncated length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p + i]!;
    if (buf[p] === 0 || len < 0x80) throw new DerError("non-minimal length");
    p += n;
  }
  if (p + len > end) throw new DerError("truncated value");
  return { tag, constructed: (tag & 0x20) !== 0, bytes: buf.subarray(offset, p + len), value: buf.subarray(p, p + len), next: p + len };
}

/** Parses exactly one TLV spanning all of `buf`. */
export function parseDer(buf: Uint8Array): Tlv {
  const t = readTlv(buf);
  if (t.next !== buf.length) throw new DerError("trailing bytes");
  return t;
}

/** The children of a constructed TLV. */
export function children(t: Tlv): Tlv[] {
  if (!t.constructed) throw new DerError("not constructed");
  const out: Tlv[] = [];
  let p = 0;
  while (p < t.value.length) {
    const c = readTlv(t.value, p);
    out.push(c);
    p = c.next;
  }
  return out;
}

/** Asserts the tag and returns the TLV. */
export function expectTag(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw new DerError(`expected ${what}`);
  return t;
}

/** OBJECT IDENTIFIER contents → dotted string. */
export function oidToString(t: Tlv): string {
  expectTag(t, TAG.OID, "OID");
  const v = t.value;
  if (v.length === 0 || v[v.length - 1]! & 0x80) throw new DerError("bad OID");
  const parts: number[] = [];
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    if (n === 0 && v[i] === 0x80) throw new DerError("non-minimal OID arc");
    n = n * 128 + (v[i]! & 0x7f);
    if (n > Number.MAX_SAFE_INTEGER / 128) throw new DerError("OID arc too large");
    if (!(v[i]! & 0x80)) {
      parts.push(n);
      n = 0;
    }
  }
  const first = parts.shift()!;
  const a = first < 40 ? 0 : first < 80 ? 1 : 2;
  return [a, first - a * 40, ...parts].join(".");
}

/** BIT STRING → its bytes; the number of unused bits must be 0 unless `allowUnused`. */
export function bitString(t: Tlv, allowUnused = false): { bytes: Uint8Array; unused: number } {
  expectTag(t, TAG.BIT_STRING, "BIT STRING");
  if (t.value.length === 0) throw new DerError("empty BIT STRING");
  const unused = t.value[0]!;
  if (unused > 7 || (unused !== 0 && !allowUnused) || (t.value.length === 1 && unused !== 0)) throw new DerError("bad BIT STRING");
  return { bytes: t.value.subarray(1), unused };
}

/** A small non-negative INTEGER (path lengths, versions). */
export function smallInt(t: Tlv): number {
  expectTag(t, TAG.INTEGER, "INTEGER");
  const v = t.value;
  if (v.length === 0 || v.length > 4 || v[0]! & 0x80) throw new DerError("integer out of range");
  if (v.length > 1 && v[0] === 0 && !(v[1]! & 0x80)) throw new DerError("non-minimal integer");
  let n = 0;
  for (const b of v) n = n * 256 + b;
  return n;
}

/** BOOLEAN (DER: 0x00 or 0xff). */
export function bool(t: Tlv): boolean {
  expectTag(t, TAG.BOOLEAN, "BOOLEAN");
  if (t.value.length !== 1 || (t.value[0] !== 0 && t.value[0] !== 0xff)) throw new DerError("bad BOOLEAN");
  return t.value[0] === 0xff;
}

/** UTCTime / GeneralizedTime in the DER forms RFC 5280 §4.1.2.5 allows (seconds, `Z`). */
export function time(t: Tlv): Date {
  const s = String.fromCharCode(...t.value);
  let m: RegExpExecArray | null;
  let year: number;
  if (t.tag === TAG.UTC_TIME && (m = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(s))) {
    const yy = Number(m[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (t.tag === TAG.GENERALIZED_TIME && (m = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(s))) {
    year = Number(m[1]);
  } else {
    throw new DerError("bad time");
  }
  const d = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  if (Number.isNaN(d.getTime()) || d.getUTCDate() !== Number(m[3])) throw new DerError("bad time");
  return d;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** The directory string types of X.520 names → text. */
export function directoryString(t: Tlv): string {
  switch (t.tag) {
    case TAG.UTF8_STRING:
      return UTF8.decode(t.value);
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
    case TAG.T61_STRING:
      return String.fromCharCode(...t.value);
    case TAG.BMP_STRING: {
      if (t.value.length % 2) throw new DerError("bad BMPString");
      let s = "";
      for (let i = 0; i < t.value.length; i += 2) s += String.fromCharCode((t.value[i]! << 8) | t.value[i + 1]!);
      return s;
    }
    default:
      throw new DerError("unsupported string type");
  }
}

/** True when two byte arrays are equal. */
export { bytesEqual } from "../../encoding/bytes.ts";
