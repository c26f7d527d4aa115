/**
 * Strict base64 and base64url: round trips against Node's encoder, and every non-canonical spelling
 * refused (age-encryption.org/v1 §Conventions, RFC 4648 §3.5, RFC 7515 §2 and §4.1.6).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  base64Decode,
  base64DecodeUnpadded,
  base64Encode,
  base64EncodeUnpadded,
  base64urlDecode,
  base64urlEncode,
  isBase64Char,
} from "../../encoding/base64.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

describe("encoders", () => {
  it("round-trip any bytes and match Node's encoder (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const b = Buffer.from(bytes);
        expect(base64Encode(bytes)).toBe(b.toString("base64"));
        expect(base64EncodeUnpadded(bytes)).toBe(b.toString("base64").replace(/=+$/, ""));
        expect(base64urlEncode(bytes)).toBe(b.toString("base64url"));
        expect(base64Decode(b.toString("base64"))).toEqual(new Uint8Array(bytes));
        expect(base64DecodeUnpadded(base64EncodeUnpadded(bytes))).toEqual(new Uint8Array(bytes));
        expect(base64urlDecode(b.toString("base64url"))).toEqual(new Uint8Array(bytes));
      }),
    );
  });

  it("write the RFC 4648 §10 test vectors", () => {
    const vectors = ["", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"];
    ["", "f", "fo", "foo", "foob", "fooba", "foobar"].forEach((text, i) => {
      const bytes = new TextEncoder().encode(text);
      expect(base64Encode(bytes)).toBe(vectors[i]);
      expect(base64EncodeUnpadded(bytes)).toBe(vectors[i]!.replace(/=+$/, ""));
      expect(base64Decode(vectors[i]!)).toEqual(bytes);
    });
  });
});

describe("padded standard base64 (x5c)", () => {
  it.each(["A", "AB=", "A===", "AB==C", "AR==", "ABC=".replace("C", "D"), "AB\n==", "ab-_", "éééé", "AQI", "AQ", "====", "AQ==AQ==", " AQI="])(
    "rejects non-canonical base64 %j",
    (s) => {
      expect(base64Decode(s)).toBeUndefined();
    },
  );
});

describe("unpadded standard base64 (age)", () => {
  it("rejects padding, foreign characters, impossible lengths and non-zero trailing bits", () => {
    expect(base64DecodeUnpadded("AA==")).toBeUndefined();
    expect(base64DecodeUnpadded("AA=")).toBeUndefined();
    expect(base64DecodeUnpadded("A")).toBeUndefined();
    expect(base64DecodeUnpadded("AB")).toBeUndefined(); // 'B' leaves a set bit in the unused 4 bits
    expect(base64DecodeUnpadded("AAB")).toBeUndefined(); // unused 2 bits set
    expect(base64DecodeUnpadded("AA-_")).toBeUndefined(); // URL alphabet is not age's
    expect(base64DecodeUnpadded("AA A")).toBeUndefined();
    expect(base64DecodeUnpadded("AA\n")).toBeUndefined();
    expect(base64DecodeUnpadded("")).toEqual(new Uint8Array(0));
    expect(base64DecodeUnpadded("AA")).toEqual(new Uint8Array([0]));
  });

  it("refuses set pad bits in the last character of any encoding (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }).filter((b) => b.length % 3 !== 0), fc.integer({ min: 1, max: 3 }), (bytes, delta) => {
        const s = base64EncodeUnpadded(bytes);
        const last = ALPHABET.indexOf(s.at(-1)!);
        const padBits = bytes.length % 3 === 1 ? 4 : 2;
        const other = (last & ~((1 << padBits) - 1)) | (delta & ((1 << padBits) - 1));
        if (other === last) return;
        const spelled = s.slice(0, -1) + ALPHABET[other]!;
        expect(base64DecodeUnpadded(spelled)).toBeUndefined();
      }),
    );
  });

  it("knows its alphabet", () => {
    for (const c of "AZaz09+/") expect(isBase64Char(c.charCodeAt(0))).toBe(true);
    for (const c of "=-_ \n\u00e9") expect(isBase64Char(c.charCodeAt(0))).toBe(false);
  });
});

describe("base64url (JWK, JWS)", () => {
  it.each(["A", "AR", "ABD", "AB==", "ab+/", "AB C", "AQ=", "AQI="])("rejects non-canonical base64url %j", (s) => {
    expect(base64urlDecode(s)).toBeUndefined();
  });

  it("checks the length", () => {
    expect(base64urlDecode(base64urlEncode(new Uint8Array(32)), 32)).toHaveLength(32);
    expect(base64urlDecode(base64urlEncode(new Uint8Array(31)), 32)).toBeUndefined();
  });
});
