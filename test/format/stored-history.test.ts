/**
 * The lookup and the history read stored versions through one module (src/format/stored): the lookup
 * whole versions (`VersionReader`), the history also a version's period, its approval, its metadata alone,
 * one clause by its lines and the list of clause ids. Over the whole example history (every version of
 * every example agreement, as seeded into a data repository), each gives the meaning the other and the
 * format's parser give.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseAgreement } from '../../src/format/processor.js';
import { listClauseIds, readClause, scanClause } from '../../src/format/stored/clause.js';
import { readApprovalFast, readFileMetaFast, readPeriodFast } from '../../src/format/stored/front-matter.js';
import { VersionReader } from '../../src/format/stored/version.js';
import type { Clause } from '../../src/format/types.js';
import type { Store } from '../../src/store/store.js';
import { seededStore, tempDirs } from '../history/helpers.js';

const dirs = tempDirs();
/** Every example agreement's versions, oldest first, as the store holds them. */
let histories: Array<{ path: string; versions: string[] }>;

/** Plain data, as the index and the API use it. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
const withoutPosition = (clause: Clause | undefined) => {
  if (!clause) return undefined;
  const { position: _position, ...rest } = clause;
  return plain(rest);
};

beforeAll(async () => {
  const store: Store = await seededStore(await dirs.make('gjerde-stored-'));
  histories = [];
  for (const [path, revisions] of await store.allHistory()) {
    const versions: string[] = [];
    for (const revision of [...revisions].reverse()) {
      const markdown = await store.readFile(revision.path, revision.rev);
      if (markdown !== undefined) versions.push(markdown);
    }
    histories.push({ path, versions });
  }
  await store.close();
});
afterAll(() => dirs.cleanup());

describe('stored versions over the whole example history', () => {
  it('covers every example agreement and every version', () => {
    expect(histories.length).toBeGreaterThan(5);
    expect(histories.flatMap(({ versions }) => versions).length).toBeGreaterThan(40);
  });

  it('the lookup reads every version as the parser does, none of them through the parser', () => {
    const reader = new VersionReader();
    for (const { path, versions } of histories) {
      for (const markdown of versions) {
        const { agreement, ok } = parseAgreement(markdown);
        expect({ path, read: plain(reader.read(markdown)) }).toEqual({
          path,
          read: plain({ ...agreement, ok }),
        });
      }
    }
    expect(reader.fullParses).toBe(0);
  });

  it("the history's front-matter readers give the lookup's metadata", () => {
    const reader = new VersionReader();
    for (const { path, versions } of histories) {
      for (const markdown of versions) {
        const { meta } = reader.read(markdown);
        const { id, status, validFrom, validTo } = meta;
        const period = validTo === undefined ? { status, validFrom } : { status, validFrom, validTo };
        expect({ path, meta: readFileMetaFast(markdown).meta }).toEqual({ path, meta });
        expect({ path, period: readPeriodFast(markdown) }).toEqual({ path, period });
        expect({ path, approval: readApprovalFast(markdown) }).toEqual({ path, approval: { id, ...period } });
      }
    }
  });

  it("the history's clause by its lines is the lookup's clause, for every clause id in every version", async () => {
    const reader = new VersionReader();
    let checked = 0;
    for (const { path, versions } of histories) {
      const read = versions.map((markdown) => ({ markdown, clauses: reader.read(markdown).clauses }));
      const ids = new Set(read.flatMap(({ clauses }) => clauses.map((clause) => clause.id)));
      for (const { markdown, clauses } of read) {
        expect(listClauseIds(markdown)).toEqual(clauses.map(({ id, title }) => ({ id, title })));
        for (const id of ids) {
          const expected = clauses.find((clause) => clause.id === id);
          const clause = await readClause(markdown, id, () => {
            throw new Error(`${path}: ${id} needed the whole file`);
          });
          expect({ path, id, clause: withoutPosition(clause) }).toEqual({
            path,
            id,
            clause: withoutPosition(expected),
          });
          if (expected) expect(scanClause(markdown, id).found).toBe('present');
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe('approval from a few lines', () => {
  const sample = () => {
    const markdown = histories
      .flatMap(({ versions }) => versions)
      .find((text) => /^status: godkjent$/m.test(text) && /^gyldig-til: /m.test(text));
    if (!markdown) throw new Error('no approved example with an end date');
    return markdown;
  };

  it.each([
    ['a quoted status', (text: string) => text.replace(/^status: godkjent$/m, 'status: "godkjent"')],
    [
      'a comment after the status',
      (text: string) => text.replace(/^status: godkjent$/m, 'status: godkjent # signert'),
    ],
    [
      'a repeated status',
      (text: string) => text.replace(/^status: godkjent$/m, 'status: utkast\nstatus: godkjent'),
    ],
    ['a quoted end date', (text: string) => text.replace(/^gyldig-til: (.*)$/m, 'gyldig-til: "$1"')],
    ['a draft', (text: string) => text.replace(/^status: godkjent$/m, 'status: utkast')],
  ])('reads front matter with %s as the parser does', (_name, change) => {
    const markdown = change(sample());
    const { id, status, validFrom, validTo } = parseAgreement(markdown).agreement.meta;
    expect(readApprovalFast(markdown)).toEqual(
      validTo === undefined ? { id, status, validFrom } : { id, status, validFrom, validTo },
    );
  });
});
