/**
 * The authority's invitation links as CSV (RFC 4180, CRLF) for a mail merge: one row per
 * organisation — organisationsnummer, name, link, valid until. The one writer behind
 * `kollen admin invite -o links.csv` and POST /api/v1/admin/invites, so both hand out the same file.
 */
import { formatOrgnr } from "../../schemas/orgnr.ts";
import type { OrganisationLink } from "./invite-organisations.ts";

/** The media type of the file. */
export const LINKS_CSV_TYPE = "text/csv; charset=utf-8";

/** A cell, quoted; a value that starts like a spreadsheet formula gets a leading ' (CSV injection). */
const cell = (v: string) => `"${(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`;

/**
 * @example linksCsv([{ organisation: "2120000142", name: "Exempelkommunen", url: "https://…/invite/…", expiresAt }])
 *          // "organisationsnummer,namn,länk,giltig_till\r\n\"212000-0142\",\"Exempelkommunen\",…\r\n"
 */
export function linksCsv(links: OrganisationLink[]): string {
  const rows = links.map((l) => [formatOrgnr(l.organisation), l.name, l.url, l.expiresAt.toISOString()].map(cell).join(","));
  return ["organisationsnummer,namn,länk,giltig_till", ...rows].join("\r\n") + "\r\n";
}

/** The file's name for a campaign. */
export const linksCsvName = (campaign: string) => `inbjudningar-${campaign}.csv`;
