/**
 * Password hashing and the password policy (memory-hard, so a stolen database costs an attacker memory as
 * well as time for every guess). scrypt (RFC 7914) through @noble/hashes, which runs on Node and on Workers alike. The
 * default cost N=2^15, r=8, p=3 (32 MiB, about 0.6 s here) is one of OWASP's scrypt settings
 * equivalent to N=2^17, p=1 while keeping the memory within a Worker's limit. The parameters
 * travel in the stored string, so the cost can be raised later without breaking old hashes.
 *
 * On Workers, new hashes are PBKDF2-HMAC-SHA256 through WebCrypto at 600 000 iterations (OWASP's
 * setting for PBKDF2-SHA256): scrypt in pure JavaScript costs about 1.1 s of CPU per login on workerd,
 * beyond what the lower plans allow a request, while WebCrypto's PBKDF2 is native code (about 0.2 s).
 * PBKDF2 is not memory-hard, which is why Node keeps scrypt. Both kinds verify everywhere, so accounts
 * move between the runtimes.
 */
import { scryptAsync } from "@noble/hashes/scrypt.js";
import { base64urlDecode, base64urlEncode } from "../../encoding/base64.ts";
import { KollenError } from "../../schemas/errors.ts";

export interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}

/** PBKDF2-HMAC-SHA256 with `iterations` (stored as `pbkdf2-sha256$iterations$salt$hash`). */
export interface Pbkdf2Cost {
  kdf: "pbkdf2-sha256";
  iterations: number;
}
export type PasswordCost = ScryptCost | Pbkdf2Cost;

export const DEFAULT_COST: ScryptCost = { log2N: 15, r: 8, p: 3 };
/** The cost of new hashes on Workers (server/workers/deps.workers.ts). */
export const WORKERS_COST: Pbkdf2Cost = { kdf: "pbkdf2-sha256", iterations: 600_000 };
const PBKDF2 = /^pbkdf2-sha256\$(\d{1,8})\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/;

async function pbkdf2(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password.normalize("NFC")), "PBKDF2", false, ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: salt as Uint8Array<ArrayBuffer>, iterations }, key, 256));
}
const STORED = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/;

async function derive(password: string, salt: Uint8Array, cost: ScryptCost): Promise<Uint8Array> {
  return scryptAsync(new TextEncoder().encode(password.normalize("NFC")), salt, { N: 2 ** cost.log2N, r: cost.r, p: cost.p, dkLen: 32, maxmem: 2 ** 26 });
}

/**
 * Hashes a password as `scrypt$log2N$r$p$salt$hash` (base64url).
 * @example const stored = await hashPassword("korrekt häst batteri 9")
 */
export async function hashPassword(password: string, cost: PasswordCost = DEFAULT_COST): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  if ("kdf" in cost) return `pbkdf2-sha256$${cost.iterations}$${base64urlEncode(salt)}$${base64urlEncode(await pbkdf2(password, salt, cost.iterations))}`;
  const dk = await derive(password, salt, cost);
  return `scrypt$${cost.log2N}$${cost.r}$${cost.p}$${base64urlEncode(salt)}$${base64urlEncode(dk)}`;
}

/** Constant-time comparison of two equal-length byte strings. */
function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

/** True when `password` matches `stored`; false for a wrong password or a malformed stored string. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const p = PBKDF2.exec(stored);
  if (p) {
    const iterations = Number(p[1]);
    if (iterations < 100_000 || iterations > 10_000_000) return false;
    const salt = base64urlDecode(p[2]!);
    const expected = base64urlDecode(p[3]!);
    if (!salt || !expected) return false;
    return same(await pbkdf2(password, salt, iterations), expected);
  }
  const m = STORED.exec(stored);
  if (!m) return false;
  const cost = { log2N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (cost.log2N < 10 || cost.log2N > 20 || cost.r < 1 || cost.r > 16 || cost.p < 1 || cost.p > 16) return false;
  const salt = base64urlDecode(m[4]!);
  const expected = base64urlDecode(m[5]!);
  if (!salt || !expected) return false;
  return same(await derive(password, salt, cost), expected);
}

const dummies = new Map<string, Promise<string>>();
/**
 * Spends the time of one verification at `cost` (the cost of new hashes here), so an unknown
 * username answers as slowly as a known one.
 */
