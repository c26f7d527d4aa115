#!/usr/bin/env node
// Regenerates examples/result-*.json from the example survey models in schemas/models/.
// A result names its model by id and by the SHA-256 of the exact model file bytes (as manifests do),
// so whenever a model file changes, run `node scripts/make-examples.mjs` and commit the results.
// test/schemas/examples.test.ts fails until the examples match the models again.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";

const root = new URL("../", import.meta.url);
// A fictitious municipality: prefix 212000 (kommun), Luhn check digit 4.
const ORGANISATION = "2120009994";

function load(name) {
  const bytes = readFileSync(new URL(`schemas/models/${name}`, root));
  return { model: JSON.parse(bytes.toString("utf8")), sha256: createHash("sha256").update(bytes).digest("hex") };
}

function write(name, value) {
  writeFileSync(new URL(`examples/${name}`, root), JSON.stringify(value, null, 2) + "\n");
  console.log(`wrote examples/${name}`);
}

const common = (model, sha256, campaign) => ({
  format: "kollen-result/1",
  model: { id: model.id, sha256 },
  organisation: ORGANISATION,
  campaign,
});

{
  const { model, sha256 } = load("infosakkollen-example.json");
  // Deterministic answers: section 1 takes its level 1–2 measures, section 2 its first one, section 3 none.
  const answers = model.questions.map((q) => ({
    question: q.id,
    measures: q.measures.filter((m, i) => (q.section === 1 ? m.level <= 2 : q.section === 2 && i === 0)).map((m) => m.id),
  }));
  write("result-infosakkollen.json", {
    ...common(model, sha256, "infosakkollen-2026"),
    answers,
    preparedBy: { name: "Exempel Exempelsson", role: "Informationssäkerhetssamordnare", email: "exempel@exempelkommun.example" },
    presentedToManagement: { presented: true, date: "2026-03-02" },
    comments: "Exempelresultat för en påhittad kommun. / Example result for a fictitious municipality.",
  });
}

{
  const { model, sha256 } = load("itsakkollen-example.json");
  const answers = model.statements.map((s, i) => ({ statement: s.id, rating: 1 + ((i * 7) % 4) }));
  write("result-itsakkollen.json", {
    ...common(model, sha256, "itsakkollen-2026"),
    answers,
    preparedBy: { name: "Exempel Exempelsson", role: "It-säkerhetsansvarig" },
    presentedToManagement: { presented: false },
  });
}
