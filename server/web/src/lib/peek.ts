/**
 * A glance at a ready package before it is uploaded: the first tar member, manifest.json, is read
 * from the file's first bytes so the page can say which organisation and campaign it is for. This
 * checks nothing (the server verifies); it only lets the page catch a package for the wrong campaign.
 */
import { BLOCK, parseHeader } from "../../../../client-kit/lib/tar.ts";
import { MANIFEST_NAME, MAX_MANIFEST_BYTES } from "../../../../client-kit/package/names.ts";

/** The few manifest members the page shows, or undefined when the file does not start like a package. */
export async function peekManifest(file: Blob): Promise<{ campaign: string; organisation: string } | undefined> {
  try {
    const head = new Uint8Array(await file.slice(0, BLOCK + MAX_MANIFEST_BYTES).arrayBuffer());
    if (head.length < BLOCK) return undefined;
    const h = parseHeader(head.subarray(0, BLOCK), "PACKAGE_NOT_TAR");
    if (h.name !== MANIFEST_NAME || h.size > MAX_MANIFEST_BYTES || BLOCK + h.size > head.length) return undefined;
    const m = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(BLOCK, BLOCK + h.size))) as Record<string, unknown>;
    if (typeof m.campaign !== "string" || typeof m.organisation !== "string") return undefined;
    return { campaign: m.campaign, organisation: m.organisation };
  } catch {
    return undefined;
  }
}