export async function verifyDummy(password: string, cost: PasswordCost = DEFAULT_COST): Promise<void> {
  const key = JSON.stringify(cost);
  let dummy = dummies.get(key);
  if (!dummy) dummies.set(key, (dummy = hashPassword("kollen-dummy-password-0", cost)));
  await verifyPassword(password, await dummy);
}

/**
 * Words Swedish staff passwords are commonly built from, which zxcvbn's common lists (mostly
 * English) do not know: seasons, months, days, greetings, places and the words of the trade.
 */
const LOCAL_WORDS = [
  "sommar", "vinter", "höst", "hösten", "vår", "våren", "januari", "februari", "mars", "april", "maj", "juni", "juli",
  "augusti", "september", "oktober", "november", "december", "måndag", "tisdag", "onsdag", "torsdag", "fredag",
  "lördag", "söndag", "välkommen", "valkommen", "lösenord", "losenord", "hemlig", "hemligt", "sverige", "svenska",
  "stockholm", "göteborg", "malmö", "uppsala", "kommun", "region", "myndighet", "kollen", "infosäk", "infosak",
  "msb", "mcf", "säkerhet", "sakerhet", "granskare", "admin", "password", "qwerty",
];

type Estimator = { check(password: string, userInputs?: (string | number)[]): { guessesLog10: number } };
let estimator: Promise<Estimator> | undefined;

/** zxcvbn-ts with its common dictionaries, loaded on first use (it is large and only needed here). */
function strengthEstimator(): Promise<Estimator> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common] = await Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]);
    return new ZxcvbnFactory({ dictionary: { ...common.dictionary, kollen: LOCAL_WORDS }, graphs: common.adjacencyGraphs });
  })();
  return estimator;
}

/** The fewest guesses (as log10) a password must need by zxcvbn's estimate: its score 4, "very unguessable". */
export const MIN_GUESSES_LOG10 = 10;

/**
 * The password policy: at least 12 characters (at most 1024), not all of one kind (lower case,
 * upper case, digits, other), not containing the username, and not guessable: zxcvbn-ts (common
 * passwords, names, words, dates, keyboard walks, leet spellings, plus Swedish everyday words) must
 * estimate at least 10^10 guesses — `password1234` and `Sommar2026!!` are refused.
 * @throws KollenError PASSWORD_POLICY naming the rule that failed (never the password)
 */
export async function checkPasswordPolicy(password: string, username: string, context: string[] = []): Promise<void> {
  const chars = [...password];
  if (chars.length < 12) throw new KollenError("PASSWORD_POLICY", "the password must have at least 12 characters");
  if (chars.length > 1024) throw new KollenError("PASSWORD_POLICY", "the password may have at most 1024 characters");
  const kinds = new Set(chars.map((ch) => (/\p{Ll}/u.test(ch) ? "l" : /\p{Lu}/u.test(ch) ? "u" : /\p{Nd}/u.test(ch) ? "d" : "o")));
  if (kinds.size < 2) throw new KollenError("PASSWORD_POLICY", "the password must mix kinds of characters (letters, digits, others)");
  if (username.length > 0 && password.toLowerCase().includes(username.toLowerCase())) throw new KollenError("PASSWORD_POLICY", "the password must not contain the username");
  // zxcvbn's cost grows with the length; past 100 characters a password is long enough by itself
  if (chars.length <= 100 && (await strengthEstimator()).check(password, [username, ...context]).guessesLog10 < MIN_GUESSES_LOG10) {
    throw new KollenError("PASSWORD_POLICY", "the password is too easy to guess: avoid common words, names, years and patterns; a few unrelated words make a good one");
  }
}
