/**
 * The admin's registry page in the browser: campaigns (the survey model picked from the shipped
 * ones or read from a file here, its SHA-256 computed in the page and shown before saving),
 * organisations, signer keys and CAs (trust, revoke with a reason), accounts (add, roles, disable,
 * enable). Every change goes through the admin API with the session's CSRF token, and the server
 * writes it to the audit log. Each form shows its errors next to its button.
 */
import "./lib/csp.ts";
import "./lib/stacked-tables.ts";
import { PINS_DEV_KEY } from "../../../keys/published/index.ts";
import { formatOrgnr } from "../../../schemas/orgnr.ts";
import { loadSurveyModel } from "../../../schemas/survey-model.ts";
import { KollenError } from "../../../schemas/errors.ts";
import { STAFF_ROLES, type StaffRole } from "../../../schemas/staff-api.ts";
import { coded, label as words } from "./lib/coded.ts";
import { sentence } from "../i18n.ts";
import { answer, api, ApiError } from "./lib/api.ts";
import { byId, el, fileBytes, pageLang, setStatus, showDevBanner, tr } from "./lib/dom.ts";
import { onSubmit, runWith, showIn } from "./lib/form-run.ts";

const lang = pageLang();
const admin = api.api.v1.admin;
let csrf = "";
let me = "";
const withCsrf = () => ({ headers: { "x-csrf-token": csrf } });
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(lang === "sv" ? "sv-SE" : "en-GB", { dateStyle: "medium", timeStyle: "short" }) : "–");
const value = (id: string) => byId<HTMLInputElement>(id).value.trim();

/** A page error the user can act on, in the page's words. */
const pageError = (text: "regModelMissing" | "regKeyNotJson") => new KollenError("BAD_INPUT", text, { detail: { text } });

/** Fills a table body with rows of cells (text, or nodes such as buttons); an empty list says so. */
function fill(tableId: string, rows: Array<Array<string | Node>>, classes: Array<string | undefined> = []): void {
  const table = byId<HTMLTableElement>(tableId);
  const body = table.tBodies[0]!;
  if (!rows.length) {
    const td = el("td", tr("regNone"));
    td.colSpan = table.tHead!.rows[0]!.cells.length;
    const row = el("tr");
    row.append(td);
    body.replaceChildren(row);
    return;
  }
  body.replaceChildren(
    ...rows.map((cells) => {
      const row = el("tr");
      row.append(
        ...cells.map((c, i) => {
          const td = el("td", undefined, classes[i]);
          td.append(c);
          return td;
        }),
      );
      return row;
    }),
  );
}

function button(label: string, onClick: (b: HTMLButtonElement) => void, className = "secondary small"): HTMLButtonElement {
  const b = el("button", label, className);
  b.type = "button";
  b.addEventListener("click", () => onClick(b));
  return b;
}

// --- campaigns

/** The model chosen for the new campaign: its id and the SHA-256 of its exact bytes. */
let model: { id: string; sha256: string } | undefined;

async function chooseModel(bytes: Uint8Array | undefined): Promise<void> {
  model = undefined;
  byId("c-model-hash").textContent = "–";
  if (!bytes) return;
  const loaded = await loadSurveyModel(bytes);
  model = { id: loaded.model.id, sha256: loaded.sha256 };
  byId("c-model-hash").textContent = tr("regModelChosen", model);
}

async function loadShippedModels(): Promise<void> {
  const res = await fetch("/assets/models/index.json", { cache: "no-cache" });
  if (!res.ok) return;
  const { models } = (await res.json()) as { models: string[] };
  const select = byId<HTMLSelectElement>("c-model");
  select.replaceChildren(select.options[0]!, ...models.map((id) => Object.assign(el("option", id), { value: id })));
}

function watchModelInputs(): void {
  const select = byId<HTMLSelectElement>("c-model");
  const file = byId<HTMLInputElement>("c-model-file");
  const box = byId("campaign-form-error");
  const pick = (read: () => Promise<Uint8Array | undefined>) =>
    void read()
      .then(chooseModel)
      .catch((e: unknown) => showIn(box, e));
  select.addEventListener("change", () => {
    file.value = "";
    pick(async () => {
      if (!select.value) return undefined;
      const res = await fetch(`/assets/models/${encodeURIComponent(select.value)}.json`, { cache: "no-cache" });
      if (!res.ok) throw new ApiError(res.status);
      return new Uint8Array(await res.arrayBuffer());
    });
  });
  file.addEventListener("change", () => {
    select.value = "";
    const f = file.files?.[0];
    pick(async () => (f ? fileBytes(f) : undefined));
  });
}

async function loadCampaigns(): Promise<void> {
  const { campaigns } = await answer(admin.campaigns.$get());
  fill(
    "campaign-table",
    campaigns.map((c) => [c.id, c.surveyModelId, c.surveyModelSha256 ?? "–", when(c.opensAt), when(c.closesAt)]),
    ["mono", undefined, "mono hash"],
  );
}

