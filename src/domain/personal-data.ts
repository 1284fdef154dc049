/**
 * Gjerde holds agreements, never data about young people. A Norwegian national identity number
 * (fødselsnummer or D-number: 11 digits whose two check digits are right) in any free text is refused.
 */

const elevenDigits = /(?<!\d)(\d{6})[ .-]?(\d{5})(?!\d)/g;
const firstWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const secondWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function checkDigit(digits: number[], weights: number[]): number {
  const sum = weights.reduce((total, weight, index) => total + weight * (digits[index] ?? 0), 0);
  const remainder = 11 - (sum % 11);
  return remainder === 11 ? 0 : remainder;
}

export function isNationalIdNumber(candidate: string): boolean {
  if (!/^\d{11}$/.test(candidate)) return false;
  const digits = [...candidate].map(Number);
  const k1 = checkDigit(digits, firstWeights);
  const k2 = checkDigit(digits, secondWeights);
  return k1 !== 10 && k2 !== 10 && k1 === digits[9] && k2 === digits[10];
}

export function containsNationalIdNumber(text: string): boolean {
  for (const match of text.matchAll(elevenDigits)) {
    if (isNationalIdNumber(`${match[1]}${match[2]}`)) return true;
  }
  return false;
}

export const personalDataMessage =
  'Teksten ser ut til å inneholde et fødselsnummer. Personopplysninger om ungdom hører ikke hjemme i Gjerde: avtalene beskriver ansvar, ikke enkeltpersoner. Fjern nummeret og prøv igjen.';
