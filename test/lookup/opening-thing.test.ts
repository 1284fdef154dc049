/**
 * The thing a question opens with (src/lookup/opening-thing.ts): «førerkort for ungdom i tiltak» asks about the
 * driving licence, whom it is for comes after. Read narrowly, because a word no clause has is as often a person
 * with an age, a caller, a label, an adjective, a verb or a typo. Each item of
 * test/fixtures/opening-thing/openings.yaml is a question beside the thing that must be read from it, or none.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { projectRoot } from '../../src/config.js';
import { openingThing } from '../../src/lookup/opening-thing.js';

interface Opening {
  q: string;
  thing: string | null;
}

const fixture = parse(
  readFileSync(join(projectRoot, 'test/fixtures/opening-thing/openings.yaml'), 'utf8'),
) as { openings: Opening[] };

describe('the thing a question opens with', () => {
  it.each(fixture.openings.map((opening) => [opening.q, opening.thing] as const))('«%s»', (q, thing) => {
    expect(openingThing(q)?.written ?? null).toBe(thing);
  });
});
