import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { fieldDate, isIsoDate, isoDateOf, today } from '../format/dates.js';
import { agreementKinds, agreementStatuses } from '../format/vocabulary.js';
import { describePeriod, formatDate, validOn } from '../format/wording.js';

export type Render = (view: string, data: Record<string, unknown>) => string;

/**
 * Server-rendered pages: `views/<name>.hbs` inside `views/layout.hbs`, partials from `views/partials/`.
 * Handlebars escapes every `{{value}}`; only HTML Gjerde sanitized itself is inserted with `{{{…}}}`.
 */
export async function loadViews(dir: string): Promise<Render> {
  const handlebars = Handlebars.create();
  handlebars.registerHelper({
    date: (value: string | undefined) => formatDate(value),
    /** A date as a date field shows it, `dd.mm.åååå`, whatever the browser's language. */
    fieldDate: (value: string | undefined) => fieldDate(typeof value === 'string' ? value : undefined),
    /** «gjaldt», «gjelder» or «vil gjelde» for a date field's date (`validOn`); «gjaldt» for none yet. */
    validOn: (value: string | undefined) => {
      const date = typeof value === 'string' ? isoDateOf(value) : undefined;
      return isIsoDate(date) ? validOn(date, today()) : 'gjaldt';
    },
    period: (from: string | undefined, to: string | undefined) => describePeriod(from, to),
    kind: (value: keyof typeof agreementKinds) => agreementKinds[value] ?? value,
    status: (value: keyof typeof agreementStatuses) => agreementStatuses[value] ?? value,
    shortRev: (rev: string | undefined) => rev?.slice(0, 8) ?? '',
    eq: (a: unknown, b: unknown) => a === b,
    json: (value: unknown) => JSON.stringify(value),
    /** A value inside a URL's query (`?neste={{encode next}}`). */
    encode: (value: unknown) => encodeURIComponent(String(value ?? '')),
  });
  const partialsDir = join(dir, 'partials');
  for (const file of (await readdir(partialsDir).catch(() => [])).filter((name) => name.endsWith('.hbs'))) {
    handlebars.registerPartial(basename(file, '.hbs'), await readFile(join(partialsDir, file), 'utf8'));
  }
  const views = new Map<string, HandlebarsTemplateDelegate>();
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.hbs'))) {
    views.set(
      basename(file, '.hbs'),
      handlebars.compile(await readFile(join(dir, file), 'utf8'), { strict: false }),
    );
  }
  const layout = views.get('layout');
  if (!layout) throw new Error(`views/layout.hbs is missing in ${dir}`);
  return (view, data) => {
    const template = views.get(view);
    if (!template) throw new Error(`Unknown view: ${view}`);
    return layout({ ...data, body: template(data) });
  };
}
