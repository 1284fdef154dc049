import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { runGjerde } from '../helpers/cli.js';
import { tempDirForFile } from '../helpers/temp-dirs.js';

const root = tempDirForFile('gjerde-drafting-cli-');

function gjerde(...args: string[]) {
  return runGjerde({ GJERDE_DATA: join(root, 'store') }, ...args);
}

describe('gjerde validate: warnings for short and clear agreements', () => {
  it('prints warnings as file:line:col with their rule, and exits 0 when there are no errors', () => {
    // A version from before the flagship example was brought within its template's advice (2025-06-23).
    const path = join(projectRoot, 'agreements/fjordvik-ramme/2024-06-24.md');
    const { code, out } = gjerde('validate', path);
    expect(code).toBe(0);
    expect(out).toContain(
      `${path}:57:1: advarsel: Avtalen har 1\u00a0027 ord; malen anbefaler høyst 1\u00a0000.`,
    );
    expect(out).toMatch(/:\d+:\d+: advarsel: «elevstatus» er et fagord .* \[unknown-term\]/);
    expect(out).toMatch(
      /advarsel: Ingen punkt sier hvem som har ansvaret for «Lærling eller lærekandidat med kontrakt».* \[coverage-gap\]/,
    );
    expect(out).toContain('OK: 1 fil uten feil.');
    expect(out).toMatch(/\d+ råd om lengde, språk, ansvar og hjemler/);
  });

  it("counts the data repository's shared glossary as explaining its terms, as a save does", async () => {
    const path = join(projectRoot, 'agreements/fjordvik-ramme/2024-06-24.md');
    const data = join(root, 'with-glossary');
    await mkdir(join(data, 'felles'), { recursive: true });
    await writeFile(
      join(data, 'felles/begreper.yaml'),
      'begreper:\n  - begrep: Elevstatus\n    forklaring: Å ha plass og rett som elev i videregående skole.\n',
    );
    const { code, out } = runGjerde({ GJERDE_DATA: data }, 'validate', path);
    expect(code).toBe(0);
    expect(out).not.toContain('«elevstatus» er et fagord');
    expect(out).toContain('OK: 1 fil uten feil.');
  });

  it('still exits 1 on errors, with the warnings beside them', async () => {
    const bad = join(root, 'bad.md');
    await writeFile(bad, '---\nid: x\ntittel: T\n---\n\n# T\n\nDet skal sørges for at saken følges opp.\n');
    const { code, out } = gjerde('validate', bad);
    expect(code).toBe(1);
    expect(out).toContain(': feil: Ugyldig avtale-id');
  });
});

describe('gjerde due', () => {
  it('lists what needs attention on a date, one line each', () => {
    const { code, out, err } = gjerde('due', '--at', '2026-11-22');
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(
      /^fjordvik-ramme\trevisjon passert\t2026-09-01\tRevisjonen skulle vært gjort 1\. september 2026/m,
    );
    expect(out).toMatch(/^fjordvik-ot-nav\tutkast\t2026-10-12\t/m);
    expect(out).toMatch(/^strandby-lokal\trevisjon snart\t2027-01-10\t/m);
  });

  it('refuses bad options', () => {
    expect(gjerde('due', '--days', 'mange').code).toBe(1);
    expect(gjerde('due', '--at', '2026-02-30').code).toBe(1);
  });

  it('tells a script with --exit-code: 1 when something needs attention, 0 when nothing does, 2 on failure', () => {
    expect(gjerde('due', '--at', '2026-11-22', '--exit-code').code).toBe(1);
    // A county's own data repository with no agreements yet: nothing is due.
    const empty = { GJERDE_DATA: join(root, 'tom', 'store'), GJERDE_EXAMPLES: join(root, 'ingen-eksempler') };
    const quiet = runGjerde(empty, 'due', '--exit-code');
    expect(quiet.out).toContain('Ingenting trenger oppmerksomhet');
    expect(quiet.code).toBe(0);
    expect(gjerde('due', '--at', '2026-02-30', '--exit-code').code).toBe(2);
  });
});