/** A date field as the start of that day in the browser's time zone, or nothing. */
const day = (id: string) => (value(id) ? new Date(`${value(id)}T00:00:00`).toISOString() : undefined);

onSubmit(byId<HTMLFormElement>("campaign-form"), async () => {
  if (!model) throw pageError("regModelMissing");
  const opensAt = day("c-opens");
  const closesAt = day("c-closes");
  const id = value("c-id");
  await answer(admin.campaigns.$post({ json: { id, surveyModelId: model.id, surveyModelSha256: model.sha256, ...(opensAt ? { opensAt } : {}), ...(closesAt ? { closesAt } : {}) } }, withCsrf()));
  byId<HTMLFormElement>("campaign-form").reset();
  await chooseModel(undefined);
  await loadCampaigns();
  setStatus(tr("regCampaignSaved", { id }));
});

// --- organisations

async function loadOrganisations(): Promise<void> {
  const { organisations } = await answer(admin.organisations.$get());
  fill(
    "organisation-table",
    organisations.map((o) => [formatOrgnr(o.orgnr), o.name, coded("group", o.actorGroup), o.covers.map(formatOrgnr).join(", ") || "–"]),
    ["mono", undefined, undefined, "mono"],
  );
}

onSubmit(byId<HTMLFormElement>("organisation-form"), async () => {
  const group = byId<HTMLSelectElement>("o-group").value;
  const covers = byId<HTMLTextAreaElement>("o-covers").value.split(/[\s,;]+/).filter(Boolean);
  const r = await answer(admin.organisations.$post({ json: { orgnr: value("o-orgnr"), name: value("o-name"), covers, ...(group ? { actorGroup: group } : {}) } }, withCsrf()));
  byId<HTMLFormElement>("organisation-form").reset();
  await loadOrganisations();
  setStatus(tr("regOrganisationSaved", { orgnr: formatOrgnr(r.orgnr) }));
});

// --- revoking a signer or a CA: one dialog asks for the reason

let revoking: { what: string; run: (reason: string) => Promise<void> } | undefined;
let revokeOpener: HTMLElement | undefined;

function askRevoke(opener: HTMLElement, heading: string, what: string, run: (reason: string) => Promise<void>): void {
  revoking = { what, run };
  revokeOpener = opener;
  byId("revoke-heading").textContent = heading;
  byId<HTMLFormElement>("revoke-form").reset();
  byId("revoke-form-error").hidden = true;
  byId<HTMLDialogElement>("revoke-dialog").showModal();
  byId("revoke-reason").focus();
}

function closeRevoke(): void {
  byId<HTMLDialogElement>("revoke-dialog").close();
  revokeOpener?.focus();
}

byId<HTMLDialogElement>("revoke-dialog").addEventListener("cancel", () => revokeOpener?.focus());
byId("revoke-cancel").addEventListener("click", closeRevoke);
onSubmit(byId<HTMLFormElement>("revoke-form"), async () => {
  if (!revoking) return;
  await revoking.run(byId<HTMLTextAreaElement>("revoke-reason").value.trim());
  setStatus(tr("regRevoked", { what: revoking.what }));
  closeRevoke();
});

/**
 * A key's or CA's state: trusted with a button that asks for the reason and revokes (named by
 * `heading` for a screen reader), or revoked from when and why.
 */
function trustCell(revokedAt: string | null, reason: string | null, heading: string, what: string, revoke: (reason: string) => Promise<void>): HTMLElement {
  const cell = el("span", revokedAt ? tr("regRevokedFrom", { when: when(revokedAt), reason: reason ?? "–" }) : tr("regTrusted"));
  if (!revokedAt) {
    const b = button(tr("regRevoke"), (b) => askRevoke(b, heading, what, revoke));
    b.setAttribute("aria-label", heading);
    cell.append(" ", b);
  }
  return cell;
}

// --- signers

async function loadSigners(): Promise<void> {
  const { signers } = await answer(admin.signers.$get());
  fill(
    "signer-table",
    signers.map((s) => {
      const org = `${formatOrgnr(s.orgnr)} ${s.organisationName ?? ""}`.trim();
      const short = `${s.kid.slice(0, 12)}…`;
      const cell = trustCell(s.revokedFrom, s.revokeReason, tr("regRevokeSigner", { what: `${short} (${org})` }), short, async (reason) => {
        await answer(admin.signers[":kid"].revoke.$post({ param: { kid: s.kid }, json: { reason } }, withCsrf()));
        await loadSigners();
      });
      return [org, s.kid, coded("signerSource", s.source), when(s.createdAt), cell];
    }),
    [undefined, "mono hash"],
  );
}

