// An ESLint rule of our own: which top folder may import which (docs/ARCHITECTURE.md § Folders).
// Relative import specifiers are resolved against the importing file, so `../cli/x.ts` inside
// server/ (server/cli/) and `../../cli/x.ts` (the top-level cli/) are told apart — a pattern on the
// specifier alone cannot do that. Options: { allowed: { [folder]: folders it may import } }; a file
// in a folder without an entry, or an import of a folder without an entry, is not checked.
import { dirname, relative, resolve, sep } from "node:path";

/** The top folder of `file` relative to the working directory, or undefined outside of it. */
function topFolder(file) {
  const rel = relative(process.cwd(), file);
  if (rel.startsWith("..") || !rel.includes(sep)) return undefined;
  return rel.split(sep)[0];
}

/** @type {import("eslint").Rule.RuleModule} */
export const importDirections = {
  meta: {
    type: "problem",
    docs: { description: "Keep imports between the top folders in the directions docs/ARCHITECTURE.md allows" },
    schema: [{ type: "object", properties: { allowed: { type: "object" } }, additionalProperties: false }],
    messages: { wrongWay: "{{from}}/ may not import {{to}}/ (allowed: {{allowed}}; docs/ARCHITECTURE.md)" },
  },
  create(context) {
    /** @type {Record<string, string[]>} */
    const allowed = context.options[0]?.allowed ?? {};
    const from = topFolder(context.filename);
    if (!from || !allowed[from]) return {};
    const check = (source) => {
      if (!source || typeof source.value !== "string" || !source.value.startsWith(".")) return;
      const to = topFolder(resolve(dirname(context.filename), source.value));
      if (!to || to === from || !(to in allowed) || allowed[from].includes(to)) return;
      context.report({ node: source, messageId: "wrongWay", data: { from, to, allowed: allowed[from].join(", ") || "none of ours" } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};
