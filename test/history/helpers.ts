import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../src/config.js';
import { replayedTrailers } from '../../src/domain/import.js';
import { MANIFEST, seedStore } from '../../src/store/seed.js';
import { Store } from '../../src/store/store.js';
import { authorEnv, gitWithEnv } from '../helpers/git.js';
import { tempDirs as tempDirsWithPrefix } from '../helpers/temp-dirs.js';

export const kari = { name: 'Kari Nordmann', email: 'kari@nav.example' };
export const ola = { name: 'Ola Nordmann', email: 'ola@fjordvik.example' };

/** Temporary folders removed by `cleanup()`. */
export const tempDirs = () => tempDirsWithPrefix('gjerde-history-');

/**
 * What seeding the real example agreements makes: one commit per revision, and the approved versions
 * among them (by their `status:` line), counted from `agreements/` so that a new example changes no test.
 */
export function exampleCounts(): { agreements: number; commits: number; approved: number } {
  const root = join(projectRoot, 'agreements');
  const counts = { agreements: 0, commits: 0, approved: 0 };
  for (const id of readdirSync(root)) {
    if (!existsSync(join(root, id, MANIFEST))) continue;
    const revisions = parse(readFileSync(join(root, id, MANIFEST), 'utf8')) as {
      file: string;
      path?: string;
    }[];
    // Data files (the shared glossary, the contact registers) are commits too, but no agreement.
    if (revisions.some((revision) => revision.path !== undefined)) {
      counts.commits += revisions.length;
      continue;
    }
    counts.agreements += 1;
    for (const { file } of revisions) {
      counts.commits += 1;
      if (/^status: godkjent$/m.test(readFileSync(join(root, id, file), 'utf8'))) counts.approved += 1;
    }
  }
  return counts;
}

/** A store in a temporary folder seeded from the real example agreements, approvals recorded as at start-up. */
export async function seededStore(dir: string): Promise<Store> {
  const store = await Store.open(join(dir, 'store'));
  await seedStore(
    store,
    join(projectRoot, 'agreements'),
    () => undefined,
    (revision) => replayedTrailers(revision),
  );
  return store;
}

/** Runs git in the store folder for set-up and assertions (not through the code under test). */
export function git(dir: string, args: string[], env: Record<string, string> = {}): string {
  return gitWithEnv(dir, args, { ...authorEnv({ name: 'Mallory', email: 'mallory@example.org' }), ...env });
}

export interface FixtureClause {
  id: string;
  title: string;
  attributes?: string;
  text?: string;
}

export interface FixtureOptions {
  id?: string;
  title?: string;
  status?: string;
  validFrom?: string;
  validTo?: string;
  signatories?: string;
  clauses?: FixtureClause[];
  /** Markdown before the clauses (after the title). */
  intro?: string;
  /** Extra parties as YAML list items. */
  parties?: string;
}

/** A small, valid agreement file. */
export function fixture(options: FixtureOptions = {}): string {
  const id = options.id ?? 'testavtale';
  const front = [
    '---',
    `id: ${id}`,
    `tittel: ${options.title ?? 'Testavtale mellom NAV Testby og Testby fylkeskommune'}`,
    'type: ramme',
    'fylke: Testby',
    `status: ${options.status ?? 'godkjent'}`,
    `gyldig-fra: ${options.validFrom ?? '2020-01-01'}`,
    ...(options.validTo ? [`gyldig-til: ${options.validTo}`] : []),
    'eskalering: Samarbeidsutvalget',
    'parter:',
    '  - id: nav-testby',
    '    navn: NAV Testby',
    '  - id: testby-fk',
    '    navn: Testby fylkeskommune',
    '  - id: ot',
    '    navn: Oppfølgingstjenesten (OT)',
    '    del-av: testby-fk',
    ...(options.parties ? [options.parties] : []),
    ...(options.signatories ? ['signatarer:', options.signatories] : []),
    'kontakter:',
    '  - id: ot-kontakt',
    '    rolle: Kontaktperson i OT',
    '    part: ot',
    '  - id: nav-kontakt',
    '    rolle: Ungdomskontakt i NAV',
    '    part: nav-testby',
    '---',
    '',
  ];
  const clauses = (options.clauses ?? []).map(
    (clause) =>
      `:::ansvar[${clause.title}]{#${clause.id}${clause.attributes ? ` ${clause.attributes}` : ''}}\n${clause.text ?? 'Teksten i punktet.'}\n:::\n`,
  );
  return [
    ...front,
    `# ${options.title ?? 'Testavtale'}`,
    '',
    options.intro ?? '## 1. Formål\n\nIngen ungdom skal falle mellom to stoler.\n',
    '## 2. Ansvarsdeling\n',
    ...clauses,
    '## 3. Revisjon\n',
    'Avtalen revideres hvert år.',
    '',
  ].join('\n');
}

/** `count` words that share nothing with words from another seed. */
export function unrelatedWords(count: number, seed: string): string {
  const words: string[] = [];
  let state = [...seed].reduce((sum, char) => sum * 31 + char.charCodeAt(0), 7) >>> 0;
  for (let index = 0; index < count; index += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    const length = 3 + (state % 7);
    let word = seed;
    for (let position = 0; position < length; position += 1) {
      state = (state * 1103515245 + 12345) >>> 0;
      word += String.fromCharCode(97 + ((state >>> 16) % 26));
    }
    words.push(word);
    if (index % 12 === 11) words.push('\n');
  }
  return words.join(' ').replace(/ \n /g, '\n');
}
