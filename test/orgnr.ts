/** Test organisation numbers: any nine digits made valid with their Luhn check digit. */

/**
 * A valid organisationsnummer from its first nine digits (Luhn check digit).
 * @example withCheckDigit("212000014") // "2120000142"
 */
export function withCheckDigit(nine: string): string {
  const sum = [...nine].reduce((s, ch, i) => {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return s + (d > 9 ? d - 9 : d);
  }, 0);
  return `${nine}${(10 - (sum % 10)) % 10}`;
}
