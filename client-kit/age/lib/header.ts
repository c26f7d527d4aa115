/**
 * The textual age header (age-encryption.org/v1 §Header):
 *
 *     header = v1-line 1*stanza end
 *     v1-line = %s"age-encryption.org/v1" LF
 *     stanza = arg-line *full-line final-line
 *     arg-line = "-> " argument *(SP argument) LF      ; argument = 1*VCHAR
 *     full-line = 64base64char LF
 *     final-line = *63base64char LF
 *     end = "--- " 43base64char LF
 *
 * Parsing is strict: any deviation (CR, empty argument, non-canonical base64, a long body
 * line, a missing final line) is AGE_HEADER_INVALID. The MAC covers the header up to and
 * including "---", without the space after it.
 */
import { KollenError } from "../../../schemas/errors.ts";
import { base64DecodeUnpadded, base64EncodeUnpadded, isBase64Char } from "../../../encoding/base64.ts";
import type { ByteReader } from "./byte-reader.ts";

/** One recipient stanza: its arguments (the first names the type) and its decoded body. */
export interface Stanza {
  args: string[];
  body: Uint8Array;
}

/** A parsed header: the stanzas, the bytes the MAC covers, and the MAC itself. */
export interface ParsedHeader {
  stanzas: Stanza[];
  macInput: Uint8Array;
  mac: Uint8Array;
}

const VERSION_LINE = "age-encryption.org/v1";
const VERSION_PREFIX = "age-encryption.org/";
const COLUMNS = 64;
/** Refuse headers past this size: bounds memory before any authentication. */
export const MAX_HEADER_BYTES = 1 << 20;

function invalid(message: string): KollenError {
  return new KollenError("AGE_HEADER_INVALID", `age header: ${message}`);
}

/** Latin-1 view of a header line (the header is ASCII; any other byte fails validation). */
function text(line: Uint8Array): string {
  let s = "";
  // Stryker disable next-line EqualityOperator: equivalent (`<=`): one more pass appends the empty string
  for (let i = 0; i < line.length; i += 4096) s += String.fromCharCode(...line.subarray(i, i + 4096));
  return s;
}

function isVchar(c: number): boolean {
  return c >= 0x21 && c <= 0x7e;
}

/**
 * Formats the header up to and including "---" (the MAC input). Stanza bodies are wrapped at
 * 64 columns and always end with a line shorter than 64 (possibly empty).
 */
export function formatHeaderForMac(stanzas: Stanza[]): string {
  let out = `${VERSION_LINE}\n`;
  for (const s of stanzas) {
    out += `-> ${s.args.join(" ")}\n`;
    const b64 = base64EncodeUnpadded(s.body);
    let i = 0;
    for (; i + COLUMNS <= b64.length; i += COLUMNS) out += `${b64.slice(i, i + COLUMNS)}\n`;
    out += `${b64.slice(i)}\n`;
  }
  return `${out}---`;
}

/** Completes a header with its MAC line. */
export function formatMacLine(mac: Uint8Array): string {
  return ` ${base64EncodeUnpadded(mac)}\n`;
}

/**
 * Reads and strictly parses a header from `reader`, leaving the reader at the first payload
 * byte. Throws AGE_HEADER_INVALID on any malformed or oversized header.
 */
export async function readHeader(reader: ByteReader): Promise<ParsedHeader> {
  const raw: string[] = [];
  let size = 0;
  const next = async (): Promise<string> => {
    const line = await reader.readLine(MAX_HEADER_BYTES - size);
    if (line === null) throw invalid(reader.ended ? "unexpected end of header" : "header too large");
    size += line.length + 1;
    const s = text(line);
    raw.push(s);
    return s;
  };

  const version = await next();
  if (version !== VERSION_LINE) {
    throw invalid(version.startsWith(VERSION_PREFIX) ? "unsupported version" : "not an age file");
  }

  const stanzas: Stanza[] = [];
  let line = await next();
  while (line.startsWith("-> ")) {
    const args = line.slice(3).split(" ");
    for (const a of args) {
      if (a.length === 0) throw invalid("empty stanza argument");
      for (let i = 0; i < a.length; i++) if (!isVchar(a.charCodeAt(i))) throw invalid("invalid character in stanza argument");
    }
    let b64 = "";
    for (;;) {
      const body = await next();
      if (body.length > COLUMNS) throw invalid("stanza body line longer than 64 columns");
      for (let i = 0; i < body.length; i++) if (!isBase64Char(body.charCodeAt(i))) throw invalid("invalid stanza body");
      b64 += body;
      if (body.length < COLUMNS) break;
    }
    const decoded = base64DecodeUnpadded(b64);
    if (decoded === undefined) throw invalid("non-canonical base64 in stanza body");
    stanzas.push({ args, body: decoded });
    line = await next();
  }

  if (!line.startsWith("---")) throw invalid("malformed stanza or missing MAC line");
  if (stanzas.length === 0) throw invalid("no recipient stanzas");
  if (line.length !== 4 + 43 || line[3] !== " ") throw invalid("malformed MAC line");
  const mac = base64DecodeUnpadded(line.slice(4));
  // Stryker disable next-line ConditionalExpression: equivalent — 43 canonical base64 characters are always 32 bytes; kept as the spec's rule
  if (mac === undefined || mac.length !== 32) throw invalid("malformed MAC");

  raw[raw.length - 1] = "---";
  const macText = raw.join("\n");
  const macInput = new Uint8Array(macText.length);
  // Stryker disable next-line EqualityOperator: equivalent (`<=`): a typed array ignores a write past its end
  for (let i = 0; i < macText.length; i++) macInput[i] = macText.charCodeAt(i);
  return { stanzas, macInput, mac };
}
