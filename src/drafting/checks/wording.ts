/**
 * The word lists behind the checks for short and clear agreements. The research behind Gjerde names
 * jargon («fagsjargong») and unclear responsibility as barriers between NAV and the county; these lists
 * catch the common forms of both.
 */

/** Acronyms every reader of an agreement between NAV and a county knows; never flagged. */
export const commonAcronyms = new Set(['NAV', 'EU', 'EØS', 'FN', 'PDF', 'PC', 'OK', 'ID', 'IT']);

/** An acronym: two to five capital letters standing alone («PPT», «IKT», «OT» in «OT-klasse»). */
export const acronymPattern = /(?<![\p{L}\p{N}])[A-ZÆØÅ]{2,5}(?![\p{L}\p{N}])/gu;

/**
 * Professional terms the two sides use differently or not at all. Each is flagged once when the
 * glossary does not explain it (by its term or one of its other names).
 */
export const jargonTerms: { term: string; pattern: RegExp }[] = [
  { term: 'rett og plikt', pattern: /\brett og plikt\b/iu },
  { term: 'ungdomsrett', pattern: /\bungdomsretten?\b/iu },
  { term: 'skolerett', pattern: /\bskoleretten?\b/iu },
  { term: 'opplæringsrett', pattern: /\bopplæringsretten?\b/iu },
  { term: 'elevstatus', pattern: /\belevstatus(?:en)?\b/iu },
  { term: 'lærekandidat', pattern: /\blærekandidat(?:en|er|ene)?\b/iu },
  { term: 'realkompetansevurdering', pattern: /\brealkompetansevurdering(?:en|er)?\b/iu },
  { term: 'aktivitetsplan', pattern: /\baktivitetsplan(?:en|er)?\b/iu },
  { term: 'oppfølgingsvedtak', pattern: /\boppfølgingsvedtak(?:et)?\b/iu },
  { term: '14 a-vedtak', pattern: /\b14 ?a-vedtak(?:et)?\b/iu },
  { term: 'arbeidsrettet tiltak', pattern: /\barbeidsrettede? tiltak\b/iu },
  { term: 'fylkesledd', pattern: /\bfylkesledd(?:et)?\b/iu },
  { term: 'oppfølgingsklasse', pattern: /\boppfølgingsklasse(?:n|r)?\b/iu },
  { term: 'kompetansebevis', pattern: /\bkompetansebevis(?:et)?\b/iu },
  { term: 'grenseoppgang', pattern: /\bgrenseoppgang(?:en|er)?\b/iu },
];

/**
 * Phrasings that state a duty without saying whose it is. Matched within one sentence; `phrase` is
 * what the message quotes.
 */
export const ownerlessPhrases: { phrase: string; pattern: RegExp }[] = [
  { phrase: 'det skal sørges for', pattern: /\bdet (?:skal|må|bør) sørges for\b/iu },
  { phrase: 'det bør', pattern: /\bdet bør\b/iu },
  { phrase: 'man skal', pattern: /\bman (?:skal|bør|må)(?!\p{L})/iu },
  { phrase: 'det forventes at', pattern: /\bdet forventes at\b/iu },
  { phrase: 'det er ønskelig at', pattern: /\bdet er ønskelig at\b/iu },
  {
    phrase: 'partene skal sørge for',
    pattern: /\b(?:partene|begge parter) (?:skal|må|bør) (?:sammen )?sørge for\b/iu,
  },
];

/**
 * A duty in the passive without an agent: «skal følges opp», «må avklares» — unless the sentence says
 * by whom («… følges opp av NAV-kontoret»), or the duty is the object of an indirect question
 * («vi avtaler hva som skal gjøres»).
 */
export const passiveDuty =
  /(?<!\bsom )\b(skal|bør|må)\s+(?:(?:ikke|også|alltid|straks|raskt|da|først|snarest)\s+)*(\p{L}{3,}es)\b/iu;

/** Verbs ending in -es that are not passive («OT og NAV skal møtes»). */
export const deponentVerbs = new Set([
  'møtes',
  'finnes',
  'synes',
  'trives',
  'lykkes',
  'minnes',
  'kjennes',
  'høres',
  'omgås',
]);
