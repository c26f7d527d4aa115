/**
 * Keeps the bundles inside the strict CSP (../../headers.ts): zod 4 compiles fast object parsers
 * with `new Function` and probes for that ability, which a CSP without 'unsafe-eval' reports as a
 * violation even though zod catches it. Jitless mode skips both. Imported first by every entry.
 */
import { z } from "zod";

z.config({ jitless: true });
