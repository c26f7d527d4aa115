/**
 * The WebAssets port on Node: files under the built dist/web/ folder (scripts/build-web.mjs).
 * Paths arrive already restricted to plain names by ../web/assets-routes.ts; they are resolved and
 * confined to the folder once more here.
 */
import { readFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { SurveyModelFiles, WebAssets } from "../ports.ts";
import { ModelId } from "../../schemas/ids.ts";

/** The dist/web folder of this installation (from source or from dist/), or undefined before a build. */
export function defaultWebAssetsDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "dist", "web");
    if (existsSync(join(candidate, "portal.js"))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/**
 * Serves the files of `root`. Reads whole files: the assets are a few hundred KiB.
 * @example webRoutes({ config, assets: fileAssets(defaultWebAssetsDir()!) })
 */
export function fileAssets(root: string): WebAssets {
  const base = resolve(root);
  return {
    async get(path) {
      const full = resolve(base, path);
      if (!full.startsWith(base + sep)) return undefined;
      try {
        if (!(await stat(full)).isFile()) return undefined;
        return new Uint8Array(await readFile(full));
      } catch {
        return undefined;
      }
    },
  };
}

/** The shipped survey models folder (schemas/models), from source or from dist/, or undefined. */
export function defaultModelsDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "schemas", "models");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/**
 * The survey model files of `root` by model id (`<id>.json`), as their exact bytes.
 * @example fileModels(defaultModelsDir()!).get("infosakkollen-example")
 */
export function fileModels(root: string): SurveyModelFiles {
  const files = fileAssets(root);
  return { get: async (id) => (ModelId.safeParse(id).success ? ((await files.get(`${id}.json`)) as Uint8Array | undefined) : undefined) };
}
