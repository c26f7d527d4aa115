/**
 * The staff view in the browser. Reviewers: the queue (search, filters, sorting, counts, pages),
 * a submission's facts, coverage, history and decisions, decrypt-in-the-browser (the ciphertext is
 * downloaded; the identity file is read here only and never sent; the same open-for-review code as
 * the review page), then the decision, which can approve only after the page decrypted the package
 * and every check passed; manual registrations. Admins: accounts (add, disable) and the audit log
 * with names, and the authority's invitation links for a campaign (a CSV for a mail merge). Analysts: the export. Every code is shown in words (schemas/messages.ts) with the code on
 * hover; every error appears next to the step that caused it, focused. Every state change sends the
 * session's CSRF token.
 */
import "./lib/csp.ts";
import "./lib/stacked-tables.ts";
import { PINS_DEV_KEY } from "../../../keys/published/index.ts";
import { formatOrgnr } from "../../../schemas/orgnr.ts";
import { byId, clearError, clearErrorAt, el, fillFacts, pageLang, setDownload, setStatus, showDevBanner, showError, showErrorAt, tr } from "./lib/dom.ts";
import { openForReview } from "./lib/open-for-review.ts";
import type { ClientResponse } from "hono/client";
import { answer, api, ApiError, type Success } from "./lib/api.ts";
import type { Role } from "../../accounts/session-user.ts";
import { busy, explain, isBusy, showIn } from "./lib/form-run.ts";
import { parseProblem } from "./lib/problem.ts";
import type { ActorGroup } from "../../../schemas/orgnr.ts";
import { LINK_COUNT_HEADER } from "../../../schemas/staff-api.ts";
import { fetchShippedModel, forget, keyringView, showOutcome } from "./lib/review-view.ts";
import type { CodeKind } from "../../../schemas/messages.ts";
import { coded, codedList, label } from "./lib/coded.ts";
import { sentence } from "../i18n.ts";

const lang = pageLang();
const when = (iso: string) => new Date(iso).toLocaleString(lang === "sv" ? "sv-SE" : "en-GB");
let csrf = "";
let me: { id: string; username: string } | undefined;
let current: string | undefined;
/** user id → username, for the audit log and the decisions (admins only can list accounts) */
const names = new Map<string, string>();

const orgText = (orgnr: string, name: string | null) => (name ? `${name} (${formatOrgnr(orgnr)})` : formatOrgnr(orgnr));

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

/** Shows a failure in the page's box, at the step the user last worked in (loading the page, the queue). */
function fail(e: unknown): void {
  if (e instanceof ApiError && e.status === 401) return;
  const x = explain(e);
  showError(x.headline, x.details, x.code);
}

/** Shows a failure next to the step (`boxId`), scrolled into view and focused. */
function failAt(boxId: string, e: unknown, conflict?: string): void {
  if (e instanceof ApiError && e.status === 401) return;
  showIn(byId(boxId), e, conflict);
}

/**
 * Runs a form's `work` with `button` busy, then `after` with its answer; a failure (its own check's
 * message, the server's problem, a 409 in `conflict`'s words) shows next to the form in `#<boxId>`.
 * A press while the button is busy does nothing.
 */
function runAt<T>(button: HTMLButtonElement, boxId: string, work: () => Promise<T>, after: (answer: T) => unknown, conflict?: string): void {
  if (isBusy(button)) return;
  clearErrorAt(boxId);
  void busy(button, work)
    .then(after)
    .catch((err: unknown) => failAt(boxId, err, conflict));
}

function options(select: HTMLSelectElement, values: string[], keepFirst: boolean): void {
  const first = keepFirst ? select.options[0] : undefined;
  select.replaceChildren(...(first ? [first] : []), ...values.map((v) => Object.assign(el("option", v), { value: v })));
}

/** A table cell holding `content` (lib/stacked-tables.ts gives it its column's name for narrow screens). */
function cell(content: string | Node, className?: string): HTMLTableCellElement {
  const td = el("td", undefined, className);
  td.append(content);
  return td;
}

// --- reviewer: queue and detail

const submissionsApi = api.api.v1.admin.submissions;
type Query = NonNullable<Parameters<typeof submissionsApi.$get>[0]>["query"];
const PAGE = 50;
let offset = 0;

function countsLine(heading: string, kind: CodeKind, counts: Record<string, number>): HTMLElement {
  const p = el("p");
  p.append(el("strong", `${heading}: `));
  const entries = Object.entries(counts);
  if (!entries.length) p.append("–");
  entries.forEach(([v, n], i) => p.append(...(i ? [" · "] : []), coded(kind, v), ` ${n}`));
  return p;
}

