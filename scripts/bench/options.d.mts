/** The number after `name` in the arguments, or `fallback` when `name` is absent. */
export function numberOption(name: string, fallback: number, args?: string[]): number;
