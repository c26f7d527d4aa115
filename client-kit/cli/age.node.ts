/**
 * `kollen age encrypt|decrypt`: the age CLI's two everyday operations, byte-compatible with
 * `age` (age-encryption.org/v1: X25519, and the post-quantum hybrid mlkem768x25519 that age v1.3
 * added), on the node:crypto backend. For hybrid files it is the fallback where the installed
 * `age` is older than v1.3 (Debian's 1.1.1).
 *
 *     kollen age encrypt -r age1… [-r …] [-R FILE] [-o OUT] [IN]
 *     kollen age decrypt -i IDENTITY_FILE [-i …] [-o OUT] [IN]
 *
 * IN defaults to stdin, OUT to stdout. Like `age`, an existing OUT is overwritten and is only
 * opened once the first output byte is ready (so a wrong key leaves no file behind). Unlike
 * `age`, a failure after OUT was opened removes it, so no truncated plaintext is left looking
 * complete. Memory stays flat: files are read and written in 1 MiB pieces through one reused
 * input buffer.
 */
import { closeSync, fstatSync, openSync, readSync, unlinkSync, writeSync, writevSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { KollenError } from "../../schemas/errors.ts";
import { setDefaultAgeBackend } from "../age/default-backend.ts";
import { nodeBackend } from "../age/backend.node.ts";
import { decryptStream } from "../age/decrypt.ts";
import { encryptStream } from "../age/encrypt.ts";
import { parseIdentityFile } from "../age/identity-file.ts";
import { EXIT_OK, UsageError, createProgress, parseCommandArgs, type Command } from "./io.node.ts";

const USAGE_ENCRYPT = "kollen age encrypt -r age1… [-r …] [-R RECIPIENTS_FILE] [-o OUT] [IN]";
const USAGE_DECRYPT = "kollen age decrypt -i IDENTITY_FILE [-i …] [-o OUT] [IN]";
const USAGE = `${USAGE_ENCRYPT}\n       ${USAGE_DECRYPT}`;
const HELP = `Usage: ${USAGE_ENCRYPT}
       ${USAGE_DECRYPT}

Encrypts to age recipients (X25519 age1…, or post-quantum hybrid age1pq1…; never both in one
file) or decrypts with age identity files (age-keygen layout, AGE-SECRET-KEY-1… or -PQ-1…).
IN defaults to standard input, OUT to standard output. Files are byte-compatible with age.
`;

/** Read size for files and pipes. */
const PIECE = 1 << 20;

/** The `kollen age` command. */
export const age: Command = async (argv) => {
  const [sub, ...rest] = argv;
  if (sub === "--help" || sub === "-h" || sub === "help") {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  setDefaultAgeBackend(nodeBackend);
  if (sub === "encrypt") return encryptCommand(rest);
  if (sub === "decrypt") return decryptCommand(rest);
  throw new UsageError(sub === undefined ? "missing subcommand: encrypt or decrypt" : `unknown subcommand '${sub}'`, USAGE);
};

async function encryptCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      recipient: { type: "string", short: "r", multiple: true },
      "recipients-file": { type: "string", short: "R", multiple: true },
      output: { type: "string", short: "o" },
    },
    USAGE_ENCRYPT,
  );
  if (positionals.length > 1) throw new UsageError("give at most one input file", USAGE_ENCRYPT);
  const recipients = [...(values.recipient ?? [])];
  for (const path of values["recipients-file"] ?? []) recipients.push(...parseRecipientsFile(await readFile(path, "utf8")));
  if (recipients.length === 0) throw new UsageError("give at least one recipient with -r age1… or -R FILE", USAGE_ENCRYPT);
  if (values.output === undefined && process.stdout.isTTY) {
    throw new UsageError("refusing to write binary ciphertext to a terminal; use -o OUT or redirect", USAGE_ENCRYPT);
  }
  return streamFile(positionals[0], "encrypting", (input) => encryptStream(recipients, input), values.output);
}

async function decryptCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      identity: { type: "string", short: "i", multiple: true },
      output: { type: "string", short: "o" },
    },
    USAGE_DECRYPT,
  );
  if (positionals.length > 1) throw new UsageError("give at most one input file", USAGE_DECRYPT);
  if (!values.identity?.length) throw new UsageError("give at least one identity file with -i", USAGE_DECRYPT);
  const identities: string[] = [];
  for (const path of values.identity) identities.push(...parseIdentityFile(await readFile(path, "utf8")));
  return streamFile(positionals[0], "decrypting", (input) => decryptStream(identities, input), values.output);
}

/** Streams the input file (or stdin) through `transform` into the output file (or stdout). */
async function streamFile(
  path: string | undefined,
  label: string,
  transform: (input: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>,
  output: string | undefined,
): Promise<number> {
  const input = openInput(path, label);
  try {
    await pump(transform(input.stream), output);
  } finally {
    input.close();
  }
  return EXIT_OK;
}

/** A recipients file as `age -R` reads it: one `age1…` per line, `#` comments and blank lines skipped. */
function parseRecipientsFile(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "" || line.startsWith("#")) continue;
    out.push(line);
  }
  if (out.length === 0) throw new KollenError("AGE_RECIPIENT_INVALID", "recipients file holds no recipient");
  return out;
}

