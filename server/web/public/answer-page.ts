/**
 * The questionnaire (`/besvara`): pick an open campaign from the server's list, give the
 * organisationsnummer, answer the survey model's questions (server/web/src/answer.ts draws them from
 * the model and keeps the draft in the browser), see the feedback beside them, then sign, encrypt and
 * send from the same page. Inputs carry no `name`: without script the page submits nothing.
 */
import { field } from "../fields.ts";
import { layout, markup, text, type PageContext } from "../layout.ts";
import { attachmentsField, previewSection, progressBox, receiptSection } from "./submit-sections.ts";

/** The questionnaire page; `campaign` preselects a campaign of the list (from `?campaign=`). */
export function answerPage(ctx: PageContext, campaign = ""): string {
  const main = markup`
<h1>${text(ctx, "answerTitle")}</h1>
<p class="intro">${text(ctx, "answerIntro", { authority: ctx.authorityName })}</p>

<form id="setup-form" class="setup card" data-campaign="${campaign}">
${field("campaign", text(ctx, "campaignLabel"), markup`<select id="campaign"><option value="">${text(ctx, "campaignLoading")}</option></select>`)}
<div class="field">
<label for="organisation">${text(ctx, "inviteOrgnrLabel")}</label>
<input id="organisation" type="text" inputmode="numeric" autocomplete="off" spellcheck="false" maxlength="13" aria-describedby="organisation-hint">
<p id="organisation-hint" class="hint">${text(ctx, "answerOrgnrHint")}</p>
</div>
<button id="start-button" type="submit">${text(ctx, "answerStart")}</button>
</form>

<div id="status" class="status" role="status" aria-live="polite"></div>
<div id="error" class="error" role="alert" hidden></div>

<div id="draft-tools" class="actions" role="toolbar" aria-label="${text(ctx, "answerToolbar")}" hidden>
<button id="save-file" type="button" class="secondary">${text(ctx, "answerSaveFile")}</button>
<label for="open-file" class="button secondary">${text(ctx, "answerOpenFile")}</label>
<input id="open-file" class="visually-hidden" type="file" accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
<button id="download-workbook" type="button" class="secondary">${text(ctx, "answerWorkbook")}</button>
<button id="print-feedback" type="button" class="secondary">${text(ctx, "answerPrintFeedback")}</button>
<button id="clear-draft" type="button" class="secondary">${text(ctx, "answerClear")}</button>
<a id="save-link" href="#" download="result.json" hidden>result.json</a>
<a id="workbook-link" href="#" download="enkat.xlsx" hidden>xlsx</a>
</div>

<div class="answer-layout" data-print-part="feedback" hidden id="answer-layout">
<form id="questionnaire" aria-labelledby="model-title"><h2 id="model-title"></h2><p id="model-note" class="hint"></p><div id="areas"></div></form>
<aside id="feedback" class="card feedback" aria-labelledby="feedback-heading" tabindex="0">
<h2 id="feedback-heading">${text(ctx, "fbHeading")}</h2>
<p id="feedback-meta" class="hint"></p>
<div id="feedback-body" aria-live="polite"></div>
</aside>
</div>

<section id="about" class="card" aria-labelledby="about-heading" hidden>
<h2 id="about-heading">${text(ctx, "answerAbout")}</h2>
${field("prepared-name", text(ctx, "answerPreparedName"), markup`<input id="prepared-name" type="text" autocomplete="name" maxlength="200">`)}
${field("prepared-role", text(ctx, "answerPreparedRole"), markup`<input id="prepared-role" type="text" autocomplete="organization-title" maxlength="200">`)}
${field("prepared-email", text(ctx, "answerPreparedEmail"), markup`<input id="prepared-email" type="text" inputmode="email" autocomplete="email" maxlength="254">`)}
<p class="choice"><input id="presented" type="checkbox"><label for="presented">${text(ctx, "answerPresented")}</label></p>
${field("presented-date", text(ctx, "answerPresentedDate"), markup`<input id="presented-date" type="date">`)}
${field("comments", text(ctx, "answerComments"), markup`<textarea id="comments" rows="4" maxlength="20000"></textarea>`)}
</section>

<section id="send" class="card" aria-labelledby="send-heading" hidden>
<h2 id="send-heading">${text(ctx, "answerSendHeading")}</h2>
<p class="hint">${text(ctx, "answerSendIntro")}</p>
<p class="hint">${text(ctx, "answerNoKey", { authority: ctx.authorityName })}</p>
<form id="build-form">
${field("signer-files", text(ctx, "signerFilesLabel"), markup`<input id="signer-files" type="file" multiple accept=".jwk,.json,application/json">`)}
${attachmentsField(ctx)}
<button id="preview-button" type="submit">${text(ctx, "previewButton")}</button>
</form>
</section>

${progressBox(ctx)}
${previewSection(ctx)}
${receiptSection(ctx)}
`;
  return layout(ctx, { title: text(ctx, "answerTitle"), script: "answer", main });
}