async function loadQueue(): Promise<void> {
  const query: Record<string, string> = { limit: String(PAGE), offset: String(offset) };
  for (const [k, id] of [["campaign", "f-campaign"], ["status", "f-status"], ["group", "f-group"], ["flag", "f-flag"], ["sort", "f-sort"], ["q", "f-q"]] as const) {
    const v = byId<HTMLSelectElement | HTMLInputElement>(id).value.trim();
    if (v) query[k] = v;
  }
  // the selects offer the server's own values; the server checks them again
  const { submissions, total, counts } = await call(submissionsApi.$get({ query: query as Query }));
  byId("queue-counts").replaceChildren(countsLine(tr("admCountsStatus"), "status", counts.status), countsLine(tr("admCountsGroup"), "group", counts.group));
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
    const org = orgText(s.organisation, s.organisationName);
    const open = el("button", tr("admOpen"), "secondary small");
    open.type = "button";
    open.dataset.id = s.id;
    open.setAttribute("aria-label", tr("admOpenNamed", { org, when: when(s.receivedAt), status: label("status", s.status) }));
    open.addEventListener("click", () => void openDetail(s.id).catch(fail));
    const status = coded("status", s.status, "span", `state ${s.status}`);
    if (s.via === "manual") status.append(` (${label("channel", "manual")})`);
    row.append(cell(when(s.receivedAt)), cell(org), cell(s.campaign), cell(status), cell(codedList("flag", s.flags)), cell(open));
    body.append(row);
  }
  byId("q-showing").textContent = tr("admShowing", { from: total ? offset + 1 : 0, to: offset + submissions.length, total });
  byId<HTMLButtonElement>("q-prev").disabled = offset === 0;
  byId<HTMLButtonElement>("q-next").disabled = offset + submissions.length >= total;
}

const one = submissionsApi[":id"];
let detail: Success<Awaited<ReturnType<typeof one.$get>>> | undefined;
/** the submission whose package this page decrypted with every check passed */
let verifiedHere: string | undefined;

const FINAL = new Set(["approved", "rejected", "superseded"]);

/** The decision part: closed on a decided or superseded submission; approve only once verified here. */
function showDecision(): void {
  const d = detail;
  if (!d) return;
  byId("decision-section").hidden = false;
  const closed = byId("decision-closed");
  const form = byId<HTMLFormElement>("decision-form");
  if (FINAL.has(d.status)) {
    closed.textContent = d.status === "superseded" ? tr("admDecisionSuperseded") : tr("admDecisionClosed", { status: label("status", d.status) });
    closed.hidden = false;
    form.hidden = true;
  } else {
    closed.hidden = true;
    form.hidden = false;
  }
  const first = d.decisions.find((x) => x.decision === "approve");
  const firstBox = byId("first-approval");
  firstBox.hidden = !(first && !FINAL.has(d.status));
  if (first) firstBox.textContent = tr("admFirstApproval", { who: first.reviewer ?? names.get(first.reviewerId) ?? first.reviewerId, when: when(first.at) });
  const manual = d.via === "manual";
  const ready = manual || verifiedHere === d.id;
  const approve = byId<HTMLInputElement>("d-approve");
  approve.disabled = !ready;
  if (!ready) byId<HTMLInputElement>("d-reject").checked = true;
  byId("approve-state").textContent = manual ? tr("admApproveManual") : ready ? tr("admApproveReady") : tr("admApproveLocked");
}

