/**
 * The staff view in the browser. Reviewers: the queue
 * with filters, a submission's facts, coverage, history and decisions, decrypt-in-the-browser (the
 * ciphertext is downloaded; the identity file is read here only and never sent; the same
 * open-for-review code as the review page), the decision, manual registrations. Admins: accounts and
 * the audit log. Analysts: the export. Every state change sends the session's CSRF token.
 */
import "./lib/csp.ts";
import "./lib/stacked-tables.ts";
import { PINS_DEV_KEY } from "../../../keys/published/index.ts";
import { formatOrgnr } from "../../../schemas/orgnr.ts";
import { byId, clearError, el, fillFacts, pageLang, setStatus, showDevBanner, showError, tr } from "./lib/dom.ts";
import { openForReview } from "./lib/open-for-review.ts";
import type { ClientResponse } from "hono/client";
import { answer, api, ApiError, type Success } from "./lib/api.ts";
import type { Role } from "../../accounts/session-user.ts";
import { explainError, explainProblem } from "./lib/problem.ts";
import { fetchShippedModel, forget, keyringView, showOutcome } from "./lib/review-view.ts";

const lang = pageLang();
const when = (iso: string) => new Date(iso).toLocaleString(lang === "sv" ? "sv-SE" : "en-GB");
let csrf = "";
let current: string | undefined;

/** The answer of a call; without a session the page goes to the login, other refusals are thrown. */
async function call<R extends ClientResponse<unknown, number, string>>(request: Promise<R>): Promise<Success<R>> {
  try {
    return await answer(request);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) location.href = "/login";
    throw e;
  }
}

/** A state change carries the session's CSRF token. */
const withCsrf = () => ({ headers: { "x-csrf-token": csrf } });

function fail(e: unknown): void {
  if (e instanceof ApiError) {
    if (e.status === 401) return;
    const x = e.problem ? explainProblem(lang, e.problem, e.status) : { headline: `HTTP ${e.status}`, details: [], code: undefined };
    showError(x.headline, x.details, x.code);
    return;
  }
  const x = explainError(lang, e);
  showError(x.headline, x.details, x.code);
}

function options(select: HTMLSelectElement, values: string[], keepFirst: boolean): void {
  const first = keepFirst ? select.options[0] : undefined;
  select.replaceChildren(...(first ? [first] : []), ...values.map((v) => Object.assign(el("option", v), { value: v })));
}

// --- reviewer: queue and detail

const submissionsApi = api.api.v1.admin.submissions;
type Query = NonNullable<Parameters<typeof submissionsApi.$get>[0]>["query"];

async function loadQueue(): Promise<void> {
  const query: Record<string, string> = {};
  for (const [k, id] of [["campaign", "f-campaign"], ["status", "f-status"], ["group", "f-group"], ["flag", "f-flag"]] as const) {
    const v = byId<HTMLSelectElement>(id).value;
    if (v) query[k] = v;
  }
  // the selects offer the server's own values; the server checks them again
  const { submissions } = await call(submissionsApi.$get({ query: query as Query }));
  const body = byId<HTMLTableElement>("queue").tBodies[0]!;
  body.replaceChildren();
  if (!submissions.length) {
    const row = el("tr");
    const td = el("td", tr("admNone"));
    td.colSpan = 6;
    row.append(td);
    body.append(row);
  }
  for (const s of submissions) {
    const row = el("tr");
    const open = el("button", tr("admOpen"), "secondary small");
    open.type = "button";
    open.dataset.id = s.id;
    open.addEventListener("click", () => void openDetail(s.id).catch(fail));
    const cell = el("td");
    cell.append(open);
    row.append(el("td", when(s.receivedAt)), el("td", `${formatOrgnr(s.organisation)} ${s.organisationName ?? ""}`), el("td", s.campaign), el("td", s.via === "manual" ? `${s.status} (manual)` : s.status, `state ${s.status}`), el("td", s.flags.join(", ") || "–"), cell);
    body.append(row);
  }
}

const one = submissionsApi[":id"];
let detail: Success<Awaited<ReturnType<typeof one.$get>>> | undefined;

