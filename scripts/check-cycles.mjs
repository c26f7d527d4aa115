// `npm run check:cycles`: fails when two source files import each other, directly or through others.
// The import graph comes from the TypeScript compiler's own pre-processor (static imports, type-only
// imports, `export … from` and dynamic `import()` alike), over the source folders below; relative
// specifiers only, since a package cannot import us back. A circle makes the load order decide what
// is initialised, and it means two files that cannot be understood, or moved, one without the other.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const FOLDERS = ["encoding", "schemas", "keys", "client-kit", "analysis", "server", "cli", "scripts", "test"];

function* sources(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (/\.(ts|mts|mjs)$/.test(e.name) && !e.name.endsWith(".d.ts")) yield p;
  }
}

/** file → the files it imports (absolute paths). */
const graph = new Map();
for (const folder of FOLDERS) {
  if (!existsSync(join(root, folder))) continue;
  for (const file of sources(join(root, folder))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((s) => s.startsWith("."))
      .map((s) => resolve(dirname(file), s))
      .filter((t) => existsSync(t));
    graph.set(file, [...new Set(targets)]);
  }
}

// Tarjan's strongly connected components: every component of two or more files holds a circle.
let index = 0;
const stack = [];
const info = new Map();
const circles = [];
function connect(v) {
  info.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const w of graph.get(v) ?? []) {
    if (!graph.has(w)) continue;
    if (!info.has(w)) {
      connect(w);
      info.get(v).low = Math.min(info.get(v).low, info.get(w).low);
    } else if (info.get(w).onStack) info.get(v).low = Math.min(info.get(v).low, info.get(w).index);
  }
  if (info.get(v).low === info.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      info.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    const selfImport = (graph.get(v) ?? []).includes(v);
    if (component.length > 1 || selfImport) circles.push(component);
  }
}
for (const v of graph.keys()) if (!info.has(v)) connect(v);

/** One concrete circle inside a component, for the message: a path from `start` back to itself. */
function circleThrough(component, start) {
  const inside = new Set(component);
  const seen = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v) ?? []) {
      if (w === start) {
        const path = [v];
        for (let p = seen.get(v); p; p = seen.get(p)) path.unshift(p);
        return [...path, start];
      }
      if (inside.has(w) && !seen.has(w)) {
        seen.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

const rel = (p) => relative(root, p);
if (circles.length) {
  for (const c of circles) {
    const start = c.map(rel).sort()[0];
    console.error(`circle: ${circleThrough(c, join(root, start)).map(rel).join(" → ")}` + (c.length > 2 ? ` (${c.length} files in all)` : ""));
  }
  process.exit(1);
}
console.log(`no circle among ${graph.size} files`);
