/**
 * The page an invitation link opens (DESIGN.md § Invitations, receipts, review). Showing it
 * changes nothing — mail scanners follow links — so the page only explains; the company's own
 * click accepts (server/web/src/invite.ts): organisation, a signing key made or loaded in the
 * browser (the private key never leaves the page), accept, then build and upload the package along
 * the portal's code path with the link as the bearer.
 */
import { INVITE_TOKEN_PATTERN } from "../../invites/token.ts";
import { layout, markup, text, type PageContext } from "../layout.ts";
import { field } from "../fields.ts";
import { attachmentsField, previewSection, progressBox, receiptSection, resultFileField, uploadForm } from "./submit-sections.ts";

/** The invitation page for `token` (only a well-formed token is put in the page). */
export function invitePage(ctx: PageContext, token: string): string {
  const safe = INVITE_TOKEN_PATTERN.test(token) ? token : "";
  const main = markup`
<div id="invite" data-token="${safe}">
<h1>${text(ctx, "inviteTitle")}</h1>
<p class="intro">${text(ctx, "inviteIntro", { authority: ctx.authorityName })}</p>

<div id="status" class="status" role="status" aria-live="polite">${text(ctx, "inviteChecking")}</div>
<div id="error" class="error" role="alert" hidden></div>
<dl id="invite-facts" class="facts" hidden></dl>
<p id="invite-used" class="hint" hidden>${text(ctx, "inviteUsedHint")}</p>

<div id="invite-steps" hidden>
<section class="card" aria-labelledby="step-org">
<h2 id="step-org">${text(ctx, "inviteStepOrg")}</h2>
${field("orgnr", text(ctx, "inviteOrgnrLabel"), markup`<input id="orgnr" type="text" autocomplete="off" spellcheck="false" inputmode="numeric" maxlength="13" placeholder="556677-8899">`)}
${field("org-name", text(ctx, "inviteNameLabel"), markup`<input id="org-name" type="text" autocomplete="organization" maxlength="200">`)}
</section>

<section class="card" aria-labelledby="step-key">
<h2 id="step-key">${text(ctx, "inviteStepKey")}</h2>
<p class="hint">${text(ctx, "inviteKeyIntro")}</p>
<p class="actions"><button id="key-create" type="button">${text(ctx, "inviteKeyCreate")}</button></p>
${field("key-file", text(ctx, "inviteKeyLoadLabel"), markup`<input id="key-file" type="file" accept=".jwk,.json,application/json">`)}
<p id="key-ready" hidden></p>
<p class="actions"><a id="key-download" class="button secondary" href="#" download="signer.jwk" hidden>${text(ctx, "inviteKeyDownload")}</a></p>
<p id="key-save-hint" class="hint" hidden>${text(ctx, "inviteKeySaveHint")}</p>
</section>

<section class="card" aria-labelledby="step-accept">
<h2 id="step-accept">${text(ctx, "inviteStepAccept")}</h2>
<p class="hint">${text(ctx, "inviteAcceptIntro")}</p>
<button id="accept-button" type="button">${text(ctx, "inviteAcceptButton")}</button>
<p id="accept-done" hidden></p>
</section>

<section id="submit-step" class="card" aria-labelledby="step-submit" hidden>
<h2 id="step-submit">${text(ctx, "inviteStepSubmit")}</h2>
<p class="hint">${text(ctx, "buildIntro")}</p>
<p><a id="answer-link" href="/besvara">${text(ctx, "inviteAnswerLink")}</a></p>
<form id="build-form">
${resultFileField(ctx)}
${attachmentsField(ctx)}
<button id="preview-button" type="submit">${text(ctx, "previewButton")}</button>
</form>
<details>
<summary>${text(ctx, "inviteReadyPackage")}</summary>
${uploadForm(ctx, true)}
</details>
</section>

${previewSection(ctx)}

${progressBox(ctx)}

${receiptSection(ctx)}
</div>
</div>
`;
  return layout(ctx, { title: ctx.lang === "sv" ? "Inbjudan" : "Invitation", script: "invite", main });
}
