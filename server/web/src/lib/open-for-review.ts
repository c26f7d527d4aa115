/**
 * The reviewer's decrypt-and-verify, without DOM or network: the same
 * client-kit code the CLI runs (openPackage), then the result read against its survey model and
 * grouped per arbetsområde (work area) for display. The identity and the plaintext stay in the
 * caller's memory; nothing here sends anything anywhere.
 *
 * Every decryption failure is the one code DECRYPTION_FAILED (client-kit/package/open.ts), so a
 * wrong identity and a damaged payload look the same from outside.
 */
import type { ErrorCode } from "../../../../schemas/errors.ts";
import { isKollenError, KollenError } from "../../../../schemas/errors.ts";
import type { Manifest } from "../../../../schemas/manifest.ts";
import { loadResult, validateResultAgainstModel, type Result } from "../../../../schemas/result.ts";
import { loadSurveyModel, type LoadedSurveyModel, type LocalizedText } from "../../../../schemas/survey-model.ts";
import { parseIdentityFile } from "../../../../client-kit/age/index.ts";
import { openPackage } from "../../../../client-kit/package/open.ts";
import { staticTrustStore, type TrustedSigner } from "../../../../client-kit/package/trust.ts";
import type { KeyringView, VerificationReport } from "../../../../client-kit/package/verify-outer.ts";
import { parseSignerJwk } from "../../../../keys/signer.ts";

export interface ReviewInput {
  packageBytes: Uint8Array;
  /** the text of the authority's age identity file */
  identityText: string;
  /** public signer JWK files the reviewer trusts (their `kollen_org`, else any organisation) */
  trustKeys?: string[];
  /** the authority's keyring, for the recipient check; without it the check is not done */
  keyring?: KeyringView;
  /** a model file the reviewer picked; otherwise `fetchModel` is asked by id */
  modelBytes?: Uint8Array;
  fetchModel: (id: string) => Promise<Uint8Array | undefined>;
  now: Date;
}

/** One Infosäkkollen question as shown: the measures taken, with their points. */
export interface QuestionView {
  number: string;
  text: LocalizedText;
  taken: Array<{ text: LocalizedText; points: number; level: number }>;
  measures: number;
  points: number;
  maxPoints: number;
}

/** One It-säkkollen statement as shown. */
export interface StatementView {
  number: string;
  text: LocalizedText;
  rating: number;
  label?: LocalizedText;
}

/** One arbetsområde (work area) with its answers. */
export interface AreaView {
  number: number;
  title: LocalizedText;
  questions: QuestionView[];
  statements: StatementView[];
  /** Infosäkkollen: measures taken / all measures, points / max points; It-säkkollen: average rating */
  taken: number;
  measures: number;
  points: number;
  maxPoints: number;
  average?: number;
}

/** A check of the decrypted result: passed, or the code that failed. */
export interface ResultCheck {
  what: "schema" | "organisation" | "model";
  ok: boolean;
  code?: ErrorCode;
}

export type ReviewOutcome =
  | {
      ok: true;
      report: VerificationReport & { manifest: Manifest };
      /** the parsed result, when it matched the result schema */
      result?: Result;
      checks: ResultCheck[];
      model?: { id: string; title: LocalizedText; kind: "infosakkollen" | "itsakkollen"; example: boolean; note?: LocalizedText };
      areas: AreaView[];
      attachments: Array<{ name: string; bytes: Uint8Array }>;
    }
  | {
      ok: false;
      /** where it stopped: reading the identity, the outer verification, or opening the payload */
      stage: "identity" | "outer" | "open";
      code: ErrorCode;
      /** the outer report, when the outer verification is what failed */
      report?: VerificationReport;
    };

/** Reasons that on their own leave the outcome INDETERMINATE (client-kit/package/verify-outer.ts). */
const UNDECIDED = new Set<ErrorCode>(["SIGNER_UNKNOWN", "SIGNER_CERT_EXPIRED", "CERT_CHAIN_INVALID", "CERT_EXPIRED"]);

async function trustStore(texts: string[]) {
  const signers: Array<TrustedSigner & { kid: string }> = [];
  for (const text of texts) {
    const jwk = parseSignerJwk(text);
    signers.push({ kid: jwk.kid, publicJwk: { kty: "OKP", crv: "Ed25519", x: jwk.x }, organisations: jwk.kollen_org ? [jwk.kollen_org] : ["*"] });
  }
  return staticTrustStore(signers);
}

