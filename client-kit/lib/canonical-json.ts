/** Re-export for server/ until it imports encoding/ directly; new code imports ../../encoding/. */
export { canonicalJson } from "../../encoding/canonical-json.ts";
