/**
 * The admin's registry page (/admin/registry): campaigns (with the survey model picked from the
 * shipped ones or uploaded, its hash shown), organisations (actor group, coverage), signer keys and
 * CAs (add, revoke with a reason), accounts (add, roles, disable). A shell: server/web/src/registry.ts
 * fills it from the admin API, whose role checks keep the data; each form shows its own errors.
 */
import { codeWords } from "../../../schemas/messages.ts";
import { ACTOR_GROUPS } from "../../../schemas/orgnr.ts";
import { ID_PATTERN } from "../../../schemas/ids.ts";
import { STAFF_ROLES } from "../../../schemas/staff-api.ts";
import { field } from "../fields.ts";
import { sentence, t, type TextKey } from "../i18n.ts";
import { errorBox, layout, markup, text, type Markup, type PageContext } from "../layout.ts";

const th = (ctx: PageContext, keys: TextKey[]) => markup`<thead><tr>${keys.map((k) => markup`<th scope="col">${text(ctx, k)}</th>`)}</tr></thead>`;

function section(ctx: PageContext, id: string, heading: TextKey, body: Markup): Markup {
  return markup`<section id="${id}" class="card" aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${text(ctx, heading)}</h2>
${body}
</section>`;
}

/** The registry page. */
export function registryPage(ctx: PageContext): string {
  const campaigns = markup`
<table id="campaign-table" class="queue">${th(ctx, ["regCampaignId", "fieldModel", "regColHash", "regColOpens", "regColCloses"])}<tbody></tbody></table>
<form id="campaign-form" novalidate>
<div class="field"><label for="c-id">${text(ctx, "regCampaignId")}</label>
<input id="c-id" type="text" required maxlength="64" pattern="${ID_PATTERN}" autocomplete="off" spellcheck="false" aria-describedby="c-id-hint">
<p id="c-id-hint" class="hint">${text(ctx, "regCampaignIdHint")}</p></div>
<fieldset><legend>${text(ctx, "fieldModel")}</legend>
${field("c-model", text(ctx, "regModelShipped"), markup`<select id="c-model"><option value="">${text(ctx, "regModelPick")}</option></select>`)}
${field("c-model-file", text(ctx, "regModelFile"), markup`<input id="c-model-file" type="file" accept=".json,application/json">`)}
<p class="hint">${text(ctx, "regModelHash")}: <output id="c-model-hash" class="mono" for="c-model c-model-file">–</output></p>
</fieldset>
<div class="field-row">
${field("c-opens", text(ctx, "regOpens"), markup`<input id="c-opens" type="date">`)}
${field("c-closes", text(ctx, "regCloses"), markup`<input id="c-closes" type="date">`)}
</div>
${errorBox("campaign-form-error")}
<p class="actions"><button type="submit">${text(ctx, "regSaveCampaign")}</button></p>
</form>`;

  const groups = [markup`<option value="">${text(ctx, "regGroupAuto")}</option>`, ...ACTOR_GROUPS.map((g) => markup`<option value="${g}" title="${g}">${sentence(codeWords("group", g, ctx.lang))}</option>`)];
  const organisations = markup`
<table id="organisation-table" class="queue">${th(ctx, ["regOrgnr", "regName", "admGroup", "regCovers"])}<tbody></tbody></table>
<form id="organisation-form" novalidate>
${field("o-orgnr", text(ctx, "regOrgnr"), markup`<input id="o-orgnr" type="text" required maxlength="20" autocomplete="off" inputmode="numeric">`)}
${field("o-name", text(ctx, "regName"), markup`<input id="o-name" type="text" required maxlength="200" autocomplete="off">`)}
${field("o-group", text(ctx, "admGroup"), markup`<select id="o-group">${groups}</select>`)}
<div class="field"><label for="o-covers">${text(ctx, "regCovers")}</label>
<textarea id="o-covers" rows="3" spellcheck="false" aria-describedby="o-covers-hint"></textarea>
<p id="o-covers-hint" class="hint">${text(ctx, "regCoversHint")}</p></div>
${errorBox("organisation-form-error")}
<p class="actions"><button type="submit">${text(ctx, "regSaveOrganisation")}</button></p>
</form>`;

  const signers = markup`
<p class="hint">${text(ctx, "regSignersIntro")}</p>
<table id="signer-table" class="queue">${th(ctx, ["regOrgnr", "regColKid", "regColSource", "regColAdded", "regColState"])}<tbody></tbody></table>
<form id="signer-form" novalidate>
${field("s-orgnr", text(ctx, "regOrgnr"), markup`<input id="s-orgnr" type="text" required maxlength="20" autocomplete="off" inputmode="numeric">`)}
${field("s-key", text(ctx, "regSignerKey"), markup`<input id="s-key" type="file" required accept=".pub,.jwk,.json,application/json">`)}
${errorBox("signer-form-error")}
<p class="actions"><button type="submit">${text(ctx, "regAddSigner")}</button></p>
</form>`;

  const cas = markup`
<p class="hint">${text(ctx, "regCasIntro")}</p>
<table id="ca-table" class="queue">${th(ctx, ["regCaLabel", "regColHash", "regColAdded", "regColState"])}<tbody></tbody></table>
<form id="ca-form" novalidate>
${field("ca-label", text(ctx, "regCaLabel"), markup`<input id="ca-label" type="text" required maxlength="200" autocomplete="off">`)}
${field("ca-pem", text(ctx, "regCaPem"), markup`<input id="ca-pem" type="file" required accept=".pem,.crt,.cer,application/x-pem-file">`)}
${errorBox("ca-form-error")}
<p class="actions"><button type="submit">${text(ctx, "regAddCa")}</button></p>
</form>`;

  const roleBoxes = STAFF_ROLES.map((r) => markup`<label class="inline" title="${r}"><input type="checkbox" name="roles" value="${r}"> ${sentence(codeWords("role", r, ctx.lang))}</label>`);
  const users = markup`
<table id="user-table" class="queue">${th(ctx, ["loginUsername", "admRoles", "regColState"])}<tbody></tbody></table>
${errorBox("user-table-error")}
<form id="user-form" novalidate>
${field("u-name", text(ctx, "loginUsername"), markup`<input id="u-name" type="text" required maxlength="64" autocomplete="off" spellcheck="false">`)}
${field("u-password", text(ctx, "regPassword"), markup`<input id="u-password" type="password" required minlength="12" autocomplete="new-password">`)}
<fieldset class="roles"><legend>${text(ctx, "admRoles")}</legend>${roleBoxes}</fieldset>
${errorBox("user-form-error")}
<p class="actions"><button type="submit">${text(ctx, "regAddUser")}</button></p>
</form>`;

  const parts: Array<[string, TextKey, Markup]> = [
    ["campaigns", "regCampaigns", campaigns],
    ["organisations", "regOrganisations", organisations],
    ["signers", "regSigners", signers],
    ["cas", "regCas", cas],
    ["users", "admUsers", users],
  ];
  const main = markup`
<h1>${text(ctx, "regTitle")}</h1>
<p class="intro">${text(ctx, "regIntro")}</p>
<p class="actions"><a href="/admin">${text(ctx, "regBack")}</a> <span id="whoami" class="hint"></span></p>
<div id="status" class="status" role="status" aria-live="polite"></div>
${errorBox("error")}
<section id="need-admin" class="card" hidden><p>${text(ctx, "regNeedAdmin")}</p><p class="actions"><a class="button" href="/login">${text(ctx, "supLoginLink")}</a></p></section>
<div id="registry" hidden>
<nav aria-label="${text(ctx, "regSections")}"><ul class="toc">${parts.map(([id, key]) => markup`<li><a href="#${id}">${text(ctx, key)}</a></li>`)}</ul></nav>
${parts.map(([id, key, body]) => section(ctx, id, key, body))}
</div>
<dialog id="revoke-dialog" aria-labelledby="revoke-heading">
<form id="revoke-form" novalidate>
<h2 id="revoke-heading"></h2>
<div class="field"><label for="revoke-reason">${text(ctx, "regRevokeReason")}</label><textarea id="revoke-reason" rows="3" required minlength="3" maxlength="500"></textarea></div>
${errorBox("revoke-form-error")}
<p class="actions"><button type="submit">${text(ctx, "regRevoke")}</button> <button id="revoke-cancel" type="button" class="secondary">${text(ctx, "regCancel")}</button></p>
</form>
</dialog>
`;
  return layout(ctx, { title: t(ctx.lang, "regTitle"), script: "registry", main });
}
