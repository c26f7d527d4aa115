/**
 * The open campaigns as a `<select>` (GET /api/v1/campaigns): every page that asks for a campaign
 * lets the user pick it from the server's list, never type it.
 */
import type { Lang } from "../../i18n.ts";
import { answer, api, type Success } from "./api.ts";
import { el, tr } from "./dom.ts";

export type OpenCampaign = Success<Awaited<ReturnType<typeof api.api.v1.campaigns.$get>>>["campaigns"][number];

/**
 * Fills `select` with the open campaigns (title and id), choosing `preselect` when listed, else the
 * only one; answers the list. A failure leaves one empty option and is thrown.
 * @example const campaigns = await fillCampaigns(byId("campaign"), lang, "infosakkollen-2026");
 */
export async function fillCampaigns(select: HTMLSelectElement, lang: Lang, preselect = ""): Promise<OpenCampaign[]> {
  try {
    const { campaigns } = await answer(api.api.v1.campaigns.$get());
    const first = el("option", campaigns.length ? tr("campaignPick") : tr("campaignNone"));
    first.value = "";
    select.replaceChildren(first);
    for (const c of campaigns) {
      const o = el("option", c.title[lang] === c.id ? c.id : `${c.title[lang]} (${c.id})`);
      o.value = c.id;
      select.append(o);
    }
    const chosen = campaigns.find((c) => c.id === preselect) ?? (campaigns.length === 1 ? campaigns[0] : undefined);
    if (chosen) select.value = chosen.id;
    return campaigns;
  } catch (e) {
    const none = el("option", tr("campaignNone"));
    none.value = "";
    select.replaceChildren(none);
    throw e;
  }
}
