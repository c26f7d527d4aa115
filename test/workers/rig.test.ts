/**
 * The workerd rig recovers from Miniflare's synchronous proxy losing a reply: every call through the
 * D1 binding as seen from Node fails from then on, so a harness built at that moment starts workerd
 * afresh and is built once more; any other failure while building is not retried.
 */
import { AssertionError } from "node:assert";
import { afterAll, describe, expect, it } from "vitest";
import { harness, type Harness } from "../server/helpers.ts";
import { sharedWorkerd } from "./workerd.ts";

const built: Harness[] = [];
afterAll(() => {
  for (const h of built) h.close();
});

describe("the workerd rig", () => {
  it("builds the harness on a fresh workerd when Miniflare's proxy lost a reply", async () => {
    const broken = await sharedWorkerd();
    broken.reset = async () => {
      const e = new AssertionError({ message: "false == true", actual: false, expected: true, operator: "==" });
      e.stack = `${e.message}\n    at SynchronousFetcher.fetch (node_modules/miniflare/src/plugins/core/proxy/fetch-sync.ts:147:9)`;
      throw e;
    };
    const h = await harness({}, "workerd");
    built.push(h);
    expect(await sharedWorkerd()).not.toBe(broken);
    const res = await h.app.request("/api/v1/info");
    expect(res.status).toBe(200);
  });

  it("any other failure while building is thrown as it is, on the same workerd", async () => {
    const w = await sharedWorkerd();
    const reset = w.reset;
    w.reset = async () => {
      throw new Error("the database is gone");
    };
    try {
      await expect(harness({}, "workerd")).rejects.toThrow("the database is gone");
      expect(await sharedWorkerd()).toBe(w);
    } finally {
      w.reset = reset;
    }
  });
});
