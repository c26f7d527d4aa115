/**
 * Form parts several pages share: a labelled field, and the survey-model file field of the portal's
 * and the reviewer's "more options".
 */
import { markup, text, type Markup, type PageContext } from "./layout.ts";

/**
 * A labelled form control: `<div class="field">`, the label for `id`, then the control.
 * @example field("orgnr", text(ctx, "inviteOrgnrLabel"), markup`<input id="orgnr" type="text">`)
 */
export function field(id: string, label: string, control: Markup): Markup {
  return markup`<div class="field">
<label for="${id}">${label}</label>
${control}
</div>`;
}

/** The survey model file (a model the pages do not ship). */
export function modelFileField(ctx: PageContext): Markup {
  return field("model-file", text(ctx, "modelFileLabel"), markup`<input id="model-file" type="file" accept=".json,application/json">`);
}
