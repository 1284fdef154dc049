import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { projectRoot } from '../../src/config.js';
import { today } from '../../src/format/dates.js';

export const kari = { name: 'Kari Nordmann', email: 'kari@nav.example' };
export const ola = { name: 'Ola Nordmann', email: 'ola@fjordvik.example' };

/** A first day in force safely after today, so approvals are never retroactive whenever the tests run. */
export const futureYear = Number(today().slice(0, 4)) + 2;
export const validFrom = `${futureYear}-01-01`;

/** The umbrella template's example answers as a new draft: another id, future dates, no lifecycle answers. */
export function rammeAnswers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const answers = parseYaml(
    readFileSync(join(projectRoot, 'templates/ramme/example-answers.yaml'), 'utf8'),
  ) as Record<string, unknown>;
  delete answers.status;
  delete answers.signatories;
  return {
    ...answers,
    id: 'testfylket-ramme',
    validFrom,
    validTo: `${futureYear + 1}-12-31`,
    reviewBy: `${futureYear}-11-01`,
    ...overrides,
  };
}

/** Runs git in the data repository for assertions (not through the code under test). */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
}

/** Answers as the new-agreement form posts them: `clauses[0].title=…`, ticked boxes as `true`. */
export function asFormFields(answers: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  const put = (name: string, value: unknown) => {
    if (value === true) fields[name] = 'true';
    else if (value !== false && value !== undefined && value !== null) fields[name] = String(value);
  };
  for (const [name, value] of Object.entries(answers)) {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        for (const [field, inner] of Object.entries(item as Record<string, unknown>))
          put(`${name}[${index}].${field}`, inner);
      });
    } else put(name, value);
  }
  return fields;
}

/** Every `<script>` has a `src` and no element has an inline event handler: ready for a strict CSP. */
export function expectNoInlineScript(html: string): void {
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  for (const tag of scripts)
    if (!/\ssrc="\/assets\/[a-z-]+\.js"/.test(tag)) throw new Error(`Inline script: ${tag}`);
  const handler = /<[^>]+\son[a-z]+\s*=/i.exec(html);
  if (handler) throw new Error(`Inline event handler: ${handler[0].slice(0, 80)}`);
}
