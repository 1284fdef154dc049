import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { withPartyDirectory } from '../../src/access/party-grants.js';
import type { Principal } from '../../src/access/principal.js';
import { projectRoot } from '../../src/config.js';
import { today } from '../../src/format/dates.js';
import type { Gjerde } from '../../src/gjerde.js';
import { ensurePersona, type PersonaName, personas, testPassword } from '../helpers/accounts.js';

/**
 * The persona as the service sees them once signed in (through the real sign-in of the accounts), with
 * their party grants read against the agreements as every request does.
 */
export async function principalOf(gjerde: Gjerde, name: PersonaName): Promise<Principal> {
  await ensurePersona(gjerde.accounts, name);
  const result = await gjerde.accounts.signIn(personas[name].username, testPassword);
  if (!result.ok) throw new Error(`${name} could not sign in`);
  return withPartyDirectory(result.principal, await gjerde.partyDirectory.read());
}

/** `Name <e-mail>` of the persona, as `git log --format='%an <%ae>'` shows a commit's author. */
export function authorLine(name: PersonaName): string {
  return `${personas[name].name} <${personas[name].email}>`;
}

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

/** Every form that posts carries the session's CSRF token (views/partials/csrf.hbs). */
export function expectCsrfInEveryForm(html: string): void {
  const forms = [...html.matchAll(/<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/g)];
  if (forms.length === 0) throw new Error('No form that posts');
  for (const [tag, body] of forms) {
    if (!/<input type="hidden" name="_csrf" value="[^"]{16,}">/.test(body ?? ''))
      throw new Error(`A form without the CSRF token: ${tag.slice(0, 120)}`);
  }
}
