/**
 * The supervisor page in the browser: who is logged in (GET /api/v1/auth/me,
 * which also gives the session's CSRF token), the open campaigns (GET /api/v1/admin/campaigns), make
 * a link with an optional note of whom it was sent to (POST /api/v1/invites), show it once with a
 * copy button, and list the supervisor's own links with the organisations that used them and the
 * status of each one's submission. Without a session the server already shows the way to log in,
 * and the page asks the API nothing.
 */
import "./lib/csp.ts";
import "./lib/stacked-tables.ts";
import { formatOrgnr } from "../../../schemas/orgnr.ts";
import { byId, clearError, el, pageLang, setStatus, showError, tr } from "./lib/dom.ts";
import { answer, api, type Success } from "./lib/api.ts";
import { fillCampaigns } from "./lib/campaigns.ts";
import { label } from "./lib/coded.ts";
import { explain, runWith } from "./lib/form-run.ts";

const lang = pageLang();
let csrf = "";

const invitesApi = api.api.v1.invites;
/** A link as GET /api/v1/invites lists it. */
type Listing = Success<Awaited<ReturnType<typeof invitesApi.$get>>>["invites"][number];
/** A state change carries the session's CSRF token. */
const withCsrf = () => ({ headers: { "x-csrf-token": csrf } });

function localTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang === "sv" ? "sv-SE" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
}

/** Shows what went wrong: the server's problem, or the page's own error. */
function fail(err: unknown): void {
  const x = explain(err);
  showError(x.headline, x.details, x.code);
}

/** The withdraw button of a link still in force. */
function actions(inv: Listing, expired: boolean): HTMLTableCellElement {
  const td = el("td");
  if (expired) return td;
  const button = el("button", tr("supExpireButton"), "secondary small");
  button.type = "button";
  button.addEventListener("click", () => {
    void (async () => {
      clearError();
      button.disabled = true;
      try {
        await answer(invitesApi[":id"].expire.$post({ param: { id: inv.id } }, withCsrf()));
        setStatus(tr("supExpiredNow"));
        await load();
      } catch (err) {
        fail(err);
      } finally {
        button.disabled = false;
      }
    })();
  });
  td.append(button);
  return td;
}

async function load(): Promise<void> {
  const { invites } = await answer(invitesApi.$get());
  const body = byId("links-body");
  body.replaceChildren();
  const now = Date.now();
  for (const inv of invites) {
    const tr_ = el("tr");
    tr_.dataset.invite = inv.id;
    const expired = Date.parse(inv.expiresAt) <= now;
    const usedBy = el("td");
    if (inv.uses.length === 0) usedBy.textContent = tr("supNotUsed");
    else {
      for (const u of inv.uses) {
        const arrived = u.submission
          ? el("span", tr("supSubmission", { when: localTime(u.submission.receivedAt), status: label("status", u.submission.status) }), `state ${u.submission.status}`)
          : el("span", tr("supNoSubmission"), "hint");
        if (u.submission) arrived.title = u.submission.status;
        const line = el("div", `${u.name} (${formatOrgnr(u.orgnr)}), ${localTime(u.usedAt)} – `);
        line.append(arrived);
        usedBy.append(line);
      }
    }
    tr_.append(
      el("td", inv.campaign, "mono"),
      el("td", inv.sector ?? "–"),
      el("td", inv.note ?? "–"),
      el("td", localTime(inv.createdAt)),
      el("td", `${localTime(inv.expiresAt)}${expired ? ` ${tr("supExpired")}` : ""}`),
      el("td", `${inv.uses.length} / ${inv.maxUses}`),
      usedBy,
      actions(inv, expired),
    );
    body.append(tr_);
  }
  byId("no-links").hidden = invites.length > 0;
  byId("links-table").hidden = invites.length === 0;
  byId("links").hidden = false;
}

byId<HTMLFormElement>("create-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const button = byId<HTMLButtonElement>("create-button");
  void runWith(button, byId("create-form-error"), async () => {
    clearError();
    const sector = byId<HTMLInputElement>("inv-sector").value.trim();
    const note = byId<HTMLInputElement>("inv-note").value.trim();
    const body = {
      campaign: byId<HTMLSelectElement>("inv-campaign").value,
      ...(sector ? { sector } : {}),
      ...(note ? { note } : {}),
      expiresInDays: Number(byId<HTMLInputElement>("inv-days").value),
      maxUses: Number(byId<HTMLInputElement>("inv-uses").value),
    };
    const created = await answer(invitesApi.$post({ json: body }, withCsrf()));
    // the server answers its configured public address; the page's own origin is what was reached
    const url = new URL(new URL(created.url, location.origin).pathname, location.origin).href;
    byId<HTMLTextAreaElement>("new-link-url").value = url;
    byId<HTMLInputElement>("inv-note").value = "";
    const section = byId("new-link");
    section.hidden = false;
    section.focus();
    setStatus(tr("supLinkCreated"));
    await load();
  });
});

byId<HTMLButtonElement>("copy-link").addEventListener("click", () => {
  const area = byId<HTMLTextAreaElement>("new-link-url");
  area.select();
  void navigator.clipboard
    .writeText(area.value)
    .then(() => setStatus(tr("supCopied")))
    .catch(() => setStatus(""));
});

byId<HTMLButtonElement>("logout").addEventListener("click", () => {
  void api.api.v1.auth.logout.$post({}, withCsrf()).finally(() => location.assign("/login"));
});

void (async () => {
  // the server showed the way to log in: there is no session to ask about
  if (!byId("login-needed").hidden) return;
  try {
    const me = await api.api.v1.auth.me.$get();
    if (!me.ok) {
      byId("login-needed").hidden = false;
      setStatus("");
      return;
    }
    const who = await me.json();
    csrf = who.csrf;
    byId("who").textContent = tr("supLoggedInAs", { user: who.user.username });
    byId("logout").hidden = false;
    if (!who.user.roles.includes("supervisor")) {
      byId("login-needed").hidden = false;
      return;
    }
    byId("create").hidden = false;
    const select = byId<HTMLSelectElement>("inv-campaign");
    const [campaigns] = await Promise.all([fillCampaigns(select, lang, select.dataset.campaign ?? ""), load()]);
    byId("no-campaigns").hidden = campaigns.length > 0;
  } catch (err) {
    fail(err);
  }
})();
