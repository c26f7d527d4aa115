#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm run build`, which `npm ci` runs as `prepare`).
import { main } from "../dist/kollen.mjs";

process.exitCode = await main(process.argv.slice(2));
