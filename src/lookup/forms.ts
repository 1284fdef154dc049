/**
 * Word forms the Hunspell dictionaries do not link to the word case workers mean, in two short tables:
 *
 * - **nynorsk → bokmål**: the dictionaries are two, and neither knows that «skule» is «skole» or «teieplikt»
 *   is «taushetsplikt». A Dalheim clause in nynorsk and a bokmål question (or the other way round) must meet
 *   on one term. Only everyday words of the field are listed: the other nynorsk words either are spelled as
 *   in bokmål or meet by their lemma already.
 * - **strong verbs**: the dictionaries list «satt», «fikk», «gikk» as entries of their own, not as forms of
 *   «sitte», «få», «gå». For reading a situation («satt hjemme», «fekk ikkje plass») the form does not
 *   matter; for the search index it does («satt» is also «sette»), so these are used only to read phrases.
 */

/** Nynorsk (and common dialect) words → the bokmål word, for the index and the question alike. */
export const nynorskToBokmal: Readonly<Record<string, string>> = {
  skule: 'skole',
  heime: 'hjemme',
  heile: 'hele',
  ikkje: 'ikke',
  korkje: 'verken',
  utan: 'uten',
  utanfor: 'utenfor',
  vaksen: 'voksen',
  fråvær: 'fravær',
  bustad: 'bolig',
  høg: 'høy',
  mykje: 'mye',
  teieplikt: 'taushetsplikt',
  sjølv: 'selv',
  vidaregåande: 'videregående',
  teneste: 'tjeneste',
  oppfølgingsteneste: 'oppfølgingstjeneste',
  rettleiar: 'veileder',
  rettleiing: 'veiledning',
  søkjar: 'søker',
  arbeidssøkjar: 'arbeidssøker',
  arbeidsgjevar: 'arbeidsgiver',
  klede: 'klær',
  arbeidsklede: 'arbeidsklær',
  livsopphald: 'livsopphold',
  pengar: 'penger',
  følgje: 'følge',
  byrje: 'begynne',
  spørje: 'spørre',
  ungdomen: 'ungdommen',
  heilt: 'helt',
  eige: 'eie',
  gjere: 'gjøre',
  treng: 'trenger',
  manglar: 'mangler',
  lærar: 'lærer',
  rådgjevar: 'rådgiver',
  løn: 'lønn',
  sjukmeld: 'sykmeldt',
  sjukmeldt: 'sykmeldt',
  sjukepengar: 'sykepenger',
};

/** Strong and irregular verbs' forms (bokmål and nynorsk) → the infinitive, for reading phrases only. */
export const verbForms: Readonly<Record<string, string>> = {
  sitter: 'sitte',
  sit: 'sitte',
  satt: 'sitte',
  sat: 'sitte',
  sittet: 'sitte',
  sete: 'sitte',
  får: 'få',
  fær: 'få',
  fikk: 'få',
  fekk: 'få',
  fått: 'få',
  går: 'gå',
  gikk: 'gå',
  gjekk: 'gå',
  gått: 'gå',
  tar: 'ta',
  tok: 'ta',
  tatt: 'ta',
  tek: 'ta',
  gir: 'gi',
  ga: 'gi',
  gav: 'gi',
  gitt: 'gi',
  gjev: 'gi',
  kom: 'komme',
  kommer: 'komme',
  kjem: 'komme',
  kommet: 'komme',
  kome: 'komme',
  begynte: 'begynne',
  begynt: 'begynne',
  byrja: 'begynne',
  byrjar: 'begynne',
  gjorde: 'gjøre',
  gjort: 'gjøre',
  gjer: 'gjøre',
  sa: 'si',
  sagt: 'si',
  seier: 'si',
  står: 'stå',
  sto: 'stå',
  stod: 'stå',
  stått: 'stå',
};

/**
 * Strong verbs' past forms that the dictionaries list as another word («fløy», a wing) or as no form of the
 * verb, where the verb is the thing a clause names («fløy hjem» for «hjemreise med fly»): the infinitive's
 * term, in the index and the question alike. Only forms with no other everyday meaning in this field.
 */
export const searchedVerbForms: Readonly<Record<string, string>> = {
  fløy: 'fly',
  fløg: 'fly',
  flaug: 'fly',
  dro: 'dra',
  drog: 'dra',
  brøt: 'bryte',
  braut: 'bryte',
};
