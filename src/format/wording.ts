import type { AgeRange, Agreement } from './types.js';

/** Norwegian wording of dates, periods, ages and parties: shared by pages, API summaries, exports and the CLI. */

export function partyName(agreement: Agreement, id: string): string {
  return agreement.meta.parties.find((party) => party.id === id)?.name ?? id;
}

export function describeAges(ages: AgeRange | undefined): string | undefined {
  if (!ages) return undefined;
  if (ages.min !== undefined && ages.max !== undefined) {
    return ages.min === ages.max ? `${ages.min} år` : `${ages.min}–${ages.max} år`;
  }
  if (ages.min !== undefined) return `${ages.min} år og eldre`;
  if (ages.max !== undefined) return `til og med ${ages.max} år`;
  return undefined;
}

const months = [
  'januar',
  'februar',
  'mars',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'desember',
];

/** `2019-03-01` → `1. mars 2019`. */
export function formatDate(date: string | undefined): string {
  if (!date) return '';
  const [year, month, day] = date.slice(0, 10).split('-').map(Number);
  if (!year || !month || !day) return date;
  return `${day}. ${months[month - 1]} ${year}`;
}

export function describePeriod(from: string | undefined, to: string | undefined): string {
  if (!from) return '';
  return to ? `${formatDate(from)} – ${formatDate(to)}` : `fra ${formatDate(from)}`;
}
