/**
 * Who disagrees is not what the disagreement is about. «tvist nav og skole hva gjør vi», «nav og ot uenige
 * hvem avgjør» ask for the way a dispute is settled; the services named are the parties to it, and a clause
 * that names them for another case («NAV-veilederen på skolen») must not win on their names. In a question
 * that asks where a dispute goes and names no situation of the young person, the words for the services are
 * left out of the search. With a situation («uenige om bolig til 17-åring», «elev i tiltak, nav og skolen
 * uenige») they stay: the clause on that case says where its dispute goes.
 */

import { terms } from './norwegian.js';
import type { Intent } from './question.js';

/** The services a dispute is between, as case workers name them (bokmål and nynorsk). */
const services =
  'nav nav-kontor nav-kontoret ot oppfølgingstjenesten oppfølgingstenesta skole skolen skule skulen vgs ' +
  'videregående fylkeskommunen fylkeskommune fagopplæringen fagopplæring kommunen kommune';
let serviceTerms: Set<string> | undefined;

/** Words of the dispute itself and where it goes: all else names the case it is about. */
const disputeWords =
  'uenige uenig uenighet ueinige ueinig usamde usamd usemje tvist krangler strides klage eskalere eskalering ' +
  'avgjør avgjer avgjøre melde melder sak saka saken samarbeidsutvalget samarbeidsutvalet';
let disputeTerms: Set<string> | undefined;

/**
 * The question's search words without the disputing services', when it asks only where a dispute goes: no
 * situation is read and every other word is of the dispute itself («OT og NAV krangler om … når tiltaket til
 * en 17-åring ble nedlagt» names its case, and keeps «NAV» for «NAV-tiltak»).
 */
export function withoutDisputingParties(
  words: readonly string[],
  intents: readonly Intent[],
  facets: readonly string[],
): string[] {
  if (!intents.includes('escalation') || facets.length > 0) return [...words];
  serviceTerms ??= new Set(terms(services));
  disputeTerms ??= new Set(terms(disputeWords));
  const rest = words.filter((word) => !serviceTerms?.has(word));
  return rest.length > 0 && rest.every((word) => disputeTerms?.has(word)) ? rest : [...words];
}
