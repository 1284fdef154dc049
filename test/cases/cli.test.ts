/** `gjerde cases`: the committee's list on the command line, from the same data repository as the service. */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config.js';
import { openGjerde } from '../../src/gjerde.js';
import { principalOf } from '../drafting/helpers.js';
import { ensurePersona } from '../helpers/accounts.js';
import { runGjerde } from '../helpers/cli.js';
import { tempDirForFile } from '../helpers/temp-dirs.js';

const dataDir = join(tempDirForFile('gjerde-cases-cli-'), 'store');
const ids: { open: string; decided: string; elsewhere: string } = { open: '', decided: '', elsewhere: '' };

function gjerde(...args: string[]) {
  return runGjerde({ GJERDE_DATA: dataDir }, ...args);
}

beforeAll(async () => {
  const service = await openGjerde(loadConfig({ GJERDE_DATA: dataDir }));
  try {
    const leser = await principalOf(service, 'leser');
    const utvalg = await principalOf(service, 'utvalg');
    await ensurePersona(service.accounts, 'utenfor');
    const raise = (title: string, agreement: string, party: string) =>
      service.cases.raise(
        {
          title,
          agreement,
          party,
          situation: 'Ungdom i OT-klassen trenger PC.',
          disagreement: 'Partene er uenige om hvem som låner ut PC.',
        },
        leser,
      );
    ids.open = (await raise('PC i OT-klassen', 'fjordvik-ramme', 'ot')).id;
    ids.decided = (await raise('Busskort i praksis', 'fjordvik-ramme', 'nav-fjordvik')).id;
    ids.elsewhere = (await raise('Førerkort i Strandby', 'strandby-lokal', 'nav-strandby')).id;
    await service.cases.handle(ids.decided, { outcome: 'avgjort', text: 'NAV dekker busskort.' }, utvalg);
  } finally {
    await service.close();
  }
}, 120_000);

describe('gjerde cases', () => {
  it('lists the open cases, oldest first, with clause, party and who raised them', () => {
    const { code, out } = gjerde('cases');
    expect(code).toBe(0);
    expect(out).toContain(`${ids.open}\tÅpen\tmeldt `);
    expect(out).toContain('\tot (Lise Leser)\tPC i OT-klassen');
    expect(out).not.toContain(ids.decided);
    expect(out).not.toMatch(/\b\d+ saker\b|totalt|antall/i);
  });

  it('lists a committee member’s own queue, and decided cases with their decision', () => {
    const mine = gjerde('cases', '--som', 'utvalg');
    expect(mine.code).toBe(0);
    expect(mine.out).toContain(ids.open);
    // Strandby's agreement is in Fjordvik too, so the member for Fjordvik decides it.
    expect(mine.out).toContain(ids.elsewhere);
    expect(gjerde('cases', '--som', 'utenfor').out).toBe('Ingen saker.\n');
    const decided = gjerde('cases', '--status', 'avgjort');
    expect(decided.out).toContain(`${ids.decided}\tAvgjort`);
    expect(decided.out).toMatch(/\tSamarbeidsutvalget \d{4}-\d{2}-\d{2}: NAV dekker busskort\./);
  });

  it('refuses an unknown status in Norwegian', () => {
    const { code, err } = gjerde('cases', '--status', 'slettet');
    expect(code).toBe(1);
    expect(err).toContain('--status kan være apne');
  });
});
