/** Runs a command; resolves its wall time and peak RSS, rejects when it fails. */
export function runMeasured(cmd: string, args: string[]): Promise<{ seconds: number; maxRssKiB: number }>;
