/**
 * Fødselsnummer detection (src/domain/personal-data.ts). Valid numbers are computed here from their
 * check digits, so the test holds no real person's number.
 */
import { describe, expect, it } from '@jest/globals';
import {
  containsNationalIdNumber,
  isNationalIdNumber,
  redactNationalIds,
} from '../../src/domain/personal-data.js';

const firstWeights = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const secondWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

function checkDigit(digits: number[], weights: number[]): number {
  const sum = weights.reduce((total, weight, index) => total + weight * (digits[index] ?? 0), 0);
  return (11 - (sum % 11)) % 11;
}

/** The nine first digits with both check digits appended, or undefined where a check digit would be 10. */
function withCheckDigits(nine: string): string | undefined {
  const digits = [...nine].map(Number);
  const k1 = checkDigit(digits, firstWeights);
  if (k1 === 10) return undefined;
  const k2 = checkDigit([...digits, k1], secondWeights);
  if (k2 === 10) return undefined;
  return `${nine}${k1}${k2}`;
}

/** Valid numbers for a birth date `DDMMYY`, trying individual numbers from `start`. */
function validNumbers(date: string, count: number, start = 400): string[] {
  const numbers: string[] = [];
  for (let individual = start; individual < 1000 && numbers.length < count; individual++) {
    const number = withCheckDigits(`${date}${String(individual).padStart(3, '0')}`);
    if (number) numbers.push(number);
  }
  return numbers;
}

const [fnr = '', fnr2 = ''] = validNumbers('150607', 2); // Born 15 June 2007.
const [dnumber = ''] = validNumbers('550607', 1); // D-number: day + 40.
const [hnumber = ''] = validNumbers('154607', 1); // H-number: month + 40.
const spaced = (number: string, separator: string) => `${number.slice(0, 6)}${separator}${number.slice(6)}`;

/** The same number with one check digit wrong. */
function wrongCheckDigit(number: string, position: 9 | 10): string {
  const digit = (Number(number[position]) + 1) % 10;
  return `${number.slice(0, position)}${digit}${number.slice(position + 1)}`;
}

/**
 * From 2032 the first check digit may be any of four values (Skatteetaten, «Nytt fødselsnummer fra
 * 2032»): here the one after the old rule's, with the second check digit computed from it.
 */
const rule2032 = ((): string => {
  for (let individual = 400; individual < 1000; individual++) {
    const nine = `150607${individual}`;
    const digits = [...nine].map(Number);
    const k1 = (checkDigit(digits, firstWeights) + 1) % 11;
    const k2 = checkDigit([...digits, k1], secondWeights);
    if (k1 !== 10 && k2 !== 10 && withCheckDigits(nine) !== `${nine}${k1}${k2}`) return `${nine}${k1}${k2}`;
  }
  throw new Error('no number');
})();

describe('isNationalIdNumber', () => {
  it('accepts numbers whose two check digits are right', () => {
    for (const number of [fnr, fnr2, dnumber, hnumber]) {
      expect(number).toMatch(/^\d{11}$/);
      expect(isNationalIdNumber(number)).toBe(true);
    }
  });

  it('refuses a wrong first or second check digit', () => {
    for (const number of [fnr, dnumber]) {
      expect(isNationalIdNumber(wrongCheckDigit(number, 9))).toBe(false);
      expect(isNationalIdNumber(wrongCheckDigit(number, 10))).toBe(false);
    }
  });

  it('refuses numbers whose check digit would have to be 10', () => {
    // 11111111111: the weighted sum of the nine first digits is 45, 45 mod 11 = 1, check digit 10.
    expect(isNationalIdNumber('11111111111')).toBe(false);
  });

  it('only takes exactly eleven digits', () => {
    expect(isNationalIdNumber(fnr.slice(0, 10))).toBe(false);
    expect(isNationalIdNumber(`${fnr}0`)).toBe(false);
    expect(isNationalIdNumber(spaced(fnr, ' '))).toBe(false);
  });
});

