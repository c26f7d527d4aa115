/**
 * The staff view in the browser (issue 4 § 3–6), and the login page's script. Reviewers: the queue
 * with filters, a submission's facts, coverage, history and decisions, decrypt-in-the-browser (the
 * ciphertext is downloaded; the identity file is read here only and never sent; the same
 * open-for-review code as the review page), the decision, manual registrations. Admins: accounts and
 * the audit log. Analysts: the export. Every state change sends the session's CSRF token.
 */
import "./lib/csp.ts";
import { PINS_DEV_KEY } from "../../../keys/published/index.ts";
import { formatOrgnr } from "../../../schemas/orgnr.ts";
import { byId, clearError, el, fillFacts, pageLang, setStatus, showDevBanner, showError, tr } from "./lib/dom.ts";
import { openForReview } from "./lib/open-for-review.ts";
import { explainError, explainProblem, parseProblem } from "./lib/problem.ts";
import { fetchShippedModel, forget, keyringView, showOutcome } from "./lib/review-view.ts";

const lang = pageLang();
const when = (iso: string) => new Date(iso).toLocaleString(lang === "sv" ? "sv-SE" : "en-GB");
let csrf = "";
let current: string | undefined;

interface Me {
  user: { id: string; username: string; roles: string[] };
  csrf: string;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly headline: string,
    readonly details: string[],
    readonly code?: string,
  ) {
    super(headline);
  }
}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.method && init.method !== "GET") headers.set("x-csrf-token", csrf);
  if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  const res = await fetch(path, { ...init, headers, credentials: "same-origin", cache: "no-store" });
  if (res.status === 401) {
    location.href = "/login";
    throw new ApiError(401, "", []);
  }
  if (!res.ok) {
    const p = parseProblem(res.headers.get("content-type"), await res.text());
    const x = p ? explainProblem(lang, p, res.status) : { headline: `HTTP ${res.status}`, details: [], code: undefined };
    throw new ApiError(res.status, x.headline, x.details, x.code);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

function fail(e: unknown): void {
  if (e instanceof ApiError) {
    if (e.status !== 401) showError(e.headline, e.details, e.code);
    return;
  }
  const x = explainError(lang, e);
  showError(x.headline, x.details, x.code);
}

const post = <T>(path: string, body: unknown) => api<T>(path, { method: "POST", body: JSON.stringify(body) });

function options(select: HTMLSelectElement, values: string[], keepFirst: boolean): void {
  const first = keepFirst ? select.options[0] : undefined;
  select.replaceChildren(...(first ? [first] : []), ...values.map((v) => Object.assign(el("option", v), { value: v })));
}

// --- reviewer: queue and detail

interface QueueItem {
  id: string;
  organisation: string;
  organisationName: string | null;
  campaign: string;
  status: string;
  flags: string[];
  receivedAt: string;
  via: string;
}

async function loadQueue(): Promise<void> {
  const q = new URLSearchParams();
  for (const [k, id] of [["campaign", "f-campaign"], ["status", "f-status"], ["group", "f-group"], ["flag", "f-flag"]] as const) {
    const v = byId<HTMLSelectElement>(id).value;
    if (v) q.set(k, v);
  }
  const { submissions } = await api<{ submissions: QueueItem[] }>(`/api/v1/admin/submissions?${q}`);
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

interface Detail {
  id: string;
  organisation: string;
  organisationName: string | null;
  campaign: string;
  status: string;
  via: string;
  note: string | null;
  size: number | null;
  packageSha256: string | null;
  receivedAt: string;
  flags: string[];
  verification: { outcome: string; signers: string[] } | null;
  signerKeys: Array<{ kid: string; orgnr: string; publicJwk: Record<string, unknown> }>;
  coverage: Array<{ orgnr: string; role: string; state: string }>;
  history: Array<{ id: string; status: string; receivedAt: string; current: boolean; via: string }>;
  decisions: Array<{ reviewerId: string; decision: string; reason: string; at: string }>;
}

let detail: Detail | undefined;

async function openDetail(id: string): Promise<void> {
  clearError();
  forget();
  current = id;
  detail = await api<Detail>(`/api/v1/admin/submissions/${id}`);
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
        b.addEventListener("click", () => void post(`/api/v1/admin/submissions/${d.id}/coverage`, { orgnr: c.orgnr, confirm }).then(() => openDetail(d.id)).catch(fail));
        li.append(b, " ");
      }
    cov.append(li);
  }
  byId("detail-history").replaceChildren(...d.history.map((h) => el("li", `${when(h.receivedAt)} · ${h.status}${h.via === "manual" ? " (manual)" : ""}${h.current ? " ←" : ""}`)));
  byId("detail-decisions").replaceChildren(...(d.decisions.length ? d.decisions.map((x) => el("li", `${when(x.at)} · ${x.decision} · ${x.reason}`)) : [el("li", tr("none"))]));
  const link = byId<HTMLAnchorElement>("download-link");
  link.hidden = !d.packageSha256;
  link.href = `/api/v1/admin/submissions/${d.id}/package`;
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
      const res = await fetch(`/api/v1/admin/submissions/${detail.id}/package`, { credentials: "same-origin", cache: "no-store" });
      if (!res.ok) throw new ApiError(res.status, `HTTP ${res.status}`, []);
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
  void post<{ status: string; approvals: number; needed: number }>(`/api/v1/admin/submissions/${current}/decision`, { decision: form.get("decision"), reason: String(form.get("reason") ?? "") })
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
  void post("/api/v1/admin/submissions/manual", Object.fromEntries(["organisation", "campaign", "channel", "note"].map((k) => [k, String(f.get(k) ?? "")])))
    .then(() => {
      clearError();
      setStatus(tr("admRegistered"));
      return loadQueue();
    })
    .catch(fail);
});

