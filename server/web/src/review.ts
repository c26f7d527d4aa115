/**
 * The reviewer's page in the browser: the package and the authority's age
 * identity file are read here, decrypted and verified with the client-kit code (./lib/open-for-review.ts),
 * and shown — the outer and inner verification, the result per arbetsområde, the attachments as
 * downloads. The identity and the plaintext never leave the page; "Glöm allt" drops them.
 * The only requests are GETs without a body: the keyring (for the recipient check) and the model.
 */
import "./lib/csp.ts";
import { PINS_DEV_KEY } from "../../../keys/published/index.ts";
import { byId, clearError, fileBytes, pageLang, setStatus, showDevBanner, showError, tr } from "./lib/dom.ts";
import { openForReview } from "./lib/open-for-review.ts";
import { explainError } from "./lib/problem.ts";
import { fetchShippedModel, forget, keyringView, showOutcome } from "./lib/review-view.ts";

const lang = pageLang();

byId<HTMLFormElement>("open-form").addEventListener("submit", (e) => {
  e.preventDefault();
  void (async () => {
    clearError();
    forget();
    const pkgFile = byId<HTMLInputElement>("review-package").files?.[0];
    const idFile = byId<HTMLInputElement>("identity-file").files?.[0];
    if (!pkgFile || !idFile) return showError(tr("reviewChooseBoth"));
    const button = byId<HTMLButtonElement>("open-button");
    button.disabled = true;
    try {
      setStatus(tr("reviewDecrypting"));
      const modelFile = byId<HTMLInputElement>("model-file").files?.[0];
      const keyring = await keyringView();
      const view = await openForReview({
        packageBytes: await fileBytes(pkgFile),
        identityText: await idFile.slice(0, 64 * 1024).text(),
        trustKeys: await Promise.all([...(byId<HTMLInputElement>("trust-files").files ?? [])].map((f) => f.slice(0, 16 * 1024).text())),
        keyring,
        modelBytes: modelFile ? await fileBytes(modelFile) : undefined,
        fetchModel: fetchShippedModel,
        now: new Date(),
      });
      if (!showOutcome(view, keyring !== undefined)) return;
      setStatus(tr("reviewDone"));
    } catch (err) {
      const x = explainError(lang, err);
      showError(x.headline, x.details, x.code);
    } finally {
      button.disabled = false;
    }
  })();
});

byId<HTMLButtonElement>("clear-button").addEventListener("click", () => {
  forget();
  clearError();
  for (const id of ["review-package", "identity-file", "trust-files", "model-file"]) byId<HTMLInputElement>(id).value = "";
  setStatus(tr("reviewCleared"));
});

showDevBanner(PINS_DEV_KEY);

// the listeners are in place: the browser suite waits for this before it clicks
document.documentElement.dataset.ready = "review";
