/**
 * A clause's status against what its own text says (`status-wording`, a warning).
 *
 * Settled, with a text that says the question is open:
 *
 * ```markdown
 * :::ansvar[PC i OT-klassen]{#pc-utstyr ansvarlig=nav-fjordvik}
 * Det er ikke avklart om fylkeskommunen eller NAV skal låne ut PC.
 * :::
 * ```
 *
 * The lookup answers «Ansvarlig: NAV Fjordvik» above a text saying nobody is (found by a stranger who gave a
 * grey zone an owner and left its text). A grey zone whose text says it is settled («Det er nå avklart at NAV
 * dekker PC», «Partene er enige om at …») is the reverse. Read from free text, so a warning: «Er det ikke
 * avklart om …, avgjør OT» is a settled clause, and the phrases are written so that such a sentence (the verb
 * before its subject), history («hadde stått uavklart sidan 2021») and a disagreement's next step («Blir de
 * ikke enige, …») do not match.
 */
import type { VFile } from 'vfile';
import { attributePoint } from './attributes.js';
import { reportWarning } from './messages.js';
import type { Agreement } from './types.js';

const still = '(?:fortsatt |framleis |enno |ennå |foreløpig |førebels |nå |no )?';

/** «er ikke avklart», «er uavklart», «er uenige», «står ikkje avklara», «uavklart om …» (bokmål and nynorsk). */
const saysOpen = new RegExp(
  `(?:^|[^\\p{L}])(?:(?:er|står) ${still}(?:(?:ikke|ikkje) (?:avklart|avklara|avklaret|avgjort|avgjord|bestemt|enige|einige|samde)|uavklar(?:t|a|et)|u(?:e|ei)nige|usamde)|uavklar(?:t|a|et) (?:om|hvem|kven|hvordan|korleis|hvilken|kva))(?![\\p{L}])`,
  'iu',
);

/** «Det er nå avklart», «Ansvaret er avklart», «Partene er enige om at» (bokmål and nynorsk). */
const saysSettled =
  /(?:^|[^\p{L}])(?:(?:det|ansvaret|saken|saka|spørsmålet) (?:er|ble|blei|vart) (?:nå |no )?(?:avklart|avklara)|part(?:ene|ane) (?:er|ble|blei|vart) (?:nå |no )?(?:enige|einige|samde) om at)(?![\p{L}])/iu;

export function checkStatusWording(file: VFile, agreement: Agreement): void {
  for (const clause of agreement.clauses) {
    if (clause.status === 'settled' && clause.owner !== undefined) {
      const phrase = saysOpen.exec(clause.text)?.[0];
      if (phrase === undefined) continue;
      reportWarning(
        file,
        `Klausul «${clause.id}» er avklart med «${clause.owner}» som ansvarlig, men teksten sier at saken ikke er avklart («${quoted(phrase)}»). Oppslaget viser en ansvarlig over en tekst som sier noe annet: er saken uavklart, skriv status=uavklart og eskalering=… i stedet for ansvarlig; er den avklart, skriv teksten om.`,
        attributePoint(file, clause.position, 'ansvarlig'),
        'status-wording',
      );
    } else if (clause.status === 'grey') {
      const phrase = saysSettled.exec(clause.text)?.[0];
      if (phrase === undefined) continue;
      reportWarning(
        file,
        `Klausul «${clause.id}» er uavklart, men teksten sier at saken er avklart («${quoted(phrase)}»). Er den avklart, skriv ansvarlig=… i stedet for status=uavklart; er den ikke det, skriv teksten om.`,
        attributePoint(file, clause.position, 'status'),
        'status-wording',
      );
    }
  }
}

/** The phrase without the character before it that the pattern matched to find a word's start. */
function quoted(phrase: string): string {
  return phrase.replace(/^[^\p{L}]/u, '');
}
