/** The lint rule that keeps the top folders importing in the directions docs/ARCHITECTURE.md allows. */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

/** The messages of the direction rule for `code` as if it were the file `path`. */
async function directions(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result!.messages.filter((m) => m.ruleId === "kollen/import-directions").map((m) => m.message);
}

describe("import directions", () => {
  it.each([
    ["schemas/x.ts", "../keys/signer.ts"],
    ["schemas/x.ts", "../client-kit/age/index.ts"],
    ["schemas/x.ts", "../server/app.ts"],
    ["schemas/x.ts", "../cli/kollen.node.ts"],
    ["schemas/x.ts", "../analysis/levels.ts"],
    ["keys/lib/x.ts", "../../client-kit/age/index.ts"],
    ["keys/x.ts", "../server/app.ts"],
    ["keys/x.ts", "../cli/kollen.node.ts"],
    ["keys/x.ts", "../analysis/levels.ts"],
    ["client-kit/package/x.ts", "../../server/app.ts"],
    ["client-kit/cli/x.node.ts", "../../cli/kollen.node.ts"],
    ["client-kit/x.ts", "../analysis/levels.ts"],
    ["analysis/x.ts", "../keys/signer.ts"],
    ["analysis/x.ts", "../client-kit/age/index.ts"],
    ["analysis/x.ts", "../server/app.ts"],
    ["analysis/x.ts", "../cli/kollen.node.ts"],
    ["server/submissions/x.ts", "../../cli/kollen.node.ts"],
    ["encoding/x.ts", "../schemas/errors.ts"],
    ["server/x.ts", "../test/server/helpers.ts"],
  ])("%s may not import %s", async (path, target) => {
    for (const code of [`import { a } from "${target}";\nvoid a;`, `export { a } from "${target}";`, `export * from "${target}";`, `void import("${target}");`])
      expect(await directions(path, code)).toHaveLength(1);
  });

  it.each([
    ["schemas/x.ts", "../encoding/hex.ts"],
    ["keys/x.ts", "../schemas/errors.ts"],
    ["client-kit/package/x.ts", "../../keys/signer.ts"],
    ["analysis/x.ts", "../schemas/result.ts"],
    ["server/cli/x.node.ts", "../node/deps.node.ts"], // server/cli/ is server's own
    ["server/submissions/x.ts", "../cli/admin.node.ts"],
    ["server/x.ts", "../client-kit/package/verify.ts"],
    ["cli/x.node.ts", "../server/cli/serve.node.ts"],
    ["test/x.test.ts", "../cli/kollen.node.ts"],
  ])("%s may import %s", async (path, target) => {
    expect(await directions(path, `import { a } from "${target}";\nvoid a;`)).toEqual([]);
  });

  it("keys/keyring.ts has no exception any more: the recipient key ids live in keys/age-keys.ts", async () => {
    expect(await directions("keys/keyring.ts", `import { a } from "../client-kit/age/index.ts";\nvoid a;`)).toHaveLength(1);
    expect(await directions("keys/keyring.ts", `import { a } from "../server/app.ts";\nvoid a;`)).toHaveLength(1);
    expect(await directions("keys/x509.ts", `import { a } from "../client-kit/age/index.ts";\nvoid a;`)).toHaveLength(1);
    expect(await directions("keys/keyring.ts", `import { a } from "./age-keys.ts";\nvoid a;`)).toEqual([]);
  });
});
