/**
 * A reproducible synthetic population for demos, tests and benchmarks (`kollen demo-data`): a
 * kommun-heavy mix with some regions, agencies, companies and others, and levels spread like the
 * published reports (most organisations at level 0–1, few at 3–4). Pure: the same (model, n, seed)
 * always gives the same results. The organisationsnummer are synthetic (valid check digit; past
 * the 1 000 numbers of a prefix they run on into neighbouring numbers, and the registry file gives
 * their group).
 */
import type { Result } from "../schemas/result.ts";
import type { LoadedSurveyModel } from "../schemas/survey-model.ts";
import type { BaseGroup, Registry } from "./registry.ts";

/** mulberry32: a small, fast, seedable PRNG (not for secrets). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function withCheckDigit(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = nine.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return nine + String((10 - (sum % 10)) % 10);
}

const MIX: Array<{ group: BaseGroup; share: number; base: number; population: number; name: string }> = [
  { group: "kommun", share: 0.6, base: 212000000, population: 290, name: "Demokommun" },
  { group: "region", share: 0.05, base: 232100000, population: 21, name: "Demoregion" },
  { group: "statlig myndighet", share: 0.25, base: 202100000, population: 340, name: "Demomyndighet" },
  { group: "företag", share: 0.05, base: 556000000, population: 1000, name: "Demoföretag AB" },
  { group: "övrig", share: 0.05, base: 802000000, population: 500, name: "Demoförbund" },
];

/** Target levels 0–4, weighted towards the published picture (2023: 69 % below level 1, 31 % at 1 or better, about 10 % at 2 or better, 3 % at 3–4); the drawn answers land near the target. */
const LEVEL_WEIGHTS = [0.6, 0.24, 0.1, 0.04, 0.02];

export interface DemoPopulation {
  results: Result[];
  registry: Registry;
}

/**
 * @example demoPopulation(loaded, 300, 1).results.length // 300
 */
export function demoPopulation(loaded: LoadedSurveyModel, n: number, seed: number): DemoPopulation {
  const rnd = prng(seed);
  const counts = MIX.map((g) => Math.floor(g.share * n));
  counts[0]! += n - counts.reduce((a, b) => a + b, 0);
  const orgs: Array<{ organisation: string; group: BaseGroup; name: string }> = [];
  MIX.forEach((g, gi) => {
    for (let i = 0; i < counts[gi]!; i++) orgs.push({ organisation: withCheckDigit(String(g.base + i)), group: g.group, name: `${g.name} ${i + 1}` });
  });
  const { model } = loaded;
  const results: Result[] = orgs.map((o) => {
    const r = rnd();
    let target = 0;
    for (let acc = LEVEL_WEIGHTS[0]!; target < 4 && r >= acc; acc += LEVEL_WEIGHTS[++target]!);
    const skill = rnd();
    let answers: Result["answers"];
    if (model.kind === "infosakkollen") {
      const gap = Math.floor(rnd() * model.questions.filter((q) => q.section === 1).length);
      let sectionIndex = 0;
      answers = model.questions.map((q) => {
        const p = (level: number) => (level <= target ? 0.8 + 0.19 * skill : level === target + 1 ? 0.3 + 0.4 * skill : 0.05 + 0.25 * skill);
        let measures = q.measures.filter((m) => rnd() < p(m.level)).map((m) => m.id);
        if (q.section === 1) {
          if (target >= 1 && measures.length === 0) measures = [q.measures[0]!.id];
          if (target === 0 && sectionIndex === gap && skill < 0.8) measures = [];
          sectionIndex++;
        }
        return { question: q.id, measures };
      });
    } else {
      answers = model.statements.map((s) => ({ statement: s.id, rating: Math.min(4, Math.max(1, Math.round(1 + target * 0.6 + skill * 1.5 + (rnd() - 0.5) * 1.5))) }));
    }
    return {
      format: "kollen-result/1",
      model: { id: model.id, sha256: loaded.sha256 },
      organisation: o.organisation,
      answers,
      preparedBy: { name: "Demo Demosson", role: "Informationssäkerhetssamordnare" },
      presentedToManagement: { presented: false },
    };
  });
  const population: Registry["population"] = {};
  MIX.forEach((g, gi) => (population[g.group] = Math.max(g.population, counts[gi]!)));
  return {
    results,
    registry: { format: "kollen-registry/1", organisations: orgs.map((o) => ({ organisation: o.organisation, name: o.name, group: o.group })), population },
  };
}