async function openDetail(id: string, scroll = true): Promise<void> {
  clearError();
  clearErrorAt("decrypt-error");
  clearErrorAt("decision-error");
  clearErrorAt("coverage-error");
  if (current !== id) {
    forget();
    verifiedHere = undefined;
  }
  current = id;
  detail = await call(one.$get({ param: { id } }));
  const d = detail;
  const verification = el("span");
  if (d.verification) verification.append(coded("outcome", d.verification.outcome), d.verification.signers.length ? ` · ${d.verification.signers.join(", ")}` : "");
  else verification.append(`${label("channel", d.via)}: ${d.note ?? ""}`);
  fillFacts(byId("detail-facts"), [
    ["ID", d.id, "mono"],
    [tr("fieldOrganisation"), orgText(d.organisation, d.organisationName)],
    [tr("admGroup"), d.actorGroup ? coded("group", d.actorGroup) : "–"],
    [tr("admCampaign"), d.campaign],
    [tr("admStatus"), coded("status", d.status)],
    [tr("admReceived"), when(d.receivedAt)],
    [tr("admVerification"), verification],
    [tr("admFlag"), codedList("flag", d.flags)],
  ]);
  const cov = byId("detail-coverage");
  cov.replaceChildren();
  for (const c of d.coverage) {
    const li = el("li");
    li.append(`${formatOrgnr(c.orgnr)} · `, coded("coverageRole", c.role), " · ", coded("coverageState", c.state), " ");
    if (c.state === "unconfirmed")
      for (const [text, confirm] of [[tr("admConfirm"), true], [tr("admRefuse"), false]] as const) {
        const b = el("button", text, "secondary small");
        b.type = "button";
        b.addEventListener("click", () =>
          void call(one.coverage.$post({ param: { id: d.id }, json: { orgnr: c.orgnr, confirm } }, withCsrf()))
            .then(() => openDetail(d.id, false))
            .catch(async (e: unknown) => {
              if (e instanceof ApiError && e.problem?.code === "CONFLICT") await openDetail(d.id, false).catch(() => undefined);
              failAt("coverage-error", e, tr("admConflictCoverage"));
            }),
        );
        li.append(b, " ");
      }
    cov.append(li);
  }
  byId("detail-history").replaceChildren(
    ...d.history.map((h) => {
      const li = el("li");
      li.append(`${when(h.receivedAt)} · `, coded("status", h.status), h.via === "manual" ? ` (${label("channel", "manual")})` : "", h.current ? " ←" : "");
      return li;
    }),
  );
  byId("detail-decisions").replaceChildren(
    ...(d.decisions.length
      ? d.decisions.map((x) => {
          const li = el("li");
          li.append(`${when(x.at)} · `, coded("decision", x.decision), ` · ${tr("admBy", { who: x.reviewer ?? names.get(x.reviewerId) ?? x.reviewerId })} · ${x.reason}`);
          return li;
        })
      : [el("li", tr("none"))]),
  );
  const link = byId<HTMLAnchorElement>("download-link");
  link.hidden = !d.packageSha256;
  link.href = one.package.$path({ param: { id: d.id } });
  byId<HTMLButtonElement>("decrypt-button").disabled = !d.packageSha256;
  byId("detail-section").hidden = false;
  showDecision();
  if (scroll) {
    byId("detail-section").scrollIntoView({ block: "start" });
    byId("detail-section").focus({ preventScroll: true });
  }
}

byId<HTMLFormElement>("decrypt-form").addEventListener("submit", (e) => {
  e.preventDefault();
  void (async () => {
    clearError();
    clearErrorAt("decrypt-error");
    forget();
    verifiedHere = undefined;
    showDecision();
    const idFile = byId<HTMLInputElement>("identity-file").files?.[0];
    if (!idFile || !detail) return showErrorAt("decrypt-error", tr("reviewChooseBoth"));
    const d = detail;
    const button = byId<HTMLButtonElement>("decrypt-button");
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    try {
      setStatus(tr("reviewDecrypting"));
      const res = await one.package.$get({ param: { id: d.id } });
      if (!res.ok) throw new ApiError(res.status);
      const packageBytes = new Uint8Array(await res.arrayBuffer());
      const keyring = await keyringView();
      const view = await openForReview({
        packageBytes,
        identityText: await idFile.slice(0, 64 * 1024).text(),
        trustKeys: d.signerKeys.map((k) => JSON.stringify({ ...k.publicJwk, kollen_org: k.orgnr })),
        keyring,
        fetchModel: fetchShippedModel,
        now: new Date(),
      });
      if (showOutcome(view, keyring !== undefined, (headline, details, code) => showErrorAt("decrypt-error", headline, details, code))) {
        setStatus(tr("reviewDone"));
        // approve needs every check: the outer verification PASSED here too, and each inner check
        if (view.ok && view.report.outcome === "PASSED" && view.checks.every((c) => c.ok) && current === d.id) verifiedHere = d.id;
        showDecision();
      }
    } catch (err) {
      failAt("decrypt-error", err);
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    }
  })();
});

byId<HTMLButtonElement>("clear-button").addEventListener("click", () => {
  forget();
  verifiedHere = undefined;
  showDecision();
  byId<HTMLInputElement>("identity-file").value = "";
  setStatus(tr("reviewCleared"));
});