interface Input {
  stream: ReadableStream<Uint8Array>;
  close(): void;
}

/**
 * A pull stream over a file (or stdin when it is a regular file) that reads into one reused
 * buffer: the age streams consume each piece before asking for the next and keep no reference
 * to it, and highWaterMark 0 means nothing is read ahead.
 */
function openInput(path: string | undefined, label: string): Input {
  const fromStdin = path === undefined || path === "-";
  if (fromStdin && !fstatSync(0).isFile()) return stdinInput();
  const fd = fromStdin ? 0 : openSync(path!, "r");
  const buf = new Uint8Array(PIECE);
  const progress = createProgress(label, fstatSync(fd).size);
  let closed = false;
  const close = () => {
    if (!closed) progress.done();
    if (!closed && !fromStdin) closeSync(fd);
    closed = true;
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const n = readSync(fd, buf, 0, buf.length, null);
        if (n === 0) {
          close();
          controller.close();
        } else {
          progress.add(n);
          controller.enqueue(buf.subarray(0, n));
        }
      },
      cancel: close,
    },
    { highWaterMark: 0 },
  );
  return { stream, close };
}

/** stdin as a pipe or terminal: Node's own stream (non-blocking safe); pieces are fresh buffers. */
function stdinInput(): Input {
  const it = process.stdin[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const r = await it.next();
        if (r.done) controller.close();
        else {
          const b = r.value as Buffer;
          controller.enqueue(new Uint8Array(b.buffer, b.byteOffset, b.length));
        }
      },
      async cancel() {
        await it.return?.();
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, close: () => process.stdin.destroy() };
}

/** Where output goes: a file opened on first use (removed on failure) or stdout. */
class Sink {
  private fd: number | undefined;
  private readonly stdoutIsFile: boolean;

  constructor(private readonly path: string | undefined) {
    this.stdoutIsFile = path === undefined && fstatSync(1).isFile();
  }

  /** Writes `chunk` completely; when it resolves the caller may reuse the chunk's memory. */
  async write(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0) return;
    if (this.path === undefined && !this.stdoutIsFile) return writeStdout(chunk);
    const fd = this.path === undefined ? 1 : (this.fd ??= openSync(this.path, "w"));
    let off = 0;
    while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
  }

  /** Writes several chunks (one system call when the output is a file). */
  async writeAll(chunks: Uint8Array[]): Promise<void> {
    if (this.path === undefined && !this.stdoutIsFile) {
      for (const c of chunks) await writeStdout(c);
      return;
    }
    const fd = this.path === undefined ? 1 : (this.fd ??= openSync(this.path, "w"));
    const total = chunks.reduce((n, c) => n + c.length, 0);
    const written = writevSync(fd, chunks);
    if (written < total) {
      // Short write: finish the rest piece by piece.
      let skip = written;
      for (const c of chunks) {
        if (skip >= c.length) {
          skip -= c.length;
          continue;
        }
        await this.write(c.subarray(skip));
        skip = 0;
      }
    }
  }

  /** Ends successfully: an empty output still creates the file. */
  close(): void {
    if (this.path !== undefined) this.fd ??= openSync(this.path, "w");
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** Ends after a failure: a file we wrote to is removed. */
  abort(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
    try {
      unlinkSync(this.path!);
    } catch {
      // already gone: nothing to clean up
    }
  }
}

/**
 * Copies `source` to `out` (a path, or stdout). Byte streams are read with one reused BYOB
 * buffer (the age encryptor seals straight into it); other streams' pieces are gathered up to
 * PIECE bytes per write.
 */
async function pump(source: ReadableStream<Uint8Array>, out: string | undefined): Promise<void> {
  const sink = new Sink(out);
  try {
    let byob: ReadableStreamBYOBReader | undefined;
    try {
      byob = source.getReader({ mode: "byob" });
    } catch {
      byob = undefined;
    }
    if (byob !== undefined) {
      let buf = new Uint8Array(2 * PIECE);
      for (;;) {
        const r = await byob.read(buf);
        if (r.done) break;
        await sink.write(r.value);
        buf = new Uint8Array(r.value.buffer);
      }
    } else {
      const reader = source.getReader();
      const pending: Uint8Array[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        if (pending.length > 0) await sink.writeAll(pending);
        pending.length = 0;
        pendingBytes = 0;
      };
      for (;;) {
        const r = await reader.read();
        if (r.done) break;
        pending.push(r.value);
        pendingBytes += r.value.length;
        if (pendingBytes >= PIECE) await flush();
      }
      await flush();
    }
    sink.close();
  } catch (e) {
    sink.abort();
    throw e;
  }
}

/** Writes to stdout (pipe or terminal) and resolves once the chunk has been handed to the OS. */
function writeStdout(chunk: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(chunk, (err) => (err ? reject(err) : resolve()));
  });
}