function areasOf(loaded: LoadedSurveyModel, result: Result): AreaView[] {
  const m = loaded.model;
  const areas = [...m.areas].sort((a, b) => a.number - b.number);
  const byNumber = (a: { number: string }, b: { number: string }) => a.number.localeCompare(b.number, "en", { numeric: true });
  if (m.kind === "infosakkollen") {
    const answers = new Map(result.answers.flatMap((a) => ("question" in a ? [[a.question, new Set(a.measures)] as const] : [])));
    return areas.map((area) => {
      const questions = m.questions
        .filter((q) => q.area === area.id)
        .sort(byNumber)
        .map((q): QuestionView => {
          const taken = q.measures.filter((ms) => answers.get(q.id)?.has(ms.id));
          return {
            number: q.number,
            text: q.text,
            taken: taken.map((ms) => ({ text: ms.text, points: ms.points, level: ms.level })),
            measures: q.measures.length,
            points: taken.reduce((n, ms) => n + ms.points, 0),
            maxPoints: q.measures.reduce((n, ms) => n + ms.points, 0),
          };
        });
      return {
        number: area.number,
        title: area.title,
        questions,
        statements: [],
        taken: questions.reduce((n, q) => n + q.taken.length, 0),
        measures: questions.reduce((n, q) => n + q.measures, 0),
        points: questions.reduce((n, q) => n + q.points, 0),
        maxPoints: questions.reduce((n, q) => n + q.maxPoints, 0),
      };
    });
  }
  const ratings = new Map(result.answers.flatMap((a) => ("statement" in a ? [[a.statement, a.rating] as const] : [])));
  return areas.map((area) => {
    const statements = m.statements
      .filter((s) => s.area === area.id)
      .sort(byNumber)
      .map((s): StatementView => {
        const rating = ratings.get(s.id) ?? 0;
        return { number: s.number, text: s.text, rating, label: m.scaleLabels.find((l) => l.value === rating)?.label };
      });
    const view: AreaView = { number: area.number, title: area.title, questions: [], statements, taken: 0, measures: 0, points: 0, maxPoints: 0 };
    if (statements.length) view.average = statements.reduce((n, s) => n + s.rating, 0) / statements.length;
    return view;
  });
}

/**
 * Decrypts and verifies a package, then reads the result against its model.
 * @example const view = await openForReview({ packageBytes, identityText, fetchModel, now: new Date() });
 *          if (view.ok) show(view.areas); else explain(view.code);
 */
export async function openForReview(input: ReviewInput): Promise<ReviewOutcome> {
  let identities: string[];
  try {
    identities = parseIdentityFile(input.identityText);
  } catch (e) {
    return { ok: false, stage: "identity", code: isKollenError(e) ? e.code : "AGE_IDENTITY_INVALID" };
  }
  const trust = await trustStore(input.trustKeys ?? []);
  let opened: Awaited<ReturnType<typeof openPackage>>;
  try {
    opened = await openPackage(input.packageBytes, { identities, trust, keyring: input.keyring, now: input.now });
  } catch (e) {
    if (!isKollenError(e)) throw e;
    const report = e.detail?.report as VerificationReport | undefined;
    if (!report) return { ok: false, stage: "open", code: e.code };
    // name what made it FAIL, not a reason that alone would only be INDETERMINATE
    const decisive = report.reasons.find((r) => !UNDECIDED.has(r.code))?.code ?? e.code;
    return { ok: false, stage: "outer", code: decisive, report };
  }
  const { report, attachments } = opened;
  const manifest = report.manifest;
  const checks: ResultCheck[] = [];
  let result: Result | undefined;
  try {
    result = loadResult(opened.result);
    checks.push({ what: "schema", ok: true });
  } catch (e) {
    checks.push({ what: "schema", ok: false, code: isKollenError(e) ? e.code : "RESULT_INVALID" });
  }
  let areas: AreaView[] = [];
  let model: Extract<ReviewOutcome, { ok: true }>["model"];
  if (result) {
    checks.push(result.organisation === manifest.organisation ? { what: "organisation", ok: true } : { what: "organisation", ok: false, code: "RESULT_INVALID" });
    try {
      if (result.model.id !== manifest.surveyModel.id || result.model.sha256 !== manifest.surveyModel.sha256)
        throw new KollenError("RESULT_MODEL_MISMATCH", "the result names another model than the manifest");
      const bytes = input.modelBytes ?? (await input.fetchModel(manifest.surveyModel.id));
      if (!bytes) throw new KollenError("SURVEY_MODEL_INVALID", "the survey model is not available");
      const loaded = await loadSurveyModel(bytes);
      validateResultAgainstModel(result, loaded);
      model = { id: loaded.model.id, title: loaded.model.title, kind: loaded.model.kind, example: loaded.model.example, note: loaded.model.note };
      areas = areasOf(loaded, result);
      checks.push({ what: "model", ok: true });
    } catch (e) {
      checks.push({ what: "model", ok: false, code: isKollenError(e) ? e.code : "RESULT_MODEL_MISMATCH" });
    }
  }
  return { ok: true, report, result, checks, model, areas, attachments };
}
