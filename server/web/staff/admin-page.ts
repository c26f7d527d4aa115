/**
 * The staff view (issue 4 § 3–6): a shell whose sections server/web/src/admin.ts fills from the
 * admin API according to the roles of the logged-in user (the data stays behind the role checks of
 * /api/v1/admin). The reviewer's decrypt-in-the-browser uses the report markup of the review page.
 */
import { t } from "../i18n.ts";
import { layout, tx, type PageContext } from "../layout.ts";
import { reviewReportMarkup } from "./review-page.ts";

/** The staff view. */
export function adminPage(ctx: PageContext): string {
  const opt = (v: string, label: string) => `<option value="${v}">${label}</option>`;
  const main = `
<h1>${tx(ctx, "admTitle")}</h1>
<div class="userbar"><p id="whoami" class="intro"></p>
<p class="actions"><button id="logout" type="button" class="secondary">${tx(ctx, "admLogout")}</button> <button id="logout-all" type="button" class="secondary">${tx(ctx, "admLogoutAll")}</button></p></div>
<div id="status" class="status" role="status" aria-live="polite"></div>
<div id="error" class="error" role="alert" hidden></div>

<section id="queue-section" class="card" hidden aria-labelledby="queue-heading">
<h2 id="queue-heading">${tx(ctx, "admQueue")}</h2>
<form id="filter-form" class="filters">
<label>${tx(ctx, "admCampaign")} <select id="f-campaign" name="campaign">${opt("", tx(ctx, "admAll"))}</select></label>
<label>${tx(ctx, "admStatus")} <select id="f-status" name="status">${opt("", tx(ctx, "admAll"))}${["received", "verified", "approved", "rejected", "superseded", "conflict"].map((s) => opt(s, s)).join("")}</select></label>
<label>${tx(ctx, "admGroup")} <select id="f-group" name="group">${opt("", tx(ctx, "admAll"))}${["municipality", "region", "state_agency", "other"].map((s) => opt(s, s)).join("")}</select></label>
<label>${tx(ctx, "admFlag")} <select id="f-flag" name="flag">${opt("", tx(ctx, "admAll"))}${["SUPERSEDES_APPROVED", "COVERAGE_CONFLICT", "COVERAGE_UNCONFIRMED"].map((s) => opt(s, s)).join("")}</select></label>
<button type="submit" class="secondary">${tx(ctx, "admFilter")}</button>
</form>
<table id="queue" class="queue"><thead><tr><th>${tx(ctx, "admReceived")}</th><th>${tx(ctx, "fieldOrganisation")}</th><th>${tx(ctx, "admCampaign")}</th><th>${tx(ctx, "admStatus")}</th><th>${tx(ctx, "admFlag")}</th><th></th></tr></thead><tbody></tbody></table>
</section>

<section id="detail-section" class="card" hidden aria-labelledby="detail-heading">
<h2 id="detail-heading">${tx(ctx, "admDetail")}</h2>
<dl id="detail-facts" class="facts"></dl>
<h3>${tx(ctx, "admCoverage")}</h3>
<ul id="detail-coverage"></ul>
<h3>${tx(ctx, "admHistory")}</h3>
<ul id="detail-history"></ul>
<h3>${tx(ctx, "admDecisions")}</h3>
<ul id="detail-decisions"></ul>
<h3>${tx(ctx, "admDecrypt")}</h3>
<p class="hint">${tx(ctx, "admDecryptIntro")}</p>
<form id="decrypt-form">
<div class="field"><label for="identity-file">${tx(ctx, "reviewIdentityLabel")}</label>
<input id="identity-file" type="file" accept=".txt,.key,.age,text/plain"></div>
<p class="actions"><button id="decrypt-button" type="submit">${tx(ctx, "admDecryptButton")}</button> <button id="clear-button" type="button" class="secondary">${tx(ctx, "reviewClearButton")}</button> <a id="download-link" href="#">${tx(ctx, "admDownload")}</a></p>
</form>
<h3>${tx(ctx, "admDecision")}</h3>
<form id="decision-form">
<fieldset><legend class="visually-hidden">${tx(ctx, "admDecision")}</legend>
<label><input type="radio" name="decision" value="approve" checked> ${tx(ctx, "admApprove")}</label>
<label><input type="radio" name="decision" value="reject"> ${tx(ctx, "admReject")}</label></fieldset>
<div class="field"><label for="reason">${tx(ctx, "admReason")}</label><textarea id="reason" name="reason" required minlength="3" maxlength="2000" rows="2"></textarea></div>
<p class="actions"><button id="decision-button" type="submit">${tx(ctx, "admSaveDecision")}</button></p>
</form>
</section>
${reviewReportMarkup(ctx)}

<section id="manual-section" class="card" hidden aria-labelledby="manual-heading">
<h2 id="manual-heading">${tx(ctx, "admManual")}</h2>
<form id="manual-form">
<div class="field"><label for="m-org">${tx(ctx, "fieldOrganisation")}</label><input id="m-org" name="organisation" required maxlength="20"></div>
<div class="field"><label for="m-campaign">${tx(ctx, "admCampaign")}</label><select id="m-campaign" name="campaign"></select></div>
<div class="field"><label for="m-channel">${tx(ctx, "admChannel")}</label><select id="m-channel" name="channel">${["paper", "email", "other"].map((c) => opt(c, t(ctx.lang, `admChannel_${c}` as "admChannel_paper"))).join("")}</select></div>
<div class="field"><label for="m-note">${tx(ctx, "admNote")}</label><input id="m-note" name="note" maxlength="2000"></div>
<p class="actions"><button type="submit" class="secondary">${tx(ctx, "admRegister")}</button></p>
</form>
</section>

<section id="export-section" class="card" hidden aria-labelledby="export-heading">
<h2 id="export-heading">${tx(ctx, "admExport")}</h2>
<p class="hint">${tx(ctx, "admExportIntro")}</p>
<form id="export-form" method="get" action="/api/v1/admin/export">
<label>${tx(ctx, "admCampaign")} <select id="e-campaign" name="campaign"></select></label>
<button type="submit" class="secondary">${tx(ctx, "admExportButton")}</button>
</form>
</section>

<section id="users-section" class="card" hidden aria-labelledby="users-heading">
<h2 id="users-heading">${tx(ctx, "admUsers")}</h2>
<ul id="users"></ul>
<form id="user-form">
<div class="field"><label for="u-name">${tx(ctx, "loginUsername")}</label><input id="u-name" required maxlength="64" autocomplete="off"></div>
<div class="field"><label for="u-password">${tx(ctx, "loginPassword")}</label><input id="u-password" type="password" required minlength="12" autocomplete="new-password"></div>
<fieldset><legend>${tx(ctx, "admRoles")}</legend>${["admin", "reviewer", "supervisor", "analyst"].map((r) => `<label><input type="checkbox" name="roles" value="${r}"> ${r}</label>`).join(" ")}</fieldset>
<p class="actions"><button type="submit" class="secondary">${tx(ctx, "admAddUser")}</button></p>
</form>
</section>

<section id="audit-section" class="card" hidden aria-labelledby="audit-heading">
<h2 id="audit-heading">${tx(ctx, "admAudit")}</h2>
<p id="audit-chain"></p>
<table id="audit" class="queue"><thead><tr><th>#</th><th>${tx(ctx, "admWhen")}</th><th>${tx(ctx, "admAction")}</th><th>${tx(ctx, "admActor")}</th><th>${tx(ctx, "admSubject")}</th></tr></thead><tbody></tbody></table>
</section>
`;
  return layout(ctx, { title: t(ctx.lang, "admTitle"), script: "admin", main });
}
