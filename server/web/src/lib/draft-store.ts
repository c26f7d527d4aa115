/**
 * The questionnaire's drafts in IndexedDB (idb-keyval), one per campaign and organisation: kept only
 * in this browser, never sent. A browser without IndexedDB (a private window of some browsers) keeps
 * no draft: `available` says so and the page asks the user to save a file instead.
 */
import { createStore, del, get, set, type UseStore } from "idb-keyval";
import type { Draft } from "./draft.ts";
import { draftKey } from "./draft.ts";

let store: UseStore | undefined;
const db = (): UseStore => (store ??= createStore("kollen-drafts", "drafts"));

/** Whether this browser can keep drafts. */
export const available = (): boolean => typeof indexedDB !== "undefined";

/** The saved draft of `campaign` and `organisation`, if any. */
export async function loadDraft(campaign: string, organisation: string): Promise<Draft | undefined> {
  return available() ? get<Draft>(draftKey(campaign, organisation), db()) : undefined;
}

/** Saves `d` under its campaign and organisation. */
export async function saveDraft(d: Draft): Promise<void> {
  if (available()) await set(draftKey(d.campaign, d.organisation), d, db());
}

/** Deletes the draft of `campaign` and `organisation`. */
export async function deleteDraft(campaign: string, organisation: string): Promise<void> {
  if (available()) await del(draftKey(campaign, organisation), db());
}
