/**
 * The markup of the "build, preview, upload" flow shared by the portal and the
 * invitation page, so both offer the same steps; server/web/src/lib/submit-flow.ts drives these ids
 * in both pages.
 */
import { markup, text, type Markup, type PageContext } from "../layout.ts";
import { field } from "../fields.ts";

/** The result.json file field of the build form. */
export function resultFileField(ctx: PageContext): Markup {
  return markup`${field("result-file", text(ctx, "resultFileLabel"), markup`<input id="result-file" type="file" accept=".json,application/json">`)}`;
}

/** The attachments file field of the build form. */
export function attachmentsField(ctx: PageContext): Markup {
  return markup`${field("attachment-files", text(ctx, "attachmentsLabel"), markup`<input id="attachment-files" type="file" multiple>`)}`;
}

/** The form for a ready `.kollen` package; `secondary` styles its button as the lesser way in. */
export function uploadForm(ctx: PageContext, secondary: boolean): Markup {
  return markup`<form id="upload-form">
${field("package-file", text(ctx, "uploadFileLabel"), markup`<input id="package-file" type="file" accept=".kollen,application/vnd.kollen.package,application/x-tar">`)}
<button id="upload-submit" type="submit"${secondary ? markup` class="secondary"` : ""}>${text(ctx, "uploadSubmit")}</button>
</form>`;
}

/** The preview of a built package, with the button that signs, encrypts and sends it. */
export function previewSection(ctx: PageContext): Markup {
  return markup`<section id="preview" class="card preview" hidden aria-labelledby="preview-heading" tabindex="-1">
<h2 id="preview-heading">${text(ctx, "previewHeading")}</h2>
<p>${text(ctx, "previewIntro")}</p>
<dl id="preview-facts" class="facts"></dl>
<button id="send-button" type="button">${text(ctx, "sendButton")}</button>
</section>`;
}

/** The upload's progress bar. */
export function progressBox(ctx: PageContext): Markup {
  return markup`<div id="progress-box" class="progress" hidden>
<label for="progress">${text(ctx, "progressLabel")}</label>
<progress id="progress" max="100" value="0"></progress>
<span id="progress-text" aria-hidden="true"></span>
</div>`;
}

/** The receipt, printable on its own (print CSS: `data-print-part`); `moreActions` is markup put after its download link (the portal's package download). */
export function receiptSection(ctx: PageContext, moreActions?: Markup): Markup {
  return markup`<section id="receipt" class="card receipt" hidden aria-labelledby="receipt-heading" data-print-part="receipt">
<h2 id="receipt-heading">${text(ctx, "receiptHeading")}</h2>
<p>${text(ctx, "receiptIntro")}</p>
<dl id="receipt-summary" class="facts"></dl>
<p id="receipt-check" class="hint"></p>
<p class="check-later">${text(ctx, "receiptCheckLater")}</p>
<p class="actions"><a id="receipt-download" class="button" href="#" download="kvitto.jws">${text(ctx, "receiptDownload")}</a> <button id="receipt-print" type="button" class="secondary">${text(ctx, "receiptPrint")}</button>${moreActions}</p>
<label for="receipt-text">${text(ctx, "receiptText")}</label>
<textarea id="receipt-text" rows="4" readonly spellcheck="false"></textarea>
</section>`;
}
