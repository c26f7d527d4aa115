/** The placement rules as a pure function, including a property: conflict status iff conflicts. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { planPlacement, type PlacementInput } from "../../../server/submissions/dedup-coverage-rules.ts";
import { isKollenError } from "../../../schemas/errors.ts";

const base: PlacementInput = {
  organisation: "2120000142",
  covers: [],
  registered: true,
  registryCovers: new Set(),
  sameOrganisation: [],
  otherCoverage: [],
};
const at = (s: string) => new Date(s);
function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isKollenError(e) ? e.code : "not a KollenError";
  }
  return undefined;
}

describe("planPlacement", () => {
  it("a first package is verified and reports for itself", () => {
    expect(planPlacement(base)).toEqual({ status: "verified", flags: [], supersedes: [], conflictsWith: [], coverage: [{ orgnr: "2120000142", role: "self", state: "confirmed" }] });
  });

  it("supersedes every older non-approved one; flags when an approved one exists", () => {
    const p = planPlacement({
      ...base,
      sameOrganisation: [
        { id: "a", status: "approved" },
        { id: "b", status: "verified" },
      ],
    });
    expect(p.supersedes).toEqual(["b"]);
    expect(p.flags).toEqual(["SUPERSEDES_APPROVED"]);
    expect(p.status).toBe("verified");
  });

  it("the new arrival supersedes whatever the stored ones claim as createdAt (rule U4)", () => {
    const p = planPlacement({ ...base, sameOrganisation: [{ id: "b", status: "verified" }, { id: "c", status: "conflict" }] });
    expect(p.supersedes).toEqual(["b", "c"]);
    expect(p.status).toBe("verified");
  });

  it("a key from a link no reviewer confirmed: its coverage is unconfirmed even where the registry confirms it, and its first submission is flagged", () => {
    const umbrella = { ...base, covers: ["2120000027"], registryCovers: new Set(["2120000027"]) };
    expect(planPlacement(umbrella).coverage[1]).toEqual({ orgnr: "2120000027", role: "covers", state: "confirmed" });
    const first = planPlacement({ ...umbrella, unconfirmedLinkKey: true, firstWithLinkKey: true });
    expect(first.coverage[1]).toEqual({ orgnr: "2120000027", role: "covers", state: "unconfirmed" });
    expect(first.flags.sort()).toEqual(["COVERAGE_UNCONFIRMED", "NEW_KEY_FROM_LINK"]);
    expect(planPlacement({ ...umbrella, unconfirmedLinkKey: true, firstWithLinkKey: false }).flags).toEqual(["COVERAGE_UNCONFIRMED"]);
    // once confirmed, neither flag
    expect(planPlacement({ ...umbrella, unconfirmedLinkKey: false, firstWithLinkKey: true }).flags).toEqual([]);
  });

  it("an unregistered organisation may not claim coverage; nobody may cover itself", () => {
    expect(codeOf(() => planPlacement({ ...base, registered: false, covers: ["2120000027"] }))).toBe("ORGANISATION_UNKNOWN");
    expect(codeOf(() => planPlacement({ ...base, covers: ["2120000142"] }))).toBe("MANIFEST_INVALID");
    expect(planPlacement({ ...base, registered: false }).status).toBe("verified");
  });

  it("property: status is conflict exactly when another organisation's active coverage overlaps ours", () => {
    const orgs = ["2120000001", "2120000019", "2120000027", "2120000035"];
    fc.assert(
      fc.property(
        fc.subarray(orgs.slice(1)),
        fc.array(fc.record({ submissionId: fc.constantFrom("x", "y", "z"), orgnr: fc.constantFrom(...orgs) }), { maxLength: 6 }),
        fc.subarray(orgs.slice(1)),
        (covers, otherCoverage, registryCovers) => {
          const p = planPlacement({ ...base, organisation: orgs[0]!, covers, otherCoverage, registryCovers: new Set(registryCovers) });
          const ours = new Set([orgs[0], ...covers]);
          const overlap = otherCoverage.some((c) => ours.has(c.orgnr));
          expect(p.status === "conflict").toBe(overlap);
          expect(p.flags.includes("COVERAGE_CONFLICT")).toBe(overlap);
          expect(p.flags.includes("COVERAGE_UNCONFIRMED")).toBe(covers.some((c) => !registryCovers.includes(c)));
          expect(p.coverage).toHaveLength(1 + covers.length);
        },
      ),
    );
  });

  it("a new arrival supersedes every stored package of its organisation but an approved one, whatever createdAt they claim and in whatever order they come (rule U4)", () => {
    // createdAt and receivedAt are what the stored rows hold; the rule reads neither (a signed 2099 pins nothing)
    const stored = [
      { id: "mid", status: "verified", createdAt: at("2026-02-05T00:00:00Z"), receivedAt: at("2026-02-05T00:00:00Z") },
      { id: "far-future", status: "verified", createdAt: at("2099-12-31T00:00:00Z"), receivedAt: at("2026-02-09T00:00:00Z") },
      { id: "older", status: "approved", createdAt: at("2026-01-01T00:00:00Z"), receivedAt: at("2026-01-01T00:00:00Z") },
      { id: "in-conflict", status: "conflict", createdAt: at("2026-02-09T00:00:00Z"), receivedAt: at("2026-02-10T00:00:00Z") },
      { id: "next", status: "verified", createdAt: at("2026-02-03T00:00:00Z"), receivedAt: at("2026-02-11T00:00:00Z") },
    ];
    for (const order of [stored, [...stored].reverse(), [stored[2]!, stored[4]!, stored[3]!, stored[0]!, stored[1]!]]) {
      const p = planPlacement({ ...base, covers: ["2120000027"], sameOrganisation: order });
      expect(p).toEqual({
        status: "verified",
        flags: ["COVERAGE_UNCONFIRMED", "SUPERSEDES_APPROVED"],
        supersedes: order.filter((s) => s.status !== "approved").map((s) => s.id),
        conflictsWith: [],
        coverage: [
          { orgnr: "2120000142", role: "self", state: "confirmed" },
          { orgnr: "2120000027", role: "covers", state: "unconfirmed" },
        ],
      });
    }
  });

  it("one stored package is superseded however far ahead its createdAt; an approved one stays, flagged for a reviewer (rule U4)", () => {
    const future = [{ id: "n", status: "verified", createdAt: at("2099-12-31T00:00:00Z"), receivedAt: at("2026-02-01T00:00:00Z") }];
    expect(planPlacement({ ...base, sameOrganisation: future })).toEqual({ ...planPlacement(base), supersedes: ["n"] });
    const approved = [{ id: "a", status: "approved", createdAt: at("2099-12-31T00:00:00Z"), receivedAt: at("2026-02-01T00:00:00Z") }];
    expect(planPlacement({ ...base, sameOrganisation: approved })).toEqual({ ...planPlacement(base), flags: ["SUPERSEDES_APPROVED"] });
  });

  it("coverage rows: self confirmed, each covered organisation confirmed or not as the registry says", () => {
    const p = planPlacement({ ...base, covers: ["2120000027", "2120000035"], registryCovers: new Set(["2120000035"]) });
    expect(p.coverage).toEqual([
      { orgnr: "2120000142", role: "self", state: "confirmed" },
      { orgnr: "2120000027", role: "covers", state: "unconfirmed" },
      { orgnr: "2120000035", role: "covers", state: "confirmed" },
    ]);
    expect(p.flags).toEqual(["COVERAGE_UNCONFIRMED"]);
  });

  it("conflicts name each other submission once, in order, and only where coverage overlaps", () => {
    const p = planPlacement({
      ...base,
      covers: ["2120000027"],
      registryCovers: new Set(["2120000027"]),
      otherCoverage: [
        { submissionId: "z", orgnr: "2120000027" },
        { submissionId: "a", orgnr: "2120000142" },
        { submissionId: "z", orgnr: "2120000142" },
        { submissionId: "m", orgnr: "2120000999" },
      ],
    });
    expect(p).toMatchObject({ status: "conflict", flags: ["COVERAGE_CONFLICT"], conflictsWith: ["a", "z"] });
  });

  it("says why it refuses", () => {
    expect(() => planPlacement({ ...base, registered: false, covers: ["2120000027"] })).toThrow("an organisation that is not registered claims coverage of others");
    expect(() => planPlacement({ ...base, covers: ["2120000142"] })).toThrow("an organisation cannot cover itself");
  });
});