byId<HTMLFormElement>("decision-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const id = current;
  if (!id || !detail || isBusy(byId<HTMLButtonElement>("decision-button"))) return;
  clearErrorAt("decision-error");
  const form = new FormData(e.target as HTMLFormElement);
  // the radio buttons carry the server's values; the server checks them again
  const decision = form.get("decision") as "approve" | "reject";
  if (decision === "approve" && verifiedHere !== id && detail.via !== "manual") return showErrorAt("decision-error", tr("admApproveLocked"));
  void busy(byId<HTMLButtonElement>("decision-button"), async () => {
    try {
      const r = await call(one.decision.$post({ param: { id }, json: { decision, reason: String(form.get("reason") ?? "") } }, withCsrf()));
      byId<HTMLTextAreaElement>("reason").value = "";
      await openDetail(id, false);
      await loadQueue();
      setStatus(tr("admDecisionSaved", { status: label("status", r.status), approvals: r.approvals, needed: r.needed }));
    } catch (err) {
      if (!(err instanceof ApiError && err.problem?.code === "CONFLICT")) return failAt("decision-error", err);
      // say what conflicted: reload the submission and read its state
      await openDetail(id, false).catch(() => undefined);
      const d = detail;
      const mine = d?.decisions.some((x) => x.decision === "approve" && x.reviewerId === me?.id);
      const words = d && FINAL.has(d.status) ? tr("admConflictFinal", { status: label("status", d.status) }) : mine ? tr("admConflictSameReviewer") : tr("admConflictChanged");
      failAt("decision-error", err, words);
      await loadQueue().catch(() => undefined);
    }
  });
});

byId<HTMLFormElement>("filter-form").addEventListener("submit", (e) => {
  e.preventDefault();
  offset = 0;
  void loadQueue().catch(fail);
});
byId<HTMLButtonElement>("q-prev").addEventListener("click", () => {
  offset = Math.max(0, offset - PAGE);
  void loadQueue().catch(fail);
});
byId<HTMLButtonElement>("q-next").addEventListener("click", () => {
  offset += PAGE;
  void loadQueue().catch(fail);
});

byId<HTMLFormElement>("manual-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const f = new FormData(e.target as HTMLFormElement);
  const field = (k: string) => String(f.get(k) ?? "");
  // the channel select offers the server's own values; the server checks it again
  const json = { organisation: field("organisation"), campaign: field("campaign"), channel: field("channel") as "paper" | "email" | "other", note: field("note") };
  runAt(
    byId<HTMLButtonElement>("manual-button"),
    "manual-error",
    () => call(submissionsApi.manual.$post({ json }, withCsrf())),
    () => {
      clearError();
      setStatus(tr("admRegistered"));
      return loadQueue();
    },
  );
});

// --- admin: accounts and the audit log

async function loadUsers(): Promise<void> {
  const { users } = await call(api.api.v1.admin.users.$get());
  for (const u of users) names.set(u.id, u.username);
  byId<HTMLTableElement>("users").tBodies[0]!.replaceChildren(
    ...users.map((u) => {
      const row = el("tr");
      const action = el("td");
      if (!u.disabled && u.id !== me?.id) {
        const b = el("button", tr("admDisableShort"), "secondary small");
        b.type = "button";
        b.dataset.user = u.username;
        b.setAttribute("aria-label", tr("admDisable", { user: u.username }));
        b.addEventListener("click", () =>
          runAt(
            b,
            "users-error",
            () => call(api.api.v1.admin.users[":id"].disable.$post({ param: { id: u.id } }, withCsrf())),
            async () => {
              await Promise.all([loadUsers(), loadAudit()]);
              setStatus(tr("admUserDisabled", { user: u.username }));
            },
            tr("admConflictDisable"),
          ),
        );
        action.append(b);
      }
      row.append(cell(u.username), cell(codedList("role", u.roles)), cell(u.disabled ? tr("admDisabled") : "–"), action);
      return row;
    }),
  );
}

byId<HTMLFormElement>("user-form").addEventListener("submit", (e) => {
  e.preventDefault();
  // the checkboxes carry the server's role names; the server checks them again
  const roles = [...document.querySelectorAll<HTMLInputElement>("#user-form input[name=roles]:checked")].map((i) => i.value as Role);
  const username = byId<HTMLInputElement>("u-name").value;
  runAt(
    byId<HTMLButtonElement>("user-button"),
    "user-error",
    () => call(api.api.v1.admin.users.$post({ json: { username, password: byId<HTMLInputElement>("u-password").value, roles } }, withCsrf())),
    async () => {
      clearError();
      byId<HTMLFormElement>("user-form").reset();
      await Promise.all([loadUsers(), loadAudit()]);
      setStatus(tr("admUserAdded", { user: username }));
    },
    tr("admConflictUser"),
  );
});