async function openDetail(id: string): Promise<void> {
  clearError();
  forget();
  current = id;
  detail = await call(one.$get({ param: { id } }));
  const d = detail;
  fillFacts(byId("detail-facts"), [
    ["ID", d.id, "mono"],
    [tr("fieldOrganisation"), `${formatOrgnr(d.organisation)} ${d.organisationName ?? ""}`],
    [tr("admCampaign"), d.campaign],
    [tr("admStatus"), d.status],
    [tr("admReceived"), when(d.receivedAt)],
    [tr("admVerification"), d.verification ? `${d.verification.outcome} · ${d.verification.signers.join(", ")}` : `${d.via}: ${d.note ?? ""}`],
    [tr("admFlag"), d.flags.join(", ") || "–"],
  ]);
  const cov = byId("detail-coverage");
  cov.replaceChildren();
  for (const c of d.coverage) {
    const li = el("li", `${formatOrgnr(c.orgnr)} · ${c.role} · ${c.state} `);
    if (c.state === "unconfirmed")
      for (const [label, confirm] of [[tr("admConfirm"), true], [tr("admRefuse"), false]] as const) {
        const b = el("button", label, "secondary small");
        b.type = "button";
        b.addEventListener("click", () => void call(one.coverage.$post({ param: { id: d.id }, json: { orgnr: c.orgnr, confirm } }, withCsrf())).then(() => openDetail(d.id)).catch(fail));
        li.append(b, " ");
      }
    cov.append(li);
  }
  byId("detail-history").replaceChildren(...d.history.map((h) => el("li", `${when(h.receivedAt)} · ${h.status}${h.via === "manual" ? " (manual)" : ""}${h.current ? " ←" : ""}`)));
  byId("detail-decisions").replaceChildren(...(d.decisions.length ? d.decisions.map((x) => el("li", `${when(x.at)} · ${x.decision} · ${x.reason}`)) : [el("li", tr("none"))]));
  const link = byId<HTMLAnchorElement>("download-link");
  link.hidden = !d.packageSha256;
  link.href = one.package.$path({ param: { id: d.id } });
  byId<HTMLButtonElement>("decrypt-button").disabled = !d.packageSha256;
  byId("detail-section").hidden = false;
  byId("detail-section").scrollIntoView({ block: "start" });
}

byId<HTMLFormElement>("decrypt-form").addEventListener("submit", (e) => {
  e.preventDefault();
  void (async () => {
    clearError();
    forget();
    const idFile = byId<HTMLInputElement>("identity-file").files?.[0];
    if (!idFile || !detail) return showError(tr("reviewChooseBoth"));
    const button = byId<HTMLButtonElement>("decrypt-button");
    button.disabled = true;
    try {
      setStatus(tr("reviewDecrypting"));
      const res = await one.package.$get({ param: { id: detail.id } });
      if (!res.ok) throw new ApiError(res.status);
      const packageBytes = new Uint8Array(await res.arrayBuffer());
      const keyring = await keyringView();
      const view = await openForReview({
        packageBytes,
        identityText: await idFile.slice(0, 64 * 1024).text(),
        trustKeys: detail.signerKeys.map((k) => JSON.stringify({ ...k.publicJwk, kollen_org: k.orgnr })),
        keyring,
        fetchModel: fetchShippedModel,
        now: new Date(),
      });
      if (showOutcome(view, keyring !== undefined)) setStatus(tr("reviewDone"));
    } catch (err) {
      fail(err);
    } finally {
      button.disabled = false;
    }
  })();
});

byId<HTMLButtonElement>("clear-button").addEventListener("click", () => {
  forget();
  byId<HTMLInputElement>("identity-file").value = "";
  setStatus(tr("reviewCleared"));
});

byId<HTMLFormElement>("decision-form").addEventListener("submit", (e) => {
  e.preventDefault();
  if (!current) return;
  const form = new FormData(e.target as HTMLFormElement);
  // the radio buttons carry the server's values; the server checks them again
  const decision = form.get("decision") as "approve" | "reject";
  void call(one.decision.$post({ param: { id: current }, json: { decision, reason: String(form.get("reason") ?? "") } }, withCsrf()))
    .then(async (r) => {
      clearError();
      await openDetail(current!);
      await loadQueue();
      setStatus(tr("admDecisionSaved", { status: r.status, approvals: r.approvals, needed: r.needed }));
    })
    .catch(fail);
});

