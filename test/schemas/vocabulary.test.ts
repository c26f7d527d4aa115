/** The vocabulary's lists and rules: one spelling of an id, and lists that agree with each other. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { AUDIT_EVENTS, AuditEventName } from "../../schemas/audit-events.ts";
import { AuthorityId, CampaignId, ID_PATTERN, ItemId, ModelId, isId } from "../../schemas/ids.ts";
import { Manifest } from "../../schemas/manifest.ts";
import { ACTOR_GROUPS, ActorGroup, actorGroupOf, requireOrgnr } from "../../schemas/orgnr.ts";
import { ACTIVE_STATUSES, REVIEW_FLAGS, ReviewFlag, SUBMISSION_STATUSES, SubmissionStatus } from "../../schemas/submission.ts";

describe("ids", () => {
  it.each(["infosakkollen-2026", "a", "0", "it-sak.2026_1", "a".repeat(64)])("accepts %j", (id) => {
    for (const schema of [CampaignId, ModelId, ItemId, AuthorityId]) expect(schema.safeParse(id).success).toBe(true);
    expect(isId(id)).toBe(true);
  });

  it.each(["", "Infosakkollen-2026", "INFOSAK", "-2026", ".x", "_x", "a b", "a/b", "å", "a".repeat(65), "kampanj\n"])("refuses %j (one rule: lower case only)", (id) => {
    for (const schema of [CampaignId, ModelId, ItemId, AuthorityId]) expect(schema.safeParse(id).success).toBe(false);
    expect(isId(id)).toBe(false);
  });

  it("isId refuses what is not a string", () => {
    for (const v of [undefined, null, 2026, ["x"], { id: "x" }]) expect(isId(v)).toBe(false);
  });

  it("the pattern source means the same in an HTML pattern attribute (v flag) as in the schema (property)", () => {
    const html = new RegExp(`^(?:${ID_PATTERN})$`, "v");
    fc.assert(
      fc.property(fc.string({ maxLength: 70 }), fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,63}$/), (any, id) => {
        expect(html.test(any)).toBe(isId(any));
        expect(html.test(id)).toBe(true);
        expect(isId(id)).toBe(true);
      }),
    );
  });

  it("the manifest uses the same campaign rule", () => {
    expect(Manifest.shape.campaign.safeParse("Infosak-2026").success).toBe(false);
    expect(Manifest.shape.campaign.safeParse("infosak-2026").success).toBe(true);
  });
});

describe("submission words", () => {
  it("lists each status and flag once, and the zod enums accept exactly the lists", () => {
    expect(new Set(SUBMISSION_STATUSES).size).toBe(SUBMISSION_STATUSES.length);
    expect(new Set(REVIEW_FLAGS).size).toBe(REVIEW_FLAGS.length);
    expect(SubmissionStatus.options).toEqual([...SUBMISSION_STATUSES]);
    expect(ReviewFlag.options).toEqual([...REVIEW_FLAGS]);
    expect(SubmissionStatus.safeParse("Approved").success).toBe(false);
  });

  it("active statuses are the statuses that count: all but superseded and rejected", () => {
    expect([...ACTIVE_STATUSES].sort()).toEqual(SUBMISSION_STATUSES.filter((s) => s !== "superseded" && s !== "rejected").sort());
  });
});

describe("actor groups", () => {
  it("the prefix rule yields only listed groups", () => {
    for (const n of ["2120000142", "2321000016", "2021005489", "5560000001"]) expect(ACTOR_GROUPS).toContain(actorGroupOf(n));
    expect(ActorGroup.options).toEqual([...ACTOR_GROUPS]);
    expect(ActorGroup.safeParse("kommun").success).toBe(false);
  });
});

describe("requireOrgnr", () => {
  it("returns the canonical form of any accepted spelling", () => {
    for (const s of ["2120000142", "212000-0142", "162120000142", "16212000-0142"]) expect(requireOrgnr(s)).toBe("2120000142");
  });

  it.each([
    ["212000-014", "ORGNR_INVALID"],
    ["abc", "ORGNR_INVALID"],
    ["212000-0143", "ORGNR_CHECKSUM"],
  ])("refuses %j with %s", (input, code) => {
    expect(() => requireOrgnr(input)).toThrow(expect.objectContaining({ code }));
  });
});

describe("audit event names", () => {
  it("are dotted lower-case names, each listed once", () => {
    expect(new Set(AUDIT_EVENTS).size).toBe(AUDIT_EVENTS.length);
    for (const e of AUDIT_EVENTS) expect(e).toMatch(/^[a-z]+(?:\.[a-z_]+)+$/);
    expect(AuditEventName.safeParse("review.decision").success).toBe(true);
    expect(AuditEventName.safeParse("review.unknown").success).toBe(false);
  });
});
