/**
 * The staff view (queue, detail and decision, manual registration, export, invitation links, users, audit): a shell whose sections server/web/src/admin.ts fills from the
 * admin API according to the roles of the logged-in user (the data stays behind the role checks of
 * /api/v1/admin). The reviewer's decrypt-in-the-browser uses the report markup of the review page.
 */
import { ACTOR_GROUPS } from "../../../schemas/orgnr.ts";
import { codeWords, type CodeKind } from "../../../schemas/messages.ts";
import { QUEUE_SORTS, STAFF_ROLES } from "../../../schemas/staff-api.ts";
import { REVIEW_FLAGS, SUBMISSION_STATUSES } from "../../../schemas/submission.ts";
import { sentence, t } from "../i18n.ts";
import { errorBox, layout, markup, text, type PageContext } from "../layout.ts";
import { reviewReportMarkup } from "./review-page.ts";

/** The staff view. */
export function adminPage(ctx: PageContext): string {
  const opt = (v: string, label: string, code = v) => markup`<option value="${v}" title="${code}">${label}</option>`;
  const labelled = (kind: CodeKind, values: readonly string[]) => values.map((v) => opt(v, sentence(codeWords(kind, v, ctx.lang))));
  const main = markup`
<h1>${text(ctx, "admTitle")}</h1>
<div class="userbar"><p id="whoami" class="intro"></p>
<p class="actions"><button id="logout" type="button" class="secondary">${text(ctx, "admLogout")}</button> <button id="logout-all" type="button" class="secondary">${text(ctx, "admLogoutAll")}</button></p></div>
<p id="registry-link" class="actions" hidden><a href="/admin/registry">${text(ctx, "regLink")}</a></p>
<div id="status" class="status" role="status" aria-live="polite"></div>
${errorBox("error")}

<section id="queue-section" class="card" hidden aria-labelledby="queue-heading">
<h2 id="queue-heading">${text(ctx, "admQueue")}</h2>
<form id="filter-form" class="filters" role="search">
<label class="grow">${text(ctx, "admSearch")} <input id="f-q" name="q" type="search" maxlength="100" autocomplete="off"></label>
<label>${text(ctx, "admCampaign")} <select id="f-campaign" name="campaign">${opt("", text(ctx, "admAll"))}</select></label>
<label>${text(ctx, "admStatus")} <select id="f-status" name="status">${opt("", text(ctx, "admAll"))}${labelled("status", SUBMISSION_STATUSES)}</select></label>
<label>${text(ctx, "admGroup")} <select id="f-group" name="group">${opt("", text(ctx, "admAll"))}${labelled("group", ACTOR_GROUPS)}</select></label>
<label>${text(ctx, "admFlag")} <select id="f-flag" name="flag">${opt("", text(ctx, "admAll"))}${labelled("flag", REVIEW_FLAGS)}</select></label>
<label>${text(ctx, "admSort")} <select id="f-sort" name="sort">${QUEUE_SORTS.map((v) => opt(v, text(ctx, `admSort_${v}`)))}</select></label>
<button type="submit" class="secondary">${text(ctx, "admFilter")}</button>
</form>
<div id="queue-counts" class="counts"></div>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="queue-heading">
<table id="queue" class="queue"><thead><tr><th scope="col">${text(ctx, "admReceived")}</th><th scope="col">${text(ctx, "fieldOrganisation")}</th><th scope="col">${text(ctx, "admCampaign")}</th><th scope="col">${text(ctx, "admStatus")}</th><th scope="col">${text(ctx, "admFlag")}</th><th scope="col"><span class="visually-hidden">${text(ctx, "admOpen")}</span></th></tr></thead><tbody></tbody></table>
</div>
<nav class="pager actions" aria-label="${text(ctx, "admPages")}"><button id="q-prev" type="button" class="secondary small">${text(ctx, "admPrev")}</button> <span id="q-showing"></span> <button id="q-next" type="button" class="secondary small">${text(ctx, "admNext")}</button></nav>
</section>

<section id="detail-section" class="card" hidden aria-labelledby="detail-heading" tabindex="-1">
<h2 id="detail-heading">${text(ctx, "admDetail")}</h2>
<dl id="detail-facts" class="facts"></dl>
<h3>${text(ctx, "admCoverage")}</h3>
<ul id="detail-coverage"></ul>
${errorBox("coverage-error")}
<h3>${text(ctx, "admHistory")}</h3>
<ul id="detail-history"></ul>
<h3>${text(ctx, "admDecisions")}</h3>
<ul id="detail-decisions"></ul>
<h3>${text(ctx, "admDecrypt")}</h3>
<p class="hint">${text(ctx, "admDecryptIntro")}</p>
<form id="decrypt-form">
<div class="field"><label for="identity-file">${text(ctx, "reviewIdentityLabel")}</label>
<input id="identity-file" type="file" accept=".txt,.key,.age,text/plain"></div>
<p class="actions"><button id="decrypt-button" type="submit">${text(ctx, "admDecryptButton")}</button> <button id="clear-button" type="button" class="secondary">${text(ctx, "reviewClearButton")}</button> <a id="download-link" href="#">${text(ctx, "admDownload")}</a></p>
${errorBox("decrypt-error")}
</form>
</section>
${reviewReportMarkup(ctx)}

<section id="decision-section" class="card" hidden aria-labelledby="decision-heading">
<h2 id="decision-heading">${text(ctx, "admDecision")}</h2>
<p id="decision-closed" class="notice" hidden></p>
<p id="first-approval" class="notice" hidden></p>
<form id="decision-form">
<p id="approve-state" class="hint"></p>
<fieldset><legend class="visually-hidden">${text(ctx, "admDecision")}</legend>
<label><input type="radio" name="decision" value="approve" id="d-approve" disabled> ${text(ctx, "admApprove")}</label>
<label><input type="radio" name="decision" value="reject" id="d-reject" checked> ${text(ctx, "admReject")}</label></fieldset>
<div class="field"><label for="reason">${text(ctx, "admReason")}</label><textarea id="reason" name="reason" required minlength="3" maxlength="2000" rows="2"></textarea></div>
<p class="actions"><button id="decision-button" type="submit">${text(ctx, "admSaveDecision")}</button></p>
</form>
${errorBox("decision-error")}
</section>

<section id="manual-section" class="card" hidden aria-labelledby="manual-heading">
<h2 id="manual-heading">${text(ctx, "admManual")}</h2>
<form id="manual-form">
<div class="field"><label for="m-org">${text(ctx, "fieldOrganisation")}</label><input id="m-org" name="organisation" type="text" required maxlength="20"></div>
<div class="field"><label for="m-campaign">${text(ctx, "admCampaign")}</label><select id="m-campaign" name="campaign"></select></div>
<div class="field"><label for="m-channel">${text(ctx, "admChannel")}</label><select id="m-channel" name="channel">${["paper", "email", "other"].map((c) => opt(c, text(ctx, `admChannel_${c}` as "admChannel_paper")))}</select></div>
<div class="field"><label for="m-note">${text(ctx, "admNote")}</label><input id="m-note" name="note" type="text" maxlength="2000"></div>
<p class="actions"><button id="manual-button" type="submit" class="secondary">${text(ctx, "admRegister")}</button></p>
${errorBox("manual-error")}
</form>
</section>

<section id="export-section" class="card" hidden aria-labelledby="export-heading">
<h2 id="export-heading">${text(ctx, "admExport")}</h2>
<p class="hint">${text(ctx, "admExportIntro")}</p>
<form id="export-form" method="get" action="/api/v1/admin/export" class="filters">
<label>${text(ctx, "admCampaign")} <select id="e-campaign" name="campaign"></select></label>
<button type="submit" class="secondary">${text(ctx, "admExportButton")}</button>
</form>
</section>

<section id="invites-section" class="card" hidden aria-labelledby="invites-heading">
<h2 id="invites-heading">${text(ctx, "admInvites")}</h2>
<p class="hint">${text(ctx, "admInvitesIntro")}</p>
<form id="invites-form">
<div class="field"><label for="i-campaign">${text(ctx, "admCampaign")}</label><select id="i-campaign"></select></div>
<fieldset><legend>${text(ctx, "admInviteWhich")}</legend>
<label><input type="radio" name="i-select" value="allUnkeyed" checked> ${text(ctx, "admInviteUnkeyed")}</label>
<label><input type="radio" name="i-select" value="group"> ${text(ctx, "admInviteGroup")}</label>
<label><input type="radio" name="i-select" value="orgs"> ${text(ctx, "admInviteOrgs")}</label></fieldset>
<div class="field"><label for="i-group">${text(ctx, "admGroup")}</label><select id="i-group">${ACTOR_GROUPS.map((s) => opt(s, s))}</select></div>
<div class="field"><label for="i-orgs">${text(ctx, "admInviteOrgsLabel")}</label><textarea id="i-orgs" rows="2" spellcheck="false"></textarea></div>
<div class="field"><label for="i-days">${text(ctx, "admInviteDays")}</label><input id="i-days" type="number" min="1" max="365" value="30"></div>
<p class="actions"><button id="invites-button" type="submit">${text(ctx, "admInviteButton")}</button> <a id="invites-download" class="button secondary" href="#" download="inbjudningar.csv" hidden>${text(ctx, "admInviteDownload")}</a></p>
${errorBox("invites-error")}
</form>
</section>

<section id="users-section" class="card" hidden aria-labelledby="users-heading">
<h2 id="users-heading">${text(ctx, "admUsers")}</h2>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="users-heading">
<table id="users" class="queue"><thead><tr><th scope="col">${text(ctx, "loginUsername")}</th><th scope="col">${text(ctx, "admRoles")}</th><th scope="col">${text(ctx, "admStatus")}</th><th scope="col"><span class="visually-hidden">${text(ctx, "admDisableShort")}</span></th></tr></thead><tbody></tbody></table>
</div>
${errorBox("users-error")}
<h3>${text(ctx, "admAddUser")}</h3>
<form id="user-form">
<div class="field"><label for="u-name">${text(ctx, "loginUsername")}</label><input id="u-name" type="text" required maxlength="64" autocomplete="off"></div>
<div class="field"><label for="u-password">${text(ctx, "loginPassword")}</label><input id="u-password" type="password" required minlength="12" autocomplete="new-password"></div>
<fieldset><legend>${text(ctx, "admRoles")}</legend>${STAFF_ROLES.map((r) => markup`<label title="${r}"><input type="checkbox" name="roles" value="${r}"> ${sentence(codeWords("role", r, ctx.lang))}</label>`)}</fieldset>
<p class="actions"><button id="user-button" type="submit" class="secondary">${text(ctx, "admAddUser")}</button></p>
${errorBox("user-error")}
</form>
</section>

<section id="audit-section" class="card" hidden aria-labelledby="audit-heading">
<h2 id="audit-heading">${text(ctx, "admAudit")}</h2>
<p id="audit-chain"></p>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="audit-heading">
<table id="audit" class="queue"><thead><tr><th scope="col">#</th><th scope="col">${text(ctx, "admWhen")}</th><th scope="col">${text(ctx, "admAction")}</th><th scope="col">${text(ctx, "admActor")}</th><th scope="col">${text(ctx, "admSubject")}</th></tr></thead><tbody></tbody></table>
</div>
</section>
`;
  return layout(ctx, { title: t(ctx.lang, "admTitle"), script: "admin", main });
}
