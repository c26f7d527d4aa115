/**
 * Upload a package to POST /api/v1/submissions as the raw body (application/vnd.kollen.package).
 * XMLHttpRequest rather than fetch: only XHR reports upload progress in every browser.
 */
import { parseProblem, type ProblemBody } from "./problem.ts";

export const SUBMISSIONS_PATH = "/api/v1/submissions";
export const PACKAGE_MEDIA_TYPE = "application/vnd.kollen.package";

/** The server's answer to an upload. */
export type UploadAnswer =
  | { ok: true; status: number; submissionId: string; submissionStatus: string; receipt: string }
  | { ok: false; status: number; problem?: ProblemBody }
  | { ok: false; status: 0; network: true };

/**
 * Sends `body` and reports progress as a fraction 0…1; `bearer` is an invitation token, if any.
 * @example const answer = await uploadPackage(file, (f) => (bar.value = f * 100));
 */
export function uploadPackage(body: Blob | Uint8Array, onProgress: (fraction: number) => void, bearer?: string): Promise<UploadAnswer> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", SUBMISSIONS_PATH);
    xhr.setRequestHeader("content-type", PACKAGE_MEDIA_TYPE);
    xhr.setRequestHeader("accept", "application/json, application/problem+json");
    // an invitation link's token (server/invites/authorize-upload.ts)
    if (bearer) xhr.setRequestHeader("authorization", `Bearer ${bearer}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => resolve({ ok: false, status: 0, network: true });
    xhr.onabort = () => resolve({ ok: false, status: 0, network: true });
    xhr.onload = () => {
      const text = xhr.responseText;
      if (xhr.status === 200 || xhr.status === 201) {
        try {
          const v = JSON.parse(text) as { submissionId?: unknown; status?: unknown; receipt?: unknown };
          if (typeof v.submissionId === "string" && typeof v.status === "string" && typeof v.receipt === "string") {
            onProgress(1);
            resolve({ ok: true, status: xhr.status, submissionId: v.submissionId, submissionStatus: v.status, receipt: v.receipt });
            return;
          }
        } catch {
          // fall through: an answer we do not understand
        }
        resolve({ ok: false, status: xhr.status });
        return;
      }
      resolve({ ok: false, status: xhr.status, problem: parseProblem(xhr.getResponseHeader("content-type"), text) });
    };
    xhr.send(body instanceof Uint8Array ? new Blob([body as BlobPart], { type: PACKAGE_MEDIA_TYPE }) : body);
  });
}
