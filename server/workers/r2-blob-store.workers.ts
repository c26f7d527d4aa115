/**
 * Package blobs in R2 (DESIGN.md § Server: the blob-store port). Objects are written once under
 * `uploads/<uuid>.kollen`; R2 has no rename, so `commit` keeps that key (the row records it) and an
 * object that no row points at is a leftover, swept by the scheduled handler (sweep.workers.ts).
 * Large bodies go up as a multipart upload, so memory stays at one part per upload.
 */
import type { BlobStore } from "../ports.ts";

/** The slice of the R2 binding used here (see @cloudflare/workers-types R2Bucket). */
export interface R2Like {
  put(key: string, value: Uint8Array | ArrayBuffer): Promise<unknown>;
  get(key: string): Promise<{ body: ReadableStream<Uint8Array> } | null>;
  delete(key: string | string[]): Promise<void>;
  list?(options: { prefix?: string; cursor?: string; limit?: number }): Promise<{ objects: Array<{ key: string; uploaded: Date }>; truncated: boolean; cursor?: string }>;
  createMultipartUpload(key: string): Promise<{
    uploadPart(n: number, value: Uint8Array): Promise<{ partNumber: number; etag: string }>;
    complete(parts: Array<{ partNumber: number; etag: string }>): Promise<unknown>;
    abort(): Promise<void>;
  }>;
}

/** The key prefix of every stored package. */
export const UPLOAD_PREFIX = "uploads/";

/** R2 part size: parts but the last must be ≥ 5 MiB; memory stays at one part per upload. */
const PART = 8 * 1024 * 1024;

/**
 * A blob store over an R2 bucket.
 * @example const blobs = r2BlobStore(env.BLOBS)
 */
export function r2BlobStore(bucket: R2Like): BlobStore {
  return {
    async putTemp(body) {
      const key = `${UPLOAD_PREFIX}${crypto.randomUUID()}.kollen`;
      const reader = body.getReader();
      let buf = new Uint8Array(PART);
      let fill = 0;
      let size = 0;
      let upload: Awaited<ReturnType<R2Like["createMultipartUpload"]>> | undefined;
      const parts: Array<{ partNumber: number; etag: string }> = [];
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.byteLength;
          let at = 0;
          while (at < value.byteLength) {
            const take = Math.min(PART - fill, value.byteLength - at);
            buf.set(value.subarray(at, at + take), fill);
            fill += take;
            at += take;
            if (fill === PART) {
              upload ??= await bucket.createMultipartUpload(key);
              parts.push(await upload.uploadPart(parts.length + 1, buf));
              buf = new Uint8Array(PART);
              fill = 0;
            }
          }
        }
        if (!upload) await bucket.put(key, buf.slice(0, fill));
        else {
          if (fill > 0) parts.push(await upload.uploadPart(parts.length + 1, buf.slice(0, fill)));
          await upload.complete(parts);
        }
      } catch (e) {
        await upload?.abort().catch(() => {});
        await bucket.delete(key).catch(() => {});
        throw e;
      }
      return { tempKey: key, size };
    },
    async commit(temp) {
      return temp.tempKey;
    },
    async discard(temp) {
      await bucket.delete(temp.tempKey);
    },
    async delete(key) {
      await bucket.delete(key);
    },
    async get(key) {
      const o = await bucket.get(key);
      return o ? o.body : undefined;
    },
  };
}
