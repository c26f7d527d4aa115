/**
 * A small pull reader over a ReadableStream<Uint8Array> for the textual age header: read
 * one LF-terminated line, or an exact number of bytes, then hand the unread rest to the
 * payload decoder. Bounded: a line longer than `maxLine` is refused before it is buffered.
 */

export class ByteReader {
  private buf: Uint8Array = new Uint8Array(0);
  /** True when `buf` is our own array (safe to append into), false when it is a piece we adopted. */
  private owned = false;
  private pos = 0;
  private end = 0;
  private eof = false;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** Reads one more piece from the source and appends it (amortised growth); false at end of stream. */
  private async fill(): Promise<boolean> {
    if (this.eof) return false;
    if (!this.owned && this.end > this.pos) {
      // The unread rest lies in a piece we adopted; copy it out before the source may reuse it.
      this.buf = this.buf.slice(this.pos, this.end);
      this.owned = true;
      this.end -= this.pos;
      this.pos = 0;
    }
    for (;;) {
      const r = await this.reader.read();
      if (r.done) {
        this.eof = true;
        return false;
      }
      const piece = r.value;
      if (piece.length === 0) continue;
      const rest = this.end - this.pos;
      if (rest === 0) {
        // Nothing buffered: adopt the piece itself (no copy).
        this.buf = piece;
        this.owned = false;
        this.pos = 0;
        this.end = piece.length;
        return true;
      }
      if (this.end + piece.length > this.buf.length) {
        const next = new Uint8Array(Math.max(2 * (rest + piece.length), 1024));
        next.set(this.buf.subarray(this.pos, this.end), 0);
        this.buf = next;
        this.owned = true;
        this.pos = 0;
        this.end = rest;
      }
      this.buf.set(piece, this.end);
      this.end += piece.length;
      return true;
    }
  }

  /**
   * Returns the bytes of the next line without its LF, or null when the stream ends before
   * an LF or the line would exceed `maxLine` bytes.
   */
  async readLine(maxLine: number): Promise<Uint8Array | null> {
    let scanFrom = this.pos;
    for (;;) {
      const i = this.buf.subarray(0, this.end).indexOf(0x0a, scanFrom);
      if (i >= 0) {
        if (i - this.pos > maxLine) return null;
        const line = this.buf.subarray(this.pos, i);
        this.pos = i + 1;
        return line;
      }
      scanFrom = this.end;
      if (scanFrom - this.pos > maxLine) return null;
      const before = this.end - this.pos;
      if (!(await this.fill())) return null;
      scanFrom = this.pos + before;
    }
  }

  /** Returns exactly `n` bytes, or fewer when the stream ends first. */
  async readUpTo(n: number): Promise<Uint8Array> {
    while (this.end - this.pos < n) {
      if (!(await this.fill())) break;
    }
    const end = Math.min(this.pos + n, this.end);
    const out = this.buf.slice(this.pos, end);
    this.pos = end;
    return out;
  }

  /** The bytes read from the source but not consumed yet (the caller continues with the raw reader). */
  takeBuffered(): Uint8Array {
    const rest = this.buf.slice(this.pos, this.end);
    this.buf = new Uint8Array(0);
    this.owned = false;
    this.pos = 0;
    this.end = 0;
    return rest;
  }

  /** True when the source has signalled its end. */
  get ended(): boolean {
    return this.eof;
  }
}
