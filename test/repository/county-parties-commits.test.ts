/**
 * Another county's county authority as a party, committed with plain git (a save refuses it:
 * test/counties/own-agreement.test.ts): `gjerde validate` and `gjerde verify` report it at its line in `parter`
 * by the same rule (src/domain/county-parties.ts), and say nothing while the registry does not name it.
 */
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { seededStore } from '../helpers/gjerde.js';
import { tempDirForFile } from '../helpers/temp-dirs.js';
import { cli, commitByHand } from './helpers.js';

jest.setTimeout(120_000);

/** Dalheim and Fjordvik, split from one county, each with its county authority. */
const registry = `fylker:
  - fylke: Dalheim og Fjordvik
    fylkeskommune: df-fk
    delt: 2020-01-01
    etterfolgere: [Dalheim, Fjordvik]
  - fylke: Fjordvik
    fylkeskommune: fjordvik-fk
    fra: 2020-01-01
  - fylke: Dalheim
    fylkeskommune: dalheim-fk
    fra: 2020-01-01
`;

const path = 'avtaler/dalheim-avtale.md';
const message =
  'Parten fjordvik-fk er fylkeskommunen i Fjordvik, ikke i Dalheim: en avtale for Dalheim har Dalheims fylkeskommune, dalheim-fk, som part (felles/fylker.yaml).';

describe("a plain-git commit that gives a Dalheim agreement Fjordvik's county authority as a party", () => {
  const dataDir = join(tempDirForFile('gjerde-county-parties-'), 'store');
  let line: number;

  beforeAll(async () => {
    await cp(await seededStore(), dataDir, { recursive: true });
    const text = await readFile(join(dataDir, path), 'utf8');
    const changed = text.replace(
      '  - id: ot\n',
      '  - id: fjordvik-fk\n    navn: Fjordvik fylkeskommune\n  - id: ot\n',
    );
    expect(changed).not.toBe(text);
    line = changed.split('\n').indexOf('  - id: fjordvik-fk') + 1;
    await commitByHand(dataDir, { [path]: changed }, 'Fjordvik med i Dalheims avtale');
  });

  it('is not judged while the registry names no county authority', () => {
    const validate = cli(dataDir, 'validate');
    expect(validate.out).not.toContain(message);
    expect(validate.code).toBe(0);
  });

  it('is reported by gjerde validate and gjerde verify at its line in parter once the registry names it', async () => {
    await commitByHand(dataDir, { 'felles/fylker.yaml': registry }, 'Fylkesregisteret');
    const validate = cli(dataDir, 'validate');
    expect(validate.code).toBe(1);
    expect(validate.out).toContain(`${path}:${line}:5: feil: ${message} [county-party]`);
    const verify = cli(dataDir, 'verify');
    expect(verify.code).toBe(1);
    expect(verify.out).toContain('Avtalen har et annet fylkes fylkeskommune som part');
    expect(verify.out).toContain(`${path}:${line}:5: ${message}`);
  });
});
