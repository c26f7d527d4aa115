/**
 * The security headers of every web page and asset: a strict Content Security Policy (no inline
 * script or style, nothing from third parties; 'wasm-unsafe-eval' only so that libsodium's WASM can
 * be compiled — it allows WebAssembly compilation, not eval), no framing, no referrer, no sniffing.
 * DESIGN.md § Invitations, receipts, review ("strict CSP").
 */

/** The Content-Security-Policy of the pages. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

/** Headers set on every page and asset answer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};
