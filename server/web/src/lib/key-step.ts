/**
 * The signing-key step shared by the invitation page and the portal: a new Ed25519 key made here
 * (keys/signer.ts over WebCrypto) for the organisationsnummer the page gives, or a private key file
 * loaded (where the page offers one); a made key is offered as a download. The private half never
 * leaves the page. Drives the ids of `signerKeyControls` (server/web/public/submit-sections.ts).
 */
import { generateSignerKey, parseSignerJwk, type SignerJwk } from "../../../../keys/signer.ts";
import type { Lang } from "../../i18n.ts";
import { byId, clearError, setDownload, showError, tr } from "./dom.ts";
import { showFailure } from "./submit-flow.ts";

/** The key chosen in the page, if any. */
export interface KeyStep {
  current(): SignerJwk | undefined;
}

/**
 * Wires the key controls. `orgnr` answers the organisation the new key is made for (undefined: it
 * said what is missing); `onKey` runs after a key is chosen (`made`: made here, so not registered yet).
 * @example const keys = wireKeyStep(lang, () => orgInput()?.orgnr); … keys.current()
 */
export function wireKeyStep(lang: Lang, orgnr: () => string | undefined, onKey?: (key: SignerJwk, made: boolean) => void): KeyStep {
  let key: SignerJwk | undefined;
  const use = (k: SignerJwk, made: boolean): void => {
    key = k;
    const ready = byId("key-ready");
    ready.textContent = tr("inviteKeyReady", { kid: k.kid });
    ready.hidden = false;
    if (made) {
      setDownload(byId<HTMLAnchorElement>("key-download"), `${JSON.stringify(k, null, 2)}\n`, `${k.kollen_org ?? "signer"}-signer.jwk`, "application/jwk+json");
      byId("key-save-hint").hidden = false;
    }
    onKey?.(k, made);
  };
  byId<HTMLButtonElement>("key-create").addEventListener("click", () => {
    void (async () => {
      clearError();
      const org = orgnr();
      if (!org) return;
      try {
        use((await generateSignerKey(org)).privateJwk, true);
      } catch (err) {
        showFailure(lang, err);
      }
    })();
  });
  document.getElementById("key-file")?.addEventListener("change", (e) => {
    void (async () => {
      clearError();
      const file = (e.target as HTMLInputElement).files?.[0];
      if (!file) return;
      try {
        const k = parseSignerJwk(await file.slice(0, 16 * 1024).text());
        if (!k.d) return showError(tr("msgKeyIsPublic"));
        use(k, false);
      } catch (err) {
        showFailure(lang, err);
      }
    })();
  });
  return { current: () => key };
}