async function readJson(file: File): Promise<Record<string, unknown>> {
  try {
    const v = JSON.parse(await file.slice(0, 16 * 1024).text()) as unknown;
    if (typeof v === "object" && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* the message below says what is wrong */
  }
  throw pageError("regKeyNotJson");
}

onSubmit(byId<HTMLFormElement>("signer-form"), async () => {
  const file = byId<HTMLInputElement>("s-key").files![0]!;
  const r = await answer(admin.signers.$post({ json: { orgnr: value("s-orgnr"), jwk: await readJson(file) } }, withCsrf()));
  byId<HTMLFormElement>("signer-form").reset();
  await loadSigners();
  setStatus(tr("regSignerAdded", { kid: r.kid, orgnr: formatOrgnr(r.orgnr) }));
});

// --- CAs

async function loadCas(): Promise<void> {
  const { cas } = await answer(admin.cas.$get());
  fill(
    "ca-table",
    cas.map((c) => {
      const cell = trustCell(c.revokedAt, c.revokeReason, tr("regRevokeCa", { what: c.label }), c.label, async (reason) => {
        await answer(admin.cas[":id"].revoke.$post({ param: { id: c.id }, json: { reason } }, withCsrf()));
        await loadCas();
      });
      return [c.label, c.id, when(c.createdAt), cell];
    }),
    [undefined, "mono hash"],
  );
}

onSubmit(byId<HTMLFormElement>("ca-form"), async () => {
  const file = byId<HTMLInputElement>("ca-pem").files![0]!;
  const label = value("ca-label");
  await answer(admin.cas.$post({ json: { label, pem: await file.slice(0, 64 * 1024).text() } }, withCsrf()));
  byId<HTMLFormElement>("ca-form").reset();
  await loadCas();
  setStatus(tr("regCaAdded", { label }));
});

// --- accounts

async function loadUsers(): Promise<void> {
  const { users } = await answer(admin.users.$get());
  const box = byId("user-table-error");
  fill(
    "user-table",
    users.map((u) => {
      const roles = el("div", undefined, "roles");
      const boxes = STAFF_ROLES.map((r) => {
        const input = Object.assign(el("input"), { type: "checkbox", value: r, checked: u.roles.includes(r) });
        const label = el("label", undefined, "inline");
        label.title = r;
        label.append(input, ` ${sentence(words("role", r))}`);
        roles.append(label);
        return input;
      });
      const save = button(tr("regSaveRoles", { user: u.username }), (b) =>
        void runWith(b, box, async () => {
          const chosen = boxes.filter((i) => i.checked).map((i) => i.value as StaffRole);
          await answer(admin.users[":id"].roles.$post({ param: { id: u.id }, json: { roles: chosen } }, withCsrf()));
          await loadUsers();
          setStatus(tr("regRolesSaved", { user: u.username }));
        }),
      );
      roles.append(save);
      const status = el("div", tr(u.disabled ? "admDisabled" : "admActive"));
      if (u.id !== me) {
        const toggle = button(tr(u.disabled ? "admEnable" : "admDisable", { user: u.username }), (b) =>
          void runWith(b, box, async () => {
            const call = u.disabled ? admin.users[":id"].enable : admin.users[":id"].disable;
            await answer(call.$post({ param: { id: u.id } }, withCsrf()));
            await loadUsers();
            setStatus(tr(u.disabled ? "admUserEnabled" : "admUserDisabled", { user: u.username }));
          }),
        );
        status.append(" ", toggle);
      }
      return [u.username, roles, status];
    }),
  );
}

onSubmit(byId<HTMLFormElement>("user-form"), async () => {
  const roles = [...document.querySelectorAll<HTMLInputElement>("#user-form input[name=roles]:checked")].map((i) => i.value as StaffRole);
  const r = await answer(admin.users.$post({ json: { username: value("u-name"), password: byId<HTMLInputElement>("u-password").value, roles } }, withCsrf()));
  byId<HTMLFormElement>("user-form").reset();
  await loadUsers();
  setStatus(tr("admUserAdded", { user: r.username }));
});

// --- start

async function start(): Promise<void> {
  const res = await api.api.v1.auth.me.$get();
  if (!res.ok) return location.assign("/login");
  const who = await res.json();
  csrf = who.csrf;
  me = who.user.id;
  byId("whoami").textContent = tr("admLoggedInAs", { user: who.user.username, roles: who.user.roles.map((r) => words("role", r)).join(", ") });
  if (!who.user.roles.includes("admin")) {
    byId("need-admin").hidden = false;
    return;
  }
  byId("registry").hidden = false;
  watchModelInputs();
  await Promise.all([loadShippedModels(), loadCampaigns(), loadOrganisations(), loadSigners(), loadCas(), loadUsers()]);
}

showDevBanner(PINS_DEV_KEY);
void start().catch((e: unknown) => showIn(byId("error"), e));
