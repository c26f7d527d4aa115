import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { actorGroupOf, canonicalOrgnr, CanonicalOrgnr, formatOrgnr, Orgnr, orgnrProblem, requireOrgnr } from "../../schemas/orgnr.ts";

/** Independent Luhn check digit (weights 2,1,2,… over the first nine digits). */
function checkDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function customCode(input: string): unknown {
  const r = Orgnr.safeParse(input);
  if (r.success) return undefined;
  const issue = r.error.issues[0]!;
  return issue.code === "custom" ? (issue.params as { code?: string } | undefined)?.code : issue.code;
}

describe("orgnr", () => {
  it("computes the check digits of the known examples", () => {
    expect(checkDigit("212000014")).toBe(2); // 212000-0142
    expect(checkDigit("232100001")).toBe(6); // 232100-0016
    expect(checkDigit("202100548")).toBe(9); // 202100-5489
    expect(checkDigit("212000999")).toBe(4); // 212000-9994, the fictitious municipality of the examples
  });

  it.each([
    ["2120000142", "2120000142"],
    ["212000-0142", "2120000142"],
    ["16212000-0142", "2120000142"],
    ["162120000142", "2120000142"],
    [" 232100-0016 ", "2321000016"],
    ["202100-5489", "2021005489"],
  ])("accepts %s as %s", (input, canonical) => {
    expect(Orgnr.parse(input)).toBe(canonical);
    expect(orgnrProblem(input)).toBeUndefined();
    expect(canonicalOrgnr(input)).toBe(canonical);
  });

  it.each(["2120000143", "212000-0141", "16212000-0140", "2321000017"])("reports a Luhn failure in %s as ORGNR_CHECKSUM", (input) => {
    expect(orgnrProblem(input)).toBe("ORGNR_CHECKSUM");
    expect(customCode(input)).toBe("ORGNR_CHECKSUM");
  });

  it.each(["", "abc", "212000-014", "21200001420", "17212000-0142", "212000--0142", "2120 000142", "212000-0142x", "١٢٠٠٠٠٠١٤٢"])(
    "reports garbage %j as ORGNR_INVALID",
    (input) => {
      expect(orgnrProblem(input)).toBe("ORGNR_INVALID");
      expect(customCode(input)).toBe("ORGNR_INVALID");
    },
  );

  it("rejects non-strings", () => {
    expect(Orgnr.safeParse(2120000142).success).toBe(false);
  });

  it("derives the actor group from the prefix", () => {
    expect(actorGroupOf("212000-0142")).toBe("municipality");
    expect(actorGroupOf("2321000016")).toBe("region");
    expect(actorGroupOf("16202100-5489")).toBe("state_agency");
    expect(actorGroupOf("5560160987")).toBe("other");
  });

  it("formats with a hyphen", () => {
    expect(formatOrgnr("2120000142")).toBe("212000-0142");
    expect(formatOrgnr("16212000-0142")).toBe("212000-0142");
  });

  it("CanonicalOrgnr accepts only 10 digits with a valid check digit", () => {
    expect(CanonicalOrgnr.parse("2120000142")).toBe("2120000142");
    expect(CanonicalOrgnr.safeParse("212000-0142").success).toBe(false);
    const bad = CanonicalOrgnr.safeParse("2120000143");
    expect(bad.success).toBe(false);
    expect((bad.error!.issues[0] as { params?: { code?: string } }).params?.code).toBe("ORGNR_CHECKSUM");
  });

  it("agrees with an independent Luhn implementation on every 9-digit prefix (property)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), fc.integer({ min: 0, max: 9 }), fc.boolean(), fc.boolean(), (nine, d, hyphen, prefix) => {
        const ten = nine + String(d);
        const spelled = (prefix ? "16" : "") + (hyphen ? `${ten.slice(0, 6)}-${ten.slice(6)}` : ten);
        const valid = d === checkDigit(nine);
        expect(orgnrProblem(spelled)).toBe(valid ? undefined : "ORGNR_CHECKSUM");
        expect(Orgnr.safeParse(spelled).success).toBe(valid);
      }),
      { numRuns: 500 },
    );
  });
});

describe("orgnr: the edges mutation testing found unpinned", () => {
  it("the canonical form is exactly 10 digits: no extra leading or trailing digit, whatever its Luhn sum", () => {
    for (const valid of ["2120000142", "2321000016", "2021005489"]) {
      expect(CanonicalOrgnr.safeParse(valid).success).toBe(true);
      for (let d = 0; d <= 9; d++) {
        expect(CanonicalOrgnr.safeParse(`${valid}${d}`).success, `${valid}${d}`).toBe(false);
        expect(CanonicalOrgnr.safeParse(`${d}${valid}`).success, `${d}${valid}`).toBe(false);
      }
    }
  });

  it("says why a canonical form is refused", () => {
    const spelling = CanonicalOrgnr.safeParse("212000-0142");
    expect(spelling.success).toBe(false);
    expect(spelling.error!.issues[0]!.message).toBe("canonical organisationsnummer: 10 digits");
    const checksum = CanonicalOrgnr.safeParse("2120000143");
    expect(checksum.error!.issues[0]!.message).toBe("the check digit is wrong");
  });

  it("requireOrgnr: the canonical form, or the code with at most 20 characters of the input", () => {
    expect(requireOrgnr("16212000-0142")).toBe("2120000142");
    expect(() => requireOrgnr("2120000143")).toThrow(expect.objectContaining({ code: "ORGNR_CHECKSUM", message: 'the check digit is wrong: "2120000143"' }));
    const long = "x".repeat(30);
    expect(() => requireOrgnr(long)).toThrow(expect.objectContaining({ code: "ORGNR_INVALID", message: `not an organisationsnummer (10 digits): "${"x".repeat(20)}"` }));
  });
});
