/**
 * Bad input over a real Node HTTP server (node:http through @hono/node-server, the upload body read
 * from the Node request as in production): what Node's own parser refuses is problem+json too, tar
 * and framing defects keep their codes on the wire, API answers carry nosniff, and the bearer scheme
 * is case-insensitive.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "node:net";
import { createApp } from "../../../server/app.ts";
import { startNodeServer, type RunningServer } from "../../../server/node/http-server.node.ts";
import { nodeUploadBody } from "../../../server/node/upload-body.node.ts";
import { readTar, writeTar } from "../../../client-kit/lib/tar.ts";
import { harness, type Harness } from "../helpers.ts";

let h: Harness;
let server: RunningServer;
let pkg: Uint8Array;

beforeAll(async () => {
  h = await harness();
  server = await startNodeServer(createApp({ ...h.deps, uploadBody: nodeUploadBody }) as never, { port: 0, host: "127.0.0.1" });
  pkg = await h.pack();
});
afterAll(async () => {
  await server.close();
  h.close();
});

/** Sends raw bytes and reads the whole answer until the server closes. */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1", () => socket.write(request));
    let out = "";
    socket.on("data", (d) => (out += d.toString("latin1")));
    socket.on("end", () => resolve(out));
    socket.on("error", reject);
  });
}

const post = (body: Uint8Array, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/v1/submissions`, { method: "POST", body: body as Uint8Array<ArrayBuffer>, headers: { "content-type": "application/vnd.kollen.package", ...headers } });

describe("Node's own refusals", () => {
  for (const [what, head] of [
    ["a Content-Length that is not a number", "Content-Length: abc\r\n"],
    ["Content-Length and Transfer-Encoding together", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"],
    ["two different Content-Lengths", "Content-Length: 5\r\nContent-Length: 6\r\n"],
  ] as const) {
    it(`${what}: 400 problem+json BAD_INPUT, and the connection closes`, async () => {
      const answer = await raw(`POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/vnd.kollen.package\r\n${head}\r\nhello`);
      const [status, ...rest] = answer.split("\r\n");
      expect(status).toBe("HTTP/1.1 400 Bad Request");
      const headers = rest.slice(0, rest.indexOf("")).map((l) => l.toLowerCase());
      expect(headers).toContain("content-type: application/problem+json");
      expect(headers).toContain("x-content-type-options: nosniff");
      const body = JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)) as { code: string; status: number };
      expect(body).toMatchObject({ code: "BAD_INPUT", status: 400 });
    });
  }

  it("oversized headers: 431 problem+json", async () => {
    const answer = await raw(`GET /api/v1/info HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(answer.split("\r\n")[0]).toBe("HTTP/1.1 431 Request Header Fields Too Large");
    expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toMatchObject({ code: "BAD_INPUT", status: 431 });
  });
});

describe("package defects on the wire", () => {
  it("a tar checksum error is PACKAGE_NOT_TAR, in the first header and in a later one", async () => {
    const payloadHeader = 512 + 512 * Math.ceil(readTar(pkg, "PACKAGE_NOT_TAR")[0]!.bytes.length / 512) + 512 + 512 * Math.ceil(readTar(pkg, "PACKAGE_NOT_TAR")[1]!.bytes.length / 512);
    for (const at of [148, 512 + 148 + 512 * Math.ceil(readTar(pkg, "PACKAGE_NOT_TAR")[0]!.bytes.length / 512), payloadHeader + 150]) {
      const broken = pkg.slice();
      broken[at] = broken[at] === 0x31 ? 0x32 : 0x31;
      const res = await post(broken);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe("PACKAGE_NOT_TAR");
    }
  });

  it("another framing of a signed package is PACKAGE_NOT_CANONICAL", async () => {
    const res = await post(writeTar(readTar(pkg, "PACKAGE_NOT_TAR").map((e) => ({ name: e.header.name, bytes: e.bytes })), 0));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("PACKAGE_NOT_CANONICAL");
  });
});

describe("API answers", () => {
  it("carry nosniff: JSON, problems and the package upload", async () => {
    for (const path of ["/api/v1/info", "/.well-known/jwks.json", "/api/v1/no-such-thing", "/api/v1/openapi.json"]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
    const up = await post(pkg);
    expect(up.status).toBe(201);
    expect(up.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("accept the bearer scheme in any case (RFC 7235 §2.1)", async () => {
    const up = await post(await h.pack());
    const { submissionId, receipt } = (await up.json()) as { submissionId: string; receipt: string };
    for (const scheme of ["Bearer", "bearer", "BEARER"]) {
      const res = await fetch(`${server.url}/api/v1/submissions/${submissionId}`, { headers: { authorization: `${scheme} ${receipt}` } });
      expect(res.status, scheme).toBe(200);
    }
  });
});