// --- admin: accounts and the audit log

async function loadUsers(): Promise<void> {
  const { users } = await api<{ users: Array<{ username: string; roles: string[]; disabled: boolean }> }>("/api/v1/admin/users");
  byId("users").replaceChildren(...users.map((u) => el("li", `${u.username} · ${u.roles.join(", ")}${u.disabled ? " · disabled" : ""}`)));
}

byId<HTMLFormElement>("user-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const roles = [...document.querySelectorAll<HTMLInputElement>("#user-form input[name=roles]:checked")].map((i) => i.value);
  void post("/api/v1/admin/users", { username: byId<HTMLInputElement>("u-name").value, password: byId<HTMLInputElement>("u-password").value, roles })
    .then(() => {
      clearError();
      byId<HTMLFormElement>("user-form").reset();
      return Promise.all([loadUsers(), loadAudit()]);
    })
    .catch(fail);
});

async function loadAudit(): Promise<void> {
  const { chain, events } = await api<{ chain: { ok: boolean; events: number; broken?: { seq: number; reason: string } }; events: Array<{ seq: number; at: string; action: string; actor: string; subject: string | null }> }>("/api/v1/admin/audit");
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

for (const [id, path] of [["logout", "/api/v1/auth/logout"], ["logout-all", "/api/v1/auth/logout-all"]] as const)
  byId<HTMLButtonElement>(id).addEventListener("click", () => void api(path, { method: "POST" }).then(() => (location.href = "/login"), fail));

async function start(): Promise<void> {
  const me = await api<Me>("/api/v1/auth/me");
  csrf = me.csrf;
  byId("whoami").textContent = tr("admLoggedInAs", { user: me.user.username, roles: me.user.roles.join(", ") });
  const has = (r: string) => me.user.roles.includes(r);
  const { campaigns } = await api<{ campaigns: Array<{ id: string }> }>("/api/v1/admin/campaigns");
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
    byId("users-section").hidden = false;
    byId("audit-section").hidden = false;
    await Promise.all([loadUsers(), loadAudit()]);
  }
}

showDevBanner(PINS_DEV_KEY);
void start().catch(fail);