/** Who did it, in words: a staff account's name, an organisation, the command line. */
function actorText(actor: string): string {
  if (actor.startsWith("user:")) return names.get(actor.slice(5)) ?? actor.slice(5);
  if (actor.startsWith("org:")) return tr("admActorOrg", { orgnr: formatOrgnr(actor.slice(4)) });
  if (actor === "cli" || actor === "admin") return tr("admActorCli");
  if (actor === "anonymous") return tr("admActorAnonymous");
  return actor;
}

async function loadAudit(): Promise<void> {
  const { chain, events } = await call(api.api.v1.admin.audit.$get({ query: {} }));
  const p = byId("audit-chain");
  p.textContent = chain.ok ? tr("admChainOk", { events: chain.events }) : tr("admChainBroken", { seq: chain.broken!.seq, reason: chain.broken!.reason });
  p.className = chain.ok ? "ok" : "error";
  byId<HTMLTableElement>("audit").tBodies[0]!.replaceChildren(
    ...events.map((ev) => {
      const row = el("tr");
      const who = cell(actorText(ev.actor));
      who.title = ev.actor;
      const subject = ev.subject && names.has(ev.subject) ? names.get(ev.subject)! : (ev.subject ?? "–");
      const what = cell(sentence(label("event", ev.action)));
      what.title = ev.action;
      what.dataset.code = ev.action;
      row.append(cell(String(ev.seq)), cell(when(ev.at)), what, who, cell(subject, subject === ev.subject ? "mono" : undefined));
      return row;
    }),
  );
}

// --- admin: the authority's invitation links (as `kollen admin invite`), downloaded as CSV

byId<HTMLFormElement>("invites-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const campaign = byId<HTMLSelectElement>("i-campaign").value;
  const which = document.querySelector<HTMLInputElement>("#invites-form input[name=i-select]:checked")?.value;
  let select: { orgs: string[] } | { group: ActorGroup } | { allUnkeyed: true };
  if (which === "orgs") {
    const orgs = byId<HTMLTextAreaElement>("i-orgs").value.split(/[\s,;]+/).filter(Boolean);
    if (!orgs.length) return showErrorAt("invites-error", tr("admInviteOrgsMissing"));
    select = { orgs };
  } else if (which === "group") select = { group: byId<HTMLSelectElement>("i-group").value as ActorGroup }; // the server's own values; it checks them again
  else select = { allUnkeyed: true };
  const days = byId<HTMLInputElement>("i-days").value.trim();
  runAt(
    byId<HTMLButtonElement>("invites-button"),
    "invites-error",
    async () => {
      const res = await api.api.v1.admin.invites.$post({ json: { campaign, select, ...(days ? { expiresInDays: Number(days) } : {}) } }, withCsrf());
      if (!res.ok) throw new ApiError(res.status, parseProblem(res.headers.get("content-type"), await res.text()));
      return { count: Number(res.headers.get(LINK_COUNT_HEADER) ?? "0"), csv: await res.text() };
    },
    async ({ count, csv }) => {
      const link = byId<HTMLAnchorElement>("invites-download");
      setDownload(link, csv, `inbjudningar-${campaign}.csv`, "text/csv");
      link.hidden = false;
      if (count) link.click();
      setStatus(count ? tr("admInvitesMade", { count, campaign }) : tr("admInvitesNone"));
      await loadAudit();
    },
  );
});

// --- session

for (const [id, logout] of [["logout", api.api.v1.auth.logout], ["logout-all", api.api.v1.auth["logout-all"]]] as const)
  byId<HTMLButtonElement>(id).addEventListener("click", () => void call(logout.$post({}, withCsrf())).then(() => (location.href = "/login"), fail));

async function start(): Promise<void> {
  const session = await call(api.api.v1.auth.me.$get());
  csrf = session.csrf;
  me = session.user;
  names.set(me.id, me.username);
  byId("whoami").textContent = tr("admLoggedInAs", { user: me.username, roles: session.user.roles.map((r) => label("role", r)).join(", ") });
  const has = (r: Role) => session.user.roles.includes(r);
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
    options(byId<HTMLSelectElement>("i-campaign"), ids, false);
    byId("invites-section").hidden = false;
    await loadUsers();
    await loadAudit();
  }
}

showDevBanner(PINS_DEV_KEY);
void start()
  .catch(fail)
  .finally(() => (document.documentElement.dataset.ready = "admin"));
