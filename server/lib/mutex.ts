/**
 * A promise-chain mutex: serialises the read-decide-commit step of placing a submission within one
 * server process, since shared code has no interactive transactions (D1 has only batches). The
 * unique index on the package digest still guards identical uploads across processes.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every earlier caller's `fn` has settled. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => {});
    return result;
  }
}
