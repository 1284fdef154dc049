/**
 * An umbrella agreement leaves situations to its sub-agreements (`type: del`, `overordnet:`). Checked with
 * the repository (a save, its page, `POST /api/check`, `gjerde validate` of a file with a data
 * repository), what the sub-agreements in force settle is no coverage gap; checked on its own, the gap
 * stays and says it may be settled in a sub-agreement. Nordre Vik's agreements from the second blind set,
 * committed by hand to a real git repository.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { PlainMessage } from '../../src/format/messages.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { cli, commitByHand } from '../repository/helpers.js';

jest.setTimeout(120_000);

const blind = join(projectRoot, 'eval/blind-2/agreements');
/** Both in force from 2026 on: the umbrella until 2029, the sub-agreement without an end. */
const rammeFile = join(blind, 'nordre-vik-ramme/2025-12-15.md');
const subFile = join(blind, 'nordre-vik-fagopplaering/2025-08-18.md');
const leftToSub = ['«Søkt læreplass, fikk ikke»', '«Lærling eller lærekandidat med kontrakt»'];

function gapsFor(text: string, labels: string[]): string[] {
  return text
    .split('\n')
    .filter((line) => line.includes('[coverage-gap]') && labels.some((label) => line.includes(label)));
}

const server = testGjerdeWithPeople([]);
let ramme: string;

beforeAll(async () => {
  ramme = await readFile(rammeFile, 'utf8');
  await commitByHand(
    server.dataDir,
    {
      'avtaler/nordre-vik-ramme.md': ramme,
      'avtaler/nordre-vik-fagopplaering.md': await readFile(subFile, 'utf8'),
    },
    'Avtalene for Nordre Vik flyttet inn',
  );
});

describe('coverage of an umbrella agreement with a sub-agreement in force', () => {
  it('checked with the repository, what the sub-agreement settles is no gap, and the row names its clauses', async () => {
    const editor = await server.as('redaktor');
    const body = (await editor.post('/api/check').send({ markdown: ramme }).expect(200)).body as {
      messages: PlainMessage[];
      coverage: {
        label: string;
        status: string;
        segments: { owners: { clauses: { agreement?: string }[] }[] }[];
      }[];
    };
    const gaps = body.messages.filter((message) => message.rule === 'coverage-gap');
    expect(gaps.filter((gap) => leftToSub.some((label) => gap.message.includes(label)))).toEqual([]);
    const apprentice = body.coverage.find((row) => row.label === 'Lærling eller lærekandidat med kontrakt');
    expect(apprentice?.status).toBe('covered');
    expect(
      apprentice?.segments.flatMap((segment) =>
        segment.owners.flatMap((owner) => owner.clauses.map((c) => c.agreement)),
      ),
    ).toContain('nordre-vik-fagopplaering');
  });

  it('gjerde validate of the file with the data repository counts the sub-agreement too', () => {
    const { code, out } = cli(
      server.dataDir,
      'validate',
      join(server.dataDir, 'avtaler/nordre-vik-ramme.md'),
    );
    expect(code).toBe(0);
    expect(gapsFor(out, leftToSub)).toEqual([]);
  });

  it('checked on its own, the gap stays and says it may be settled in a sub-agreement', () => {
    const { code, out } = cli(join(server.dataDir, 'finnes-ikke'), 'validate', rammeFile);
    expect(code).toBe(0);
    const gaps = gapsFor(out, leftToSub);
    expect(gaps).toHaveLength(2);
    for (const gap of gaps)
      expect(gap).toContain('Det kan være avklart i en delavtale under denne rammeavtalen');
  });
});
