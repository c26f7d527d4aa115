/**
 * Tables that become stacked rows on a narrow screen (kollen.css, `table.queue` under 40rem): each
 * cell carries its column's heading as `data-label`, which the stylesheet shows in front of the
 * value when the heading row is hidden. Importing this module labels every such table now and
 * whenever its rows change, so a page's own code fills tables as it always did.
 */

/** Copies the column headings of `table` onto the cells of its body rows. */
export function labelCells(table: HTMLTableElement): void {
  const headings = [...(table.tHead?.rows[0]?.cells ?? [])].map((th) => th.textContent?.trim() ?? "");
  for (const body of table.tBodies)
    for (const row of body.rows) {
      let col = 0;
      for (const cell of row.cells) {
        const label = cell.colSpan === 1 ? headings[col] : undefined;
        if (label && cell.dataset.label !== label) cell.dataset.label = label;
        col += cell.colSpan;
      }
    }
}

function labelAll(): void {
  for (const table of document.querySelectorAll<HTMLTableElement>("table.queue")) labelCells(table);
}

labelAll();
new MutationObserver(labelAll).observe(document.body, { childList: true, subtree: true });