describe('containsNationalIdNumber', () => {
  it.each([
    ['alone', () => fnr],
    ['inside text', () => `Eleven (fnr. ${fnr}) har sluttet.`],
    ['at the end of a sentence', () => `Gjelder ${fnr2}.`],
    ['a D-number', () => `D-nummer ${dnumber} i saken`],
    ['an H-number', () => `H-nummer ${hnumber}`],
    ['with a space between birth date and personal number', () => `Fnr ${spaced(fnr, ' ')} i teksten`],
    ['with a dot between', () => spaced(fnr, '.')],
    ['with a hyphen between', () => spaced(dnumber, '-')],
    ['between letters', () => `abc${fnr}def`],
    ['on a later line', () => `Første linje.\nAndre linje med ${fnr}.`],
    ['after an invalid number', () => `${wrongCheckDigit(fnr, 10)} og ${fnr2}`],
    ['two spaces between the parts', () => spaced(fnr, '  ')],
    [
      'with dots in the date and spaces',
      () => `${fnr.slice(0, 2)}.${fnr.slice(2, 4)}.${fnr.slice(4, 6)} ${fnr.slice(6, 9)} ${fnr.slice(9)}`,
    ],
    ['in three groups', () => `Fnr ${fnr.slice(0, 6)} ${fnr.slice(6, 9)} ${fnr.slice(9)}`],
    ['with a non-breaking space', () => spaced(fnr, '\u00a0')],
    ['with a narrow non-breaking space', () => spaced(fnr, '\u202f')],
    ['with an en dash', () => spaced(fnr, '\u2013')],
    ['with a spaced en dash', () => spaced(fnr, ' \u2013 ')],
    ['with a minus sign', () => spaced(fnr, '\u2212')],
    ['with a slash', () => spaced(dnumber, '/')],
    ['with zero-width spaces between every digit', () => [...fnr].join('\u200b')],
    [
      'with a word joiner and a soft hyphen',
      () => `${fnr.slice(0, 3)}\u2060${fnr.slice(3, 7)}\u00ad${fnr.slice(7)}`,
    ],
    ['with a right-to-left mark', () => spaced(fnr, '\u200f')],
    ['in full-width digits', () => [...fnr].map((c) => String.fromCharCode(0xff10 + Number(c))).join('')],
    ['in Arabic-Indic digits', () => [...fnr].map((c) => String.fromCharCode(0x0660 + Number(c))).join('')],
    [
      'in mathematical bold digits',
      () => [...fnr].map((c) => String.fromCodePoint(0x1d7ce + Number(c))).join(''),
    ],
    ['after a group of other digits', () => `Sak 12 ${spaced(fnr, ' ')}`],
    ['by the check-digit rule of 2032', () => rule2032],
  ])('finds a valid number %s', (_case, text) => {
    expect(containsNationalIdNumber(text())).toBe(true);
  });

  it.each([
    ['11 digits with a wrong first check digit', () => wrongCheckDigit(fnr, 9)],
    ['11 digits with a wrong second check digit', () => `Nummer ${wrongCheckDigit(dnumber, 10)} her`],
    ['a mobile number', () => 'Ring 912 34 567 eller +47 91234567'],
    ['a landline number', () => 'Sentralbord 22 33 44 55'],
    ['an organisation number', () => 'Org.nr. 974 760 673 og 974760673'],
    ['a bank account number', () => 'Konto 1234.56.78903'],
    ['dates and years', () => 'Fra 01.01.2025 til 31.12.2026, i årene 2025–2026'],
    ['a valid number inside a longer run of digits', () => `1${fnr}`],
    ['a valid number followed by more digits', () => `${fnr}9`],
    ['parts four spaces apart', () => spaced(fnr, '    ')],
    ['parts with a word between', () => spaced(fnr, ' og ')],
    ['11 digits that are no date (day 32)', () => validNumbers('320607', 1)[0] ?? ''],
    ['text without digits', () => 'NAV:s ansvar for ungdom mellom 16 og 19 år'],
  ])('ignores %s', (_case, text) => {
    expect(text()).not.toBe('');
    expect(containsNationalIdNumber(text())).toBe(false);
  });
});

describe('redactNationalIds', () => {
  it('replaces each number, however written, and keeps the rest', () => {
    const text = `Sak ${fnr} og ${spaced(fnr2, '\u00a0')}; ellers 22 33 44 55.`;
    expect(redactNationalIds(text)).toBe('Sak [fødselsnummer] og [fødselsnummer]; ellers 22 33 44 55.');
  });

  it('leaves text without numbers as it is', () => {
    expect(redactNationalIds('/avtaler/fjordvik-ramme/historikk')).toBe('/avtaler/fjordvik-ramme/historikk');
  });
});
