/**
 * Fuzzing every parser an outsider reaches, with fast-check: valid inputs mutated (bytes flipped,
 * cut, spliced) and arbitrary ones. The property is the same everywhere: a parser answers, or refuses
 * with a KollenError carrying a known code — never a TypeError, a RangeError or a hang; and the HTTP
 * routes answer problem+json with a stable code, never a 500.
 *
 * Bounded in `npm test` (FUZZ_RUNS, default 60 per parser); `FUZZ_RUNS=100000 npm run test:fuzz`
 * for long runs. Each parser prints how many inputs it saw.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptBytes, encryptBytes, generateX25519Identity } from "../../client-kit/age/index.ts";
import { parseGeneralJws } from "../../client-kit/lib/jws.ts";
import { readTar } from "../../client-kit/lib/tar.ts";
import { scanPackageBytes } from "../../client-kit/package/scan.ts";
import { verifyOuter } from "../../client-kit/package/verify-outer.ts";
import { ERROR_CODES, isKollenError } from "../../schemas/errors.ts";
import { canonicalOrgnr, orgnrProblem } from "../../schemas/orgnr.ts";
import { loadSurveyModel } from "../../schemas/survey-model.ts";
import { readWorkbook } from "../../client-kit/workbook/read.ts";
import { writeWorkbook } from "../../client-kit/workbook/write.ts";
import { makeAuthority, makePackage, makeSigner, trustFor } from "../client-kit/package/fixtures.ts";
import { harness, type Harness } from "../server/helpers.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const CODES = new Set<string>(ERROR_CODES);

/** A valid input changed in a few places: flipped bytes, a cut, or a spliced run of random bytes. */
function mutated(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  const at = fc.nat({ max: Math.max(0, valid.length - 1) });
  const flip = fc.array(fc.tuple(at, fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips) => {
    const out = valid.slice();
    for (const [i, x] of flips) out[i] = out[i]! ^ x;
    return out;
  });
  const cut = at.map((n) => valid.slice(0, n));
  const splice = fc.tuple(at, fc.uint8Array({ minLength: 1, maxLength: 600 })).map(([i, junk]) => {
    const out = new Uint8Array(valid.length + junk.length);
    out.set(valid.subarray(0, i));
    out.set(junk, i);
    out.set(valid.subarray(i), i + junk.length);
    return out;
  });
  return fc.oneof(flip, cut, splice, fc.uint8Array({ maxLength: 4096 }));
}

/** Runs `parse` and accepts an answer or a KollenError with a known code; anything else fails. */
async function answersOrRefuses(parse: () => unknown): Promise<void> {
  try {
    await parse();
  } catch (e) {
    if (!isKollenError(e) || !CODES.has(e.code)) throw e;
  }
}

const seen: Record<string, number> = {};
const count = (name: string) => void (seen[name] = (seen[name] ?? 0) + 1);
afterAll(() => process.stdout.write(`fuzz: ${Object.entries(seen).map(([k, n]) => `${k} ${n}`).join(", ")}\n`));

describe("fuzzing the parsers an outsider reaches", { timeout: 30_000 + RUNS * 20 }, () => {
  let pkg: Uint8Array;
  let authority: Awaited<ReturnType<typeof makeAuthority>>;
  let signer: Awaited<ReturnType<typeof makeSigner>>;
  let ciphertext: Uint8Array;

  beforeAll(async () => {
    authority = await makeAuthority();
    signer = await makeSigner();
    pkg = await makePackage([signer], [authority.current.recipient]);
    ciphertext = await encryptBytes([authority.current.recipient], new TextEncoder().encode("hemlig rapport"));
  });

  it("the package scanner and the outer verification", async () => {
    await fc.assert(
      fc.asyncProperty(mutated(pkg), async (bytes) => {
        count("package");
        await answersOrRefuses(async () => {
          const report = await verifyOuter(await scanPackageBytes(bytes), { trust: trustFor([signer]), keyring: authority.keyring, now: new Date() });
          expect(["PASSED", "INDETERMINATE", "FAILED"]).toContain(report.outcome);
          for (const r of report.reasons) expect(CODES.has(r.code)).toBe(true);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("the tar reader", async () => {
    await fc.assert(
      fc.asyncProperty(mutated(pkg), async (bytes) => {
        count("tar");
        await answersOrRefuses(() => readTar(bytes, "PACKAGE_NOT_TAR"));
      }),
      { numRuns: RUNS },
    );
  });

  it("the manifest's JWS", async () => {
    const jws = new TextEncoder().encode(JSON.stringify({ payload: "", signatures: [{ protected: "eyJhbGciOiJFZERTQSJ9", signature: "AAAA" }] }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated(jws), fc.json().map((j) => new TextEncoder().encode(j))), async (bytes) => {
        count("jws");
        await answersOrRefuses(() => parseGeneralJws(bytes, "SIGNATURE_INVALID"));
      }),
      { numRuns: RUNS },
    );
  });

  it("the age header and stream", async () => {
    await fc.assert(
      fc.asyncProperty(mutated(ciphertext), async (bytes) => {
        count("age");
        await answersOrRefuses(() => decryptBytes([authority.current.identity], bytes));
      }),
      { numRuns: RUNS },
    );
    // and an identity that is not ours never opens it
    const stranger = await generateX25519Identity();
    await expect(decryptBytes([stranger.identity], ciphertext)).rejects.toSatisfy(isKollenError);
  });

  it("the workbook reader", async () => {
    const loaded = await loadSurveyModel(new Uint8Array(readFileSync(resolve("schemas/models/itsakkollen-example.json"))));
    const xlsx = await writeWorkbook(loaded);
    await fc.assert(
      fc.asyncProperty(mutated(xlsx), async (bytes) => {
        count("workbook");
        await answersOrRefuses(() => readWorkbook(bytes, async () => loaded, { organisation: "2120000142" }));
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it("the organisationsnummer", () => {
    const digits = fc.stringMatching(/^[0-9]{6}-?[0-9]{4}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 30 }), digits, digits.map((d) => ` ${d}0`)), (s) => {
        count("orgnr");
        const canonical = canonicalOrgnr(s);
        expect(canonical === undefined).toBe(orgnrProblem(s) === "ORGNR_INVALID");
        if (canonical !== undefined) expect(canonical).toMatch(/^\d{10}$/);
      }),
      { numRuns: RUNS * 10 },
    );
  });
});

describe("fuzzing the tokens the HTTP API takes", { timeout: 30_000 + RUNS * 20 }, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(() => h?.close());

  /** A token-shaped string: three base64url parts, or anything at all. */
  const token = fc.oneof(
    fc.tuple(fc.base64String(), fc.base64String(), fc.base64String()).map((p) => p.map((s) => s.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")).join(".")),
    fc.string({ maxLength: 300 }),
  );

  it("a receipt presented as bearer is answered 404 problem+json, whatever it is", async () => {
    await fc.assert(
      fc.asyncProperty(token, async (t) => {
        count("receipt");
        const res = await h.app.request("/api/v1/submissions/00000000-0000-4000-8000-000000000000", { headers: { authorization: `Bearer ${t}`.replace(/[\r\n]/g, "") } });
        expect(res.status).toBe(404);
        expect(((await res.json()) as { code: string }).code).toBe("NOT_FOUND");
      }),
      { numRuns: RUNS },
    );
  });

  it("an invitation token is refused with a stable code, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(token, async (t) => {
        count("invite");
        const res = await h.app.request(`/api/v1/invites/${encodeURIComponent(t)}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(CODES.has(((await res.json()) as { code: string }).code)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
