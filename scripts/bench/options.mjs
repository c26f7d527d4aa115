// The benchmarks' command line: `--name N` numbers, each with a default.

/** The number after `name` in the arguments, or `fallback` when `name` is absent. */
export function numberOption(name, fallback, args = process.argv.slice(2)) {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}
