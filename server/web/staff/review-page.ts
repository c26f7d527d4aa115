/**
 * The reviewer's decrypt-and-verify page: a package file (the admin view downloads it from the
 * admin API instead) and the authority's age identity file are read in the browser only;
 * server/web/src/review.ts decrypts, verifies and shows the result per work area.
 */
import { layout, markup, text, type Markup, type PageContext } from "../layout.ts";
import { field, modelFileField } from "../fields.ts";

/** The report sections the decrypted package is shown in (also used by the admin view). */
export function reviewReportMarkup(ctx: PageContext): Markup {
  return markup`<div id="report" hidden>
<section class="card" aria-labelledby="outer-heading">
<h2 id="outer-heading">${text(ctx, "reviewOuterHeading")}</h2>
<div id="outer-report"></div>
</section>
<div id="decrypted">
<section class="card" aria-labelledby="inner-heading">
<h2 id="inner-heading">${text(ctx, "reviewInnerHeading")}</h2>
<div id="inner-report"></div>
</section>
<section class="card" aria-labelledby="result-heading">
<h2 id="result-heading">${text(ctx, "reviewResultHeading")}</h2>
<div id="result-view"></div>
</section>
<section class="card" aria-labelledby="attachments-heading">
<h2 id="attachments-heading">${text(ctx, "reviewAttachmentsHeading")}</h2>
<ul id="attachments"></ul>
</section>
</div>
</div>`;
}

/** The reviewer page. */
export function reviewPage(ctx: PageContext): string {
  const main = markup`
<h1>${text(ctx, "reviewTitle")}</h1>
<p class="intro">${text(ctx, "reviewIntro")}</p>

<section class="card" aria-labelledby="open-heading">
<h2 id="open-heading" class="visually-hidden">${text(ctx, "reviewOpenButton")}</h2>
<form id="open-form">
${field("review-package", text(ctx, "reviewPackageLabel"), markup`<input id="review-package" type="file" accept=".kollen,application/vnd.kollen.package,application/x-tar">`)}
${field("identity-file", text(ctx, "reviewIdentityLabel"), markup`<input id="identity-file" type="file" accept=".txt,.key,.age,text/plain">`)}
<details>
<summary>${text(ctx, "moreOptions")}</summary>
${field("trust-files", text(ctx, "reviewTrustLabel"), markup`<input id="trust-files" type="file" multiple accept=".jwk,.json,.pub,application/json">`)}
${modelFileField(ctx)}
</details>
<p class="actions"><button id="open-button" type="submit">${text(ctx, "reviewOpenButton")}</button> <button id="clear-button" type="button" class="secondary">${text(ctx, "reviewClearButton")}</button></p>
</form>
</section>

<div id="status" class="status" role="status" aria-live="polite"></div>
<div id="error" class="error" role="alert" hidden></div>

${reviewReportMarkup(ctx)}
`;
  return layout(ctx, { title: ctx.lang === "sv" ? "Granska" : "Review", script: "review", main });
}
