/**
 * Case workers' phrasings (src/lookup/synonyms.ts): a phrase found in a question brings in the agreements'
 * words for the same thing, as weaker search terms.
 */
import { describe, expect, it } from '@jest/globals';
import { terms } from '../../src/lookup/norwegian.js';
import { Synonyms } from '../../src/lookup/synonyms.js';

const synonyms = new Synonyms();

describe('case workers’ phrasings', () => {
  it.each([
    'både går på skolen og er i praksis',
    'både går på skule og er i praksis',
    'er i praksis og på skole',
  ])('«%s» is a combined path (kombinert løp)', (question) => {
    expect(synonyms.expand(terms(question))).toEqual(expect.arrayContaining(terms('kombinert løp')));
  });

  it('school or practice alone is not a combined path', () => {
    expect(synonyms.expand(terms('går på skolen'))).not.toEqual(
      expect.arrayContaining(terms('kombinert løp')),
    );
    expect(synonyms.expand(terms('er i praksis'))).not.toEqual(
      expect.arrayContaining(terms('kombinert løp')),
    );
  });

  it.each([
    ['kastet ut hjemmefra', 'bolig'],
    ['bor på hybel', 'bor alene'],
    ['er deprimert', 'psykisk'],
    // Treatment is the mental-health case: the psychologist, psychiatry (not the clinics by name, see the list).
    ['han trenger en psykolog', 'psykisk'],
    ['kontakten med psykiatrien', 'psykisk helse'],
    ['lærlingen mista læreplassen', 'hevet lærekontrakt'],
    ['lærekontrakten vart heva', 'mistet læreplassen'],
    // The contract lost, or the apprenticeship broken off, is a cancelled contract (blind-7 b7-19, b7-25).
    ['som mista lærekontrakten i fjor', 'hevet kontrakt'],
    ['avbrutt læreforhold 16 år', 'hevet kontrakt'],
    // Before the youth guarantee (1 July 2023) NAV's effort for the young was the ungdomsinnsats (blind-8 b8-059).
    ['ungdomsgarantien i 2022 kva galdt då', 'ungdomsinnsats'],
  ])('«%s» brings in «%s»', (question, word) => {
    expect(synonyms.expand(terms(question))).toEqual(expect.arrayContaining(terms(word)));
  });
});
