/**
 * The supervisory authority's page: make invitation links for a campaign picked from the open ones,
 * with a note of whom each was sent to (kept for the supervisor only), copy them, and see which
 * organisation used each and whether its submission arrived, with its status — never a result. The
 * page is a shell; the data comes from /api/v1/invites behind the supervisor role
 * (server/web/src/supervisor.ts), so a visitor without a session sees only the way to log in.
 */
import { errorBox, layout, markup, text, type PageContext } from "../layout.ts";
import { field } from "../fields.ts";

/**
 * The supervisor page; `campaign` preselects a campaign of the server's list. Without a session
 * (`signedIn` false) the way to log in shows at once and the script asks the API nothing.
 */
export function supervisorPage(ctx: PageContext, campaign = "", signedIn = true): string {
  const main = markup`
<h1>${text(ctx, "supTitle")}</h1>
<p class="intro">${text(ctx, "supIntro")}</p>
<p class="actions"><span id="who" class="hint"></span> <button id="logout" type="button" class="secondary" hidden>${text(ctx, "supLogout")}</button></p>

<div id="status" class="status" role="status" aria-live="polite"></div>
${errorBox("error")}

<section id="login-needed" class="card"${signedIn ? markup` hidden` : ""}>
<p>${text(ctx, "supNeedLogin")}</p>
<p class="actions"><a class="button" href="/login">${text(ctx, "supLoginLink")}</a></p>
</section>

<section id="create" class="card" hidden aria-labelledby="create-heading">
<h2 id="create-heading">${text(ctx, "supCreateHeading")}</h2>
<form id="create-form">
${field("inv-campaign", text(ctx, "campaignLabel"), markup`<select id="inv-campaign" required data-campaign="${campaign}"><option value="">${text(ctx, "campaignLoading")}</option></select>`)}
<p id="no-campaigns" class="hint" hidden>${text(ctx, "supNoCampaigns")}</p>
${field("inv-sector", text(ctx, "supSectorLabel"), markup`<input id="inv-sector" type="text" autocomplete="off" maxlength="80">`)}
${field("inv-note", text(ctx, "supNoteLabel"), markup`<input id="inv-note" type="text" autocomplete="off" maxlength="200">`)}
${field("inv-days", text(ctx, "supDaysLabel"), markup`<input id="inv-days" type="number" min="1" max="365" step="1" value="30" required>`)}
<div class="field">
<label for="inv-uses">${text(ctx, "supUsesLabel")}</label>
<input id="inv-uses" type="number" min="1" max="10000" step="1" value="1" required aria-describedby="inv-uses-hint">
<p id="inv-uses-hint" class="hint">${text(ctx, "supUsesHint")}</p>
</div>
${errorBox("create-form-error")}
<p class="actions"><button id="create-button" type="submit">${text(ctx, "supCreateButton")}</button></p>
</form>
</section>

<section id="new-link" class="card receipt" hidden aria-labelledby="new-link-heading" tabindex="-1">
<h2 id="new-link-heading">${text(ctx, "supNewLinkHeading")}</h2>
<p>${text(ctx, "supNewLinkHint")}</p>
<label for="new-link-url">${text(ctx, "supNewLinkHeading")}</label>
<textarea id="new-link-url" rows="3" readonly spellcheck="false"></textarea>
<p class="actions"><button id="copy-link" type="button">${text(ctx, "supCopyButton")}</button></p>
</section>

<section id="links" class="card" hidden aria-labelledby="links-heading">
<h2 id="links-heading">${text(ctx, "supListHeading")}</h2>
<p id="no-links" class="hint" hidden>${text(ctx, "supNoLinks")}</p>
<table id="links-table" class="queue">
<thead><tr><th scope="col">${text(ctx, "supColCampaign")}</th><th scope="col">${text(ctx, "supColSector")}</th><th scope="col">${text(ctx, "supColNote")}</th><th scope="col">${text(ctx, "supColCreated")}</th><th scope="col">${text(ctx, "supColExpires")}</th><th scope="col">${text(ctx, "supColUses")}</th><th scope="col">${text(ctx, "supColUsedBy")}</th><th scope="col">${text(ctx, "supColActions")}</th></tr></thead>
<tbody id="links-body"></tbody>
</table>
</section>
`;
  return layout(ctx, { title: ctx.lang === "sv" ? "Inbjudningslänkar" : "Invitation links", script: "supervisor", main });
}