byId<HTMLFormElement>("filter-form").addEventListener("submit", (e) => {
  e.preventDefault();
  void loadQueue().catch(fail);
});

byId<HTMLFormElement>("manual-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const f = new FormData(e.target as HTMLFormElement);
  const field = (k: string) => String(f.get(k) ?? "");
  // the channel select offers the server's own values; the server checks it again
  const json = { organisation: field("organisation"), campaign: field("campaign"), channel: field("channel") as "paper" | "email" | "other", note: field("note") };
  void call(submissionsApi.manual.$post({ json }, withCsrf()))
    .then(() => {
      clearError();
      setStatus(tr("admRegistered"));
      return loadQueue();
    })
    .catch(fail);
});

// --- admin: accounts and the audit log

async function loadUsers(): Promise<void> {
  const { users } = await call(api.api.v1.admin.users.$get());
  byId("users").replaceChildren(...users.map((u) => el("li", `${u.username} · ${u.roles.join(", ")}${u.disabled ? " · disabled" : ""}`)));
}

byId<HTMLFormElement>("user-form").addEventListener("submit", (e) => {
  e.preventDefault();
  // the checkboxes carry the server's role names; the server checks them again
  const roles = [...document.querySelectorAll<HTMLInputElement>("#user-form input[name=roles]:checked")].map((i) => i.value as Role);
  void call(api.api.v1.admin.users.$post({ json: { username: byId<HTMLInputElement>("u-name").value, password: byId<HTMLInputElement>("u-password").value, roles } }, withCsrf()))
    .then(() => {
      clearError();
      byId<HTMLFormElement>("user-form").reset();
      return Promise.all([loadUsers(), loadAudit()]);
    })
    .catch(fail);
});

async function loadAudit(): Promise<void> {
  const { chain, events } = await call(api.api.v1.admin.audit.$get({ query: {} }));
  const p = byId("audit-chain");
  p.textContent = chain.ok ? tr("admChainOk", { events: chain.events }) : tr("admChainBroken", { seq: chain.broken!.seq, reason: chain.broken!.reason });
  p.className = chain.ok ? "ok" : "error";
  byId<HTMLTableElement>("audit").tBodies[0]!.replaceChildren(
    ...events.map((ev) => {
      const row = el("tr");
      row.append(el("td", String(ev.seq)), el("td", when(ev.at)), el("td", ev.action), el("td", ev.actor, "mono"), el("td", ev.subject ?? "–", "mono"));
      return row;
    }),
  );
}

// --- session

for (const [id, logout] of [["logout", api.api.v1.auth.logout], ["logout-all", api.api.v1.auth["logout-all"]]] as const)
  byId<HTMLButtonElement>(id).addEventListener("click", () => void call(logout.$post({}, withCsrf())).then(() => (location.href = "/login"), fail));

async function start(): Promise<void> {
  const me = await call(api.api.v1.auth.me.$get());
  csrf = me.csrf;
  byId("whoami").textContent = tr("admLoggedInAs", { user: me.user.username, roles: me.user.roles.join(", ") });
  const has = (r: Role) => me.user.roles.includes(r);
  const { campaigns } = await call(api.api.v1.admin.campaigns.$get());
  const ids = campaigns.map((c) => c.id);
  if (has("reviewer")) {
    options(byId<HTMLSelectElement>("f-campaign"), ids, true);
    options(byId<HTMLSelectElement>("m-campaign"), ids, false);
    byId("queue-section").hidden = false;
    byId("manual-section").hidden = false;
    await loadQueue();
  }
  if (has("analyst")) {
    options(byId<HTMLSelectElement>("e-campaign"), ids, false);
    byId("export-section").hidden = false;
  }
  if (has("admin")) {
    byId("registry-link").hidden = false;
    byId("users-section").hidden = false;
    byId("audit-section").hidden = false;
    await Promise.all([loadUsers(), loadAudit()]);
  }
}

showDevBanner(PINS_DEV_KEY);
void start().catch(fail);
