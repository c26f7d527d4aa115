// The shipped examples must answer the shipped models, hash and all. When a model file changes,
// run `node scripts/make-examples.mjs` and commit the regenerated examples.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadResult, validateResultAgainstModel } from "../../schemas/result.ts";
import { loadSurveyModel } from "../../schemas/survey-model.ts";
import { actorGroupOf } from "../../schemas/orgnr.ts";

const read = (p: string) => new Uint8Array(readFileSync(new URL(`../../${p}`, import.meta.url)));

describe.each([
  ["infosakkollen-example.json", "result-infosakkollen.json"],
  ["itsakkollen-example.json", "result-itsakkollen.json"],
])("examples/%s", (modelFile, resultFile) => {
  it(`${resultFile} names the exact bytes of ${modelFile} and validates against it`, async () => {
    const loaded = await loadSurveyModel(read(`schemas/models/${modelFile}`));
    const result = loadResult(read(`examples/${resultFile}`));
    expect(result.model.sha256, "regenerate with: node scripts/make-examples.mjs").toBe(loaded.sha256);
    expect(() => validateResultAgainstModel(result, loaded)).not.toThrow();
  });

  it("is filed by a fictitious municipality", () => {
    const result = loadResult(read(`examples/${resultFile}`));
    expect(result.organisation).toBe("2120009994");
    expect(actorGroupOf(result.organisation)).toBe("municipality");
  });
});
