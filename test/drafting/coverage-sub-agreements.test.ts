/**
 * An umbrella agreement leaves situations to its sub-agreements (`type: del`, `overordnet:`). Checked with
 * the repository (a save, its page, `POST /api/check`, `gjerde validate` of a file with a data
 * repository), what the sub-agreements in force settle is no coverage gap; checked on its own, the gap
 * stays and says it may be settled in a sub-agreement. The agreements of the second, third and fourth blind sets
 * (Nordre Vik; Vestre Fjelltun, in nynorsk, and Brattland, whose clauses are numbered steps, each with a local
 * agreement beside them), committed by hand to a real git repository.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { PlainMessage } from '../../src/format/messages.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { cli, commitByHand } from '../repository/helpers.js';

jest.setTimeout(120_000);

/** Each county's umbrella and sub-agreement, both in force from 2026 on, and what the umbrella leaves to the other. */
const counties = [
  {
    county: 'Nordre Vik',
    ramme: 'nordre-vik-ramme',
    rammeFile: join(projectRoot, 'eval/blind-2/agreements/nordre-vik-ramme/2025-12-15.md'),
    sub: 'nordre-vik-fagopplaering',
    subFile: join(projectRoot, 'eval/blind-2/agreements/nordre-vik-fagopplaering/2025-08-18.md'),
    leftToSub: ['«Søkt læreplass, fikk ikke»', '«Lærling eller lærekandidat med kontrakt»'],
  },
  {
    county: 'Vestre Fjelltun',
    ramme: 'vestre-fjelltun-samarbeidsavtale',
    rammeFile: join(projectRoot, 'eval/blind-3/agreements/vestre-fjelltun-samarbeidsavtale/2025-12-08.md'),
    sub: 'vestre-fjelltun-laereplass',
    subFile: join(projectRoot, 'eval/blind-3/agreements/vestre-fjelltun-laereplass/2025-06-23.md'),
    leftToSub: ['«Lærling eller lærekandidat med kontrakt»'],
    /** A local agreement beside them: its clauses are no part of the umbrella's coverage. */
    local: {
      id: 'hamnevik-lokal',
      file: join(projectRoot, 'eval/blind-3/agreements/hamnevik-lokal/2025-09-08.md'),
    },
  },
  {
    county: 'Brattland',
    ramme: 'brattland-samarbeidsavtale',
    rammeFile: join(projectRoot, 'eval/blind-4/agreements/brattland-samarbeidsavtale/2024-12-16.md'),
    sub: 'brattland-fagopplaering',
    subFile: join(projectRoot, 'eval/blind-4/agreements/brattland-fagopplaering/2025-07-14.md'),
    leftToSub: ['«Søkt læreplass, fikk ikke»', '«Lærling eller lærekandidat med kontrakt»'],
    /** The local agreement for the three NAV offices of Storhamn: no part of the umbrella's coverage. */
    local: {
      id: 'storhamn-lokal',
      file: join(projectRoot, 'eval/blind-4/agreements/storhamn-lokal/2025-04-22.md'),
    },
  },
];

function gapsFor(text: string, labels: string[]): string[] {
  return text
    .split('\n')
    .filter((line) => line.includes('[coverage-gap]') && labels.some((label) => line.includes(label)));
}

const server = testGjerdeWithPeople([]);

beforeAll(async () => {
  const files: Record<string, string> = {};
  for (const { ramme, rammeFile, sub, subFile, local } of counties) {
    files[`avtaler/${ramme}.md`] = await readFile(rammeFile, 'utf8');
    files[`avtaler/${sub}.md`] = await readFile(subFile, 'utf8');
    if (local) files[`avtaler/${local.id}.md`] = await readFile(local.file, 'utf8');
  }
  await commitByHand(
    server.dataDir,
    files,
    'Avtalene for Nordre Vik, Vestre Fjelltun og Brattland flyttet inn',
  );
});

describe.each(counties)(
  "coverage of $county's umbrella agreement with a sub-agreement in force",
  ({ ramme, rammeFile, sub, leftToSub, local }) => {
    it('checked with the repository, what the sub-agreement settles is no gap, and the row names its clauses', async () => {
      const editor = await server.as('redaktor');
      const markdown = await readFile(rammeFile, 'utf8');
      const body = (await editor.post('/api/check').send({ markdown }).expect(200)).body as {
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
      ).toContain(sub);
      const named = body.coverage.flatMap((row) =>
        row.segments.flatMap((segment) =>
          segment.owners.flatMap((owner) => owner.clauses.map((c) => c.agreement)),
        ),
      );
      if (local) expect(named).not.toContain(local.id);
    });

    it('gjerde validate of the file with the data repository counts the sub-agreement too', () => {
      const { code, out } = cli(server.dataDir, 'validate', join(server.dataDir, `avtaler/${ramme}.md`));
      expect(code).toBe(0);
      expect(gapsFor(out, leftToSub)).toEqual([]);
    });

    it('checked on its own, the gap stays and says it may be settled in a sub-agreement', () => {
      const { code, out } = cli(join(server.dataDir, 'finnes-ikke'), 'validate', rammeFile);
      expect(code).toBe(0);
      const gaps = gapsFor(out, leftToSub);
      expect(gaps).toHaveLength(leftToSub.length);
      for (const gap of gaps)
        expect(gap).toContain('Det kan være avklart i en delavtale under denne rammeavtalen');
    });
  },
);
