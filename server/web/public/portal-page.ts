/**
 * The organisation portal: upload a ready package, or build one in the browser
 * (server/web/src/portal.ts does the work), then the receipt, and a status lookup by receipt.
 * Inputs carry no `name`, so a form submitted without script sends nothing of them.
 */
import { layout, markup, text, type PageContext } from "../layout.ts";
import { field, modelFileField } from "../fields.ts";
import { attachmentsField, previewSection, progressBox, receiptSection, resultFileField, uploadForm } from "./submit-sections.ts";

/** The portal page; `campaign` preselects a campaign of the server's list (from `?campaign=`). */
export function portalPage(ctx: PageContext, campaign = ""): string {
  const main = markup`
<h1>${text(ctx, "portalTitle")}</h1>
<p class="intro">${text(ctx, "portalIntro", { authority: ctx.authorityName })}</p>

<p class="intro"><a id="answer-link" href="/besvara">${text(ctx, "portalAnswerLink")}</a></p>

<div class="field">
<label for="campaign">${text(ctx, "campaignLabel")}</label>
<select id="campaign" aria-describedby="campaign-hint" data-campaign="${campaign}"><option value="">${text(ctx, "campaignLoading")}</option></select>
<p id="campaign-hint" class="hint">${text(ctx, "campaignHint")}</p>
</div>

<div id="status" class="status" role="status" aria-live="polite"></div>
<div id="error" class="error" role="alert" hidden></div>
${progressBox(ctx)}

${receiptSection(ctx, markup` <a id="package-download" class="button secondary" href="#" download="paket.kollen" hidden>${text(ctx, "savePackage")}</a>`)}

<div class="columns">
<section class="card" aria-labelledby="upload-heading">
<h2 id="upload-heading">${text(ctx, "uploadHeading")}</h2>
${uploadForm(ctx, false)}
</section>

<section class="card" aria-labelledby="build-heading">
<h2 id="build-heading">${text(ctx, "buildHeading")}</h2>
<p class="hint">${text(ctx, "buildIntro")}</p>
<form id="build-form">
${resultFileField(ctx)}
${field("signer-files", text(ctx, "signerFilesLabel"), markup`<input id="signer-files" type="file" multiple accept=".jwk,.json,application/json">`)}
${attachmentsField(ctx)}
<details>
<summary>${text(ctx, "moreOptions")}</summary>
${field("covers", text(ctx, "coversLabel"), markup`<input id="covers" type="text" autocomplete="off" spellcheck="false">`)}
${modelFileField(ctx)}
</details>
<button id="preview-button" type="submit">${text(ctx, "previewButton")}</button>
</form>
</section>
</div>

${previewSection(ctx)}

<section class="card" aria-labelledby="lookup-heading">
<h2 id="lookup-heading">${text(ctx, "lookupHeading")}</h2>
<form id="lookup-form">
${field("lookup-receipt", text(ctx, "lookupLabel"), markup`<textarea id="lookup-receipt" rows="3" spellcheck="false"></textarea>`)}
${field("lookup-file", text(ctx, "lookupFileLabel"), markup`<input id="lookup-file" type="file" accept=".jws,.txt,text/plain">`)}
<button id="lookup-button" type="submit">${text(ctx, "lookupButton")}</button>
</form>
<dl id="lookup-result" class="facts" hidden></dl>
</section>
`;
  return layout(ctx, { title: ctx.lang === "sv" ? "Lämna in" : "Submit", script: "portal", main });
}
