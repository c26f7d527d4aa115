/**
 * Shared plumbing of the `kollen` commands: argument parsing, the error/hint convention and exit codes.
 *
 * Exit codes: 0 success, 1 failed verification or bad input, 2 usage error.
 * Errors are printed as `kollen: error: …` followed by a `hint: …` line.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { KollenError, isKollenError } from "../../schemas/errors.ts";

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
    process.stderr.write(`kollen: error: [${e.code}] ${e.message}\n`);
    process.stderr.write(`hint: ${hintFor(e)}\n`);
    return e.code === "USAGE" ? EXIT_USAGE : EXIT_FAILED;
  }
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err === "object" && err.code === "ENOENT") {
    process.stderr.write(`kollen: error: [FILE_NOT_FOUND] no such file: ${err.path ?? "?"}\n`);
    process.stderr.write("hint: check the path\n");
    return EXIT_FAILED;
  }
  if (err && typeof err === "object" && err.code === "EEXIST") {
    process.stderr.write(`kollen: error: [OUTPUT_EXISTS] refusing to overwrite: ${err.path ?? "?"}\n`);
    process.stderr.write("hint: choose another output path or remove the file first\n");
    return EXIT_FAILED;
  }
  process.stderr.write(`kollen: error: [INTERNAL] ${e instanceof Error ? e.message : String(e)}\n`);
  process.stderr.write("hint: this is a bug in kollen; please report it with the command you ran\n");
  return EXIT_FAILED;
}

const HINTS: Partial<Record<KollenError["code"], string>> = {
  DECRYPTION_FAILED: "check that the identity file is the authority's key the package was sealed to",
  AGE_NO_MATCHING_IDENTITY: "the file was not encrypted to any of the given identities",
  ORGNR_INVALID: "an organisationsnummer has 10 digits, e.g. 212000-0142 or 16212000-0142",
  ORGNR_CHECKSUM: "the last digit is a Luhn check digit: check for a typing error",
  SIGNER_UNKNOWN: "pass the signer's public key or CA certificate with --trust",
  OUTPUT_EXISTS: "choose another output path or remove the file first",
  OUTPUT_NOT_EMPTY: "the output folder must be new or empty",
};

function hintFor(e: KollenError): string {
  return HINTS[e.code] ?? "run the command with --help to see what it expects";
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
