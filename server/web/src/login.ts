/**
 * The login page's script: the form itself works without it (a plain POST); this only shows the
 * development banner and puts the cursor in the username field.
 */
import "./lib/csp.ts";
import { PINS_DEV_KEY } from "../../../keys/published/index.ts";
import { showDevBanner } from "./lib/dom.ts";

showDevBanner(PINS_DEV_KEY);
document.getElementById("username")?.focus();
