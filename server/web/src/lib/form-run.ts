/**
 * One way to submit a staff form from script, for the staff view, the registry and the supervisor's
 * page: the button shows progress and cannot be pressed twice, and a failure is shown in the form's
 * own error box next to the button (role=alert), which takes focus so the user's eye and a screen
 * reader land on it. The box holds text only.
 */
import { ApiError } from "./api.ts";
import { hideErrorIn, pageLang, showErrorIn, tr } from "./dom.ts";
import { explainError, explainProblem, type Explained } from "./problem.ts";

/**
 * Words for any failure: the server's problem, a bare HTTP status, or an error of the page.
 * `conflict` says in words what a CONFLICT meant where it happened (the code stays).
 */
export function explain(e: unknown, conflict?: string): Explained {
  const lang = pageLang();
  if (!(e instanceof ApiError)) return explainError(lang, e);
  if (!e.problem) return { headline: tr("errorPrefix"), details: [`HTTP ${e.status}`] };
  const x = explainProblem(lang, e.problem, e.status);
  return conflict && e.problem.code === "CONFLICT" ? { headline: conflict, details: [], code: x.code } : x;
}

/** Shows `e` in `box` (a role=alert element with tabindex=-1), scrolled into view and focused. */
export function showIn(box: HTMLElement, e: unknown, conflict?: string): void {
  const x = explain(e, conflict);
  showErrorIn(box, x.headline, x.details, x.code);
}

/** Whether a button's work is under way (it shows progress): a second press is ignored. */
export const isBusy = (button: HTMLButtonElement): boolean => button.getAttribute("aria-busy") === "true";

/**
 * Runs `work` with `button` showing progress ("Sparar …", aria-busy) and unpressable until it ends;
 * its label comes back afterwards, whatever the outcome.
 */
export async function busy<T>(button: HTMLButtonElement, work: () => Promise<T>): Promise<T> {
  const text = button.textContent;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.textContent = tr("saving");
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.textContent = text;
  }
}

/**
 * Runs `work` for `button` with {@link busy}; a failure goes to `box`. Answers whether the work
 * succeeded.
 * @example await runWith(button, byId("campaign-form-error"), () => saveCampaign())
 */
export async function runWith(button: HTMLButtonElement, box: HTMLElement, work: () => Promise<void>): Promise<boolean> {
  if (button.disabled || isBusy(button)) return false;
  hideErrorIn(box);
  try {
    await busy(button, work);
    return true;
  } catch (e) {
    showIn(box, e);
    return false;
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
