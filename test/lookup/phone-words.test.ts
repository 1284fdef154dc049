/**
 * What a case worker types on a phone: the field's short forms and loan words written out
 * (src/lookup/short-forms.ts), disagreeing said in nynorsk and «hvem avgjør» read as a dispute
 * (question.ts, synonyms.ts), and the services a dispute is between left out of its search
 * (src/lookup/disputing-parties.ts). Fixture county: test/fixtures/lookup-phone-words (Tverrli).
 */
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { withoutDisputingParties } from '../../src/lookup/disputing-parties.js';
import { terms } from '../../src/lookup/norwegian.js';
import { interpret } from '../../src/lookup/question.js';
import type { LookupAnswer } from '../../src/lookup/search.js';
import { writtenOut } from '../../src/lookup/short-forms.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';
import { hits } from './helpers.js';

const gjerde = testGjerdeForFile({ examplesDir: join(projectRoot, 'test/fixtures/lookup-phone-words') });

function ask(q: string): Promise<LookupAnswer> {
  return gjerde.gjerde.lookup.search({ q, county: 'Tverrli', at: '2025-06-01' });
}

describe('short forms and loan words', () => {
  it('are written out as whole words, in any case', () => {
    expect(writtenOut('reg hos nav 23 ikke skole')).toBe('registrert hos nav 23 ikke skole');
    expect(writtenOut('19 lærl sagt opp')).toBe('19 lærling sagt opp');
    expect(writtenOut('hvordan melde sak til SU')).toBe('hvordan melde sak til samarbeidsutvalget');
    expect(writtenOut('hvem skaffer bolig u18')).toBe('hvem skaffer bolig under 18');
    expect(writtenOut('nav-veil på skolen')).toBe('nav-veileder på skolen');
    expect(writtenOut('lærl sagt opp hvem har follow-up')).toBe('lærling sagt opp hvem har oppfølging');
    expect(writtenOut('ikke møtt case hvem har ownership')).toBe('ikke møtt sak hvem har ansvar');
    // Not inside other words, and not what agreements write themselves.
    expect(writtenOut('regelen om registrering')).toBe('regelen om registrering');
    expect(writtenOut('intro elev kl 9')).toBe('intro elev kl 9');
  });

  it('a dropout has dropped out; a risk of dropout has not', () => {
    expect(writtenOut('dropout 19 hvem har ansvar')).toBe('droppet ut 19 hvem har ansvar');
    expect(interpret(writtenOut('dropout 19 hvem har ansvar')).state).toBe('left');
    expect(writtenOut('fare for dropout vg1')).toBe('fare for å droppe ut vg1');
    expect(writtenOut('dropout fare vg1')).toBe('fare for å droppe ut fare vg1');
    expect(interpret(writtenOut('dropout fare vg1')).state).not.toBe('left');
  });

  it('find the clause the full words name', async () => {
    for (const [q, clause] of [
      ['dropout 19 hvem har ansvar', 'sluttet'],
      ['reg hos nav 23 ikke skole', 'registrert'],
      ['19 lærl sagt opp', 'hevet'],
      ['hvem er kontaktpers i ot', 'kontaktperson'],
      ['hvordan melde sak til SU', 'uenighet'],
    ] as const) {
      expect([q, hits(await ask(q))[0]]).toEqual([q, `tverrli-avtale#${clause}`]);
    }
  });

  it('«reg» is no bill: the question does not ask who pays', () => {
    expect(interpret(writtenOut('reg hos nav 23 ikke skole')).intents).not.toContain('cost');
  });
});

describe('a dispute asked on the phone', () => {
  it('is read in nynorsk and by who settles it', () => {
    for (const q of ['usamde om ansvar kva gjer vi', 'ueinig med skulen', 'nav og ot uenige hvem avgjør'])
      expect([q, interpret(q).intents]).toEqual([q, ['escalation']]);
  });

  it('leaves the services it is between out of the search, unless a situation is named', () => {
    expect(withoutDisputingParties(['tvist', 'nav', 'skol'], ['escalation'], [])).toEqual(['tvist']);
    expect(withoutDisputingParties(['tvist', 'nav', 'skol'], ['escalation'], ['elev'])).toEqual([
      'tvist',
      'nav',
      'skol',
    ]);
    expect(withoutDisputingParties(['nav', 'skol'], [], [])).toEqual(['nav', 'skol']);
    // A dispute about a case names the case: the services stay («NAV-tiltak»).
    const aboutCase = terms('ot nav krangler skaffe opplegg tiltaket nedlagt');
    expect(withoutDisputingParties(aboutCase, ['escalation'], [])).toEqual(aboutCase);
  });

  it('puts where disputes go first, not a clause that names the services', async () => {
    for (const q of [
      'tvist nav og skole hva gjør vi',
      'nav og ot uenige hvem avgjør',
      'usamde om ansvar kva gjer vi',
    ])
      expect([q, hits(await ask(q))[0]]).toEqual([q, 'tverrli-avtale#uenighet']);
  });
});
