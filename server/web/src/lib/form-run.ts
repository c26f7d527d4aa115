/**
 * One way to submit a staff form from script: the button shows progress and cannot be pressed
 * twice, and a failure is shown in the form's own error box next to the button (role=alert), which
 * takes focus so the user's eye and a screen reader land on it. The box holds text only.
 */
import { ApiError } from "./api.ts";
import { el, pageLang, tr } from "./dom.ts";
import { explainError, explainProblem, type Explained } from "./problem.ts";

/** Words for any failure: the server's problem, a bare HTTP status, or an error of the page. */
export function explain(e: unknown): Explained {
  const lang = pageLang();
  if (e instanceof ApiError) return e.problem ? explainProblem(lang, e.problem, e.status) : { headline: tr("errorPrefix"), details: [`HTTP ${e.status}`] };
  return explainError(lang, e);
}

/** Shows `e` in `box` (a role=alert element with tabindex=-1) and moves focus to it. */
export function showIn(box: HTMLElement, e: unknown): void {
  const x = explain(e);
  box.replaceChildren(el("p", x.headline, "headline"), ...x.details.map((d) => el("p", d)));
  if (x.code) box.append(el("p", `${tr("codeLabel")}: ${x.code}`, "code"));
  box.hidden = false;
  box.focus();
}

/** Hides an error box. */
export function hideBox(box: HTMLElement): void {
  box.hidden = true;
  box.replaceChildren();
}

/**
 * Runs `work` for `button`: disabled and marked busy meanwhile; a failure goes to `box`.
 * Answers whether the work succeeded.
 * @example await runWith(button, byId("campaign-form-error"), () => saveCampaign())
 */
export async function runWith(button: HTMLButtonElement, box: HTMLElement, work: () => Promise<void>): Promise<boolean> {
  if (button.disabled) return false;
  hideBox(box);
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    await work();
    return true;
  } catch (e) {
    showIn(box, e);
    return false;
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

/**
 * Submits `form` through `work` with {@link runWith}: its submit button and its `#<form id>-error` box.
 * The browser's own constraint check runs first and marks the first invalid field.
 */
export function onSubmit(form: HTMLFormElement, work: () => Promise<void>): void {
  const button = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
  const box = document.getElementById(`${form.id}-error`)!;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    void runWith(button, box, work);
  });
}
