/**
 * Who asks is not the case (src/lookup/introduction.ts): an opening that only introduces the asker and a
 * closing that only thanks are left out of what the lookup reads; a sentence of the case, a question, or an
 * opening that says something of the situation stays.
 */
import { describe, expect, it } from '@jest/globals';
import { withoutIntroduction } from '../../src/lookup/introduction.js';

describe('an introduction of the asker is left out', () => {
  it.each([
    ['Vikar her. En jente søkte aldri videregående.', 'En jente søkte aldri videregående.'],
    ['Hei, ny vikar. Har en bruker som fikk nei overalt.', 'Har en bruker som fikk nei overalt.'],
    ['Vikar på NAV. En ungdom har meldt seg ut av skolen.', 'En ungdom har meldt seg ut av skolen.'],
    ['Helsesykepleier på skolen: en elev har sluttet å komme.', 'en elev har sluttet å komme.'],
    ['Lærebedrift: vi har hevet kontrakten. Hvem følger opp?', 'vi har hevet kontrakten. Hvem følger opp?'],
    [
      'Jeg er vikar her på NAV og fikk en telefon fra en mor. Sønnen har ikke vært på skolen.',
      'Sønnen har ikke vært på skolen.',
    ],
    ['Lærebedrift: hvem betaler arbeidsklær?', 'hvem betaler arbeidsklær?'],
    [
      'Vikar på OT (første uke): en lærling har mistet plassen. Tusen takk!',
      'en lærling har mistet plassen.',
    ],
    // New in the job: searched, «ny» found a clause on a new act before the one on who has left.
    [
      'ny her: hva er oppfølgingen for de som har sluttet på skolen, hvem har den?',
      'hva er oppfølgingen for de som har sluttet på skolen, hvem har den?',
    ],
    ['Jeg er ny på kontoret. En elev har sluttet, hvem følger opp?', 'En elev har sluttet, hvem følger opp?'],
    // On the phone a caller says «ja» or «altså» first: the role or the greeting still opens the introduction
    // (searched, «kontaktlærer» found the clause whose keywords name the pupils' teachers).
    [
      'ja hei, kontaktlærer her. Jeg har en elev på 18 i introduksjonsprogrammet. Hvem har ansvaret?',
      'Jeg har en elev på 18 i introduksjonsprogrammet. Hvem har ansvaret?',
    ],
    ['ja, altså, hei, rådgiver på skolen. En elev har sluttet.', 'En elev har sluttet.'],
  ])('«%s» → «%s»', (question, read) => {
    expect(withoutIntroduction(question)).toBe(read);
  });
});

describe('what says the case stays', () => {
  it.each([
    // An opening that says the situation, or asks, is the case.
    'Vikar her, 19 år og fikk ikke læreplass. Hvem følger opp?',
    'Lærebedrift som vil ta inn en lærling: hvem sender oss søkere?',
    'Hei, jeg har et spørsmål om hybel. Hvem betaler?',
    'ja, altså, en gutt på 19 har sluttet. Hvem følger opp?',
    'ja hei, jeg har en elev på 17 som vil slutte. Hvem har ansvaret?',
    'Skal rådgiver melde fra til OT? Eleven har sluttet.',
    // A role the story names is the case, not who asks.
    'En lærebedrift i Granmo ringte oss. De vil si opp lærlingen.',
    // Nothing is left but the introduction: it is the question.
    'Ny elev: hvem følger opp?',
    'Vikar her.',
    'hvem følger opp en elev som har sluttet',
  ])('«%s»', (question) => {
    expect(withoutIntroduction(question)).toBe(question);
  });
});
