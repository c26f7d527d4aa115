/**
 * Syncs that callers can share without waiting: a caller marks its change (a write, a rename, a
 * commit) and asks for a sync; a sync that started after that mark already covers it, otherwise a
 * new one starts at once. Concurrent uploads thus share syncs, yet nobody queues behind a sync that
 * started before its own change.
 */
export function sharedSync(doSync: () => Promise<void>) {
  let epoch = 0;
  let latest: { startedAt: number; done: Promise<void> } | undefined;
  const sync = (mark: number): Promise<void> => {
    if (latest && latest.startedAt >= mark) return latest.done;
    const done = doSync();
    done.catch(() => {});
    latest = { startedAt: epoch, done };
    return done;
  };
  return {
    /** Call right after the change; pass the result to `sync`. */
    mark: () => ++epoch,
    sync,
    /** Resolves when every change marked so far is synced. */
    flushed: (): Promise<void> => (epoch === 0 ? Promise.resolve() : sync(epoch)),
  };
}
