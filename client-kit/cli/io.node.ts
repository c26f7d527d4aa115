/**
 * Shared plumbing of the `kollen` commands: argument parsing, the error/hint convention and exit codes.
 *
 * Exit codes: 0 success, 1 failed verification or bad input, 2 usage error.
 * Errors are printed as `kollen: error: [CODE] …` (the log-safe detail) followed by a `hint: …` line:
 * the usage line for a usage error, else the code's message from schemas/messages.ts, the same words
 * the web pages and the server's answers use.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { isKollenError, type ErrorCode } from "../../schemas/errors.ts";
import { errorMessage } from "../../schemas/messages.ts";

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A usage error: printed with the command's usage line, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

/** A command: parses its own argv (after the subcommand words) and returns an exit code. */
export type Command = (argv: string[]) => Promise<number>;

/** parseArgs with strict checking; unknown options become a UsageError. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
  argv: string[],
  options: T,
  usage: string,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e), usage);
  }
}

/** Print an error the `kollen` way and return the exit code it maps to. */
export function reportError(e: unknown): number {
  if (e instanceof UsageError) {
    process.stderr.write(`kollen: error: ${e.message}\n`);
    process.stderr.write(`hint: ${e.usage ? `usage: ${e.usage}` : "see `kollen --help`"}\n`);
    return EXIT_USAGE;
  }
  if (isKollenError(e)) {
    printError(e.code, e.message);
    return e.code === "USAGE" ? EXIT_USAGE : EXIT_FAILED;
  }
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err === "object" && err.code === "ENOENT") {
    printError("FILE_NOT_FOUND", `no such file: ${err.path ?? "?"}`);
    return EXIT_FAILED;
  }
  if (err && typeof err === "object" && err.code === "EEXIST") {
    printError("OUTPUT_EXISTS", `refusing to overwrite: ${err.path ?? "?"}`);
    return EXIT_FAILED;
  }
  process.stderr.write(`kollen: error: [INTERNAL] ${e instanceof Error ? e.message : String(e)}\n`);
  process.stderr.write("hint: this is a bug in kollen; please report it with the command you ran\n");
  return EXIT_FAILED;
}

/** `kollen: error: [CODE] detail`, then the code's message as the hint. */
function printError(code: ErrorCode, detail: string): void {
  process.stderr.write(`kollen: error: [${code}] ${detail}\n`);
  process.stderr.write(`hint: ${errorMessage(code, "en")}\n`);
}

/** True when progress should be drawn (stderr is a terminal). */
function progressEnabled(): boolean {
  return Boolean(process.stderr.isTTY);
}

/**
 * A progress line on stderr for long work, drawn only when stderr is a terminal (never in pipes,
 * logs or CI), at most four times a second.
 */
export function createProgress(label: string, total: number | undefined): { add(n: number): void; done(): void } {
  if (!progressEnabled()) return { add() {}, done() {} };
  let seen = 0;
  let last = 0;
  const draw = () => {
    const mib = (seen / 1048576).toFixed(1);
    const pct = total ? ` ${Math.min(100, Math.floor((seen / total) * 100))}%` : "";
    process.stderr.write(`\r${label}: ${mib} MiB${pct}   `);
  };
  return {
    add(n) {
      seen += n;
      const now = Date.now();
      if (now - last >= 250) {
        last = now;
        draw();
      }
    },
    done() {
      if (last) {
        draw();
        process.stderr.write("\n");
      }
    },
  };
}
