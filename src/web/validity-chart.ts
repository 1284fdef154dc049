import type { Period } from '../domain/validity.js';
import { describePeriod, formatDate } from '../format/wording.js';

/**
 * The history page's picture of which version was in force when: one bar row per version, on a shared
 * axis of years, with today marked. Positions are percentages of the axis, drawn as SVG attributes (the
 * Content-Security-Policy allows no inline styles), so bars scale with the screen and text never does.
 * Each row's label is HTML above its bar (views/history.hbs), so that it wraps on a phone instead of
 * running out of the picture. The same facts go into `text` as sentences: the chart is only a picture of them.
 */

export interface ChartVersion {
  label: string;
  periods: Period[];
  current: boolean;
}

interface Bar {
  x: string;
  width: string;
  /** Open-ended (no end date): the bar runs to the end of the axis. */
  open: boolean;
}

export interface ValidityChart {
  rows: Array<{ label: string; current: boolean; bars: Bar[]; text: string }>;
  years: Array<{ x: string; label: string }>;
  today: { x: string; label: string };
  barHeight: number;
}

const barHeight = 14;

function days(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

function percent(value: number): string {
  return `${Math.round(value * 10000) / 100}%`;
}

/** `versions` oldest first; undefined when no version has ever been in force. */
export function validityChart(versions: ChartVersion[], today: string): ValidityChart | undefined {
  const shown = versions.filter((version) => version.periods.length > 0);
  if (shown.length === 0) return undefined;
  const dates = [
    today,
    ...shown.flatMap((version) => version.periods.flatMap((p) => [p.from, p.to ?? p.from])),
  ];
  const firstYear = Number(dates.reduce((a, b) => (a < b ? a : b)).slice(0, 4));
  // A year beyond the last date, so an open-ended bar visibly runs on.
  const lastYear = Number(dates.reduce((a, b) => (a > b ? a : b)).slice(0, 4)) + 1;
  const start = days(`${firstYear}-01-01`);
  const end = days(`${lastYear + 1}-01-01`);
  const at = (date: string) => (days(date) - start) / (end - start);
  const step = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 6));
  const years: ValidityChart['years'] = [];
  for (let year = firstYear; year <= lastYear; year += step)
    years.push({ x: percent(at(`${year}-01-01`)), label: String(year) });
  const rows = shown.map((version) => ({
    label: version.label,
    current: version.current,
    bars: version.periods.map((period) => {
      const from = at(period.from);
      // Periods are inclusive: a bar ends at the end of its last day.
      const to = period.to ? at(period.to) + 1 / (end - start) : 1;
      return { x: percent(from), width: percent(Math.max(to - from, 0.004)), open: !period.to };
    }),
    text: `${version.label}: ${version.periods.map((period) => describePeriod(period.from, period.to)).join(', ')}${version.current ? ' (gjeldende i dag)' : ''}`,
  }));
  return { rows, years, today: { x: percent(at(today)), label: `I dag, ${formatDate(today)}` }, barHeight };
}
