/**
 * Synonyms: the words case workers use for the words agreements use. Three sources, all as groups of
 * phrases that mean the same:
 * - the agreements' own glossaries (`- **OT** (oppfølgingstjenesten): …` gives OT ⇄ oppfølgingstjenesten);
 * - the shared glossary (src/glossary), which can change at any commit and so is kept as a layer of its own;
 * - a short built-in list of everyday phrasings («fikk ikke læreplass» ~ «uten læreplass»).
 * A phrase found in a question brings in the other phrases of its group as extra, weaker search terms.
 */
import type { GlossaryEntry } from '../format/types.js';
import { terms } from './norwegian.js';
import { PhraseMatcher } from './phrases.js';

/** Everyday phrasings heard from NAV veiledere and OT staff, next to the words the agreements use. */
export const caseWorkerSynonyms: string[][] = [
  [
    'fikk ikke læreplass',
    'uten læreplass',
    'ikke fått læreplass',
    'ikke har fått læreplass',
    'får ikke læreplass',
    'mangler læreplass',
    'ingen læreplass',
    'fikk ikke lærlingplass',
    'står uten læreplass',
    'lærling uten læreplass',
  ],
  ['læreplass', 'lærlingplass', 'lærebedrift'],
  [
    'hevet lærekontrakt',
    'lærekontrakt hevet',
    'hevet kontrakt',
    'kontrakten hevet',
    'mistet læreplassen',
    'mistet lærekontrakten',
    'avbrutt læreforhold',
  ],
  [
    'vurderer å slutte',
    'tenker på å slutte',
    'vil slutte',
    'hoppe av',
    'droppe ut',
    'fare for å slutte',
    'frafall',
  ],
  ['sluttet', 'droppet ut', 'hoppet av', 'avbrutt', 'avbrøt', 'sluttet på skolen'],
  ['arbeidsklær', 'arbeidstøy', 'klær', 'uniform', 'arbeidsantrekk'],
  ['vernesko', 'arbeidssko', 'sikkerhetssko'],
  ['busskort', 'reisekort', 'bussbillett', 'skyss', 'reiseutgifter'],
  ['pc', 'datamaskin', 'laptop', 'bærbar', 'mac'],
  ['læremidler', 'skolebøker', 'lærebøker', 'skulebøker'],
  ['penger', 'livsopphold', 'sosialhjelp', 'stønad', 'økonomisk stønad', 'lommepenger'],
  ['praksisplass', 'arbeidspraksis', 'praksis', 'arbeidstrening'],
  [
    'kombinert løp',
    'skole og praksis',
    'praksis og skole',
    'opplæring og praksis',
    'skole og arbeidspraksis',
  ],
  ['fravær', 'skulk', 'skulker', 'borte fra skolen'],
  ['under 18', 'mindreårig', 'umyndig'],
  ['jobb', 'arbeid'],
  ['vgs', 'videregående', 'videregående skole'],
  ['tiltak', 'arbeidsrettet tiltak'],
  ['kontaktperson', 'kontakt', 'ringe', 'ringer'],
  ['karriereveiledning', 'yrkesveiledning', 'studieveiledning', 'rådgivning'],
  ['introduksjonsprogram', 'flyktning', 'nyankommet', 'innvandrer'],
  // NAV's effort for the young before the youth guarantee replaced it (1 July 2023): asked about a year before,
  // «ungdomsgarantien» is what was then the ungdomsinnsats.
  ['ungdomsgaranti', 'ungdomsinnsats'],
  ['betaler', 'betale', 'dekker', 'dekke', 'kostnad', 'utgifter', 'koster', 'regning'],
  // Disagreeing, in bokmål and nynorsk: «usamde om ansvar» asks what «uenige om hvem» does.
  ['uenige', 'uenig', 'uenighet', 'ueinige', 'ueinig', 'usamde', 'usamd', 'usemje', 'tvist', 'ikke enige'],
  ['samtykke', 'tillatelse', 'fullmakt'],
  ['taushetsplikt', 'dele opplysninger', 'personvern'],
  // Mental health, as case workers say it: the state, and the treatment (not the clinics by name: an agreement
  // may give BUP and DPS, for different ages, to different parties).
  [
    'psykisk',
    'psykiske plager',
    'angst',
    'depresjon',
    'deprimert',
    'psykisk helse',
    'psykiske problemer',
    'psykolog',
    'psykiatri',
    'psykiatrisk',
    'psykisk helsevern',
    'psykisk helsetjeneste',
  ],
  [
    'bolig',
    'bosted',
    'hybel',
    'husleie',
    'bor alene',
    'bostedsløs',
    'hjemløs',
    'uten bolig',
    'kastet ut',
    'kastet ut hjemmefra',
    'flyttet hjemmefra',
  ],
  ['møte', 'samarbeidsmøte', 'møtes'],
];

export class Synonyms {
  private readonly matcher = new PhraseMatcher<number>();
  private readonly groups: string[][][] = [];
  private readonly seen = new Set<string>();
  /** Glossary entries added (an entry is never changed once read). */
  private readonly glossaryAdded = new WeakSet<GlossaryEntry>();
  /** The shared glossary's groups, replaced whenever the glossary changes. */
  private shared: { entries: readonly GlossaryEntry[]; synonyms: Synonyms } | undefined;

  constructor(groups: string[][] = caseWorkerSynonyms) {
    for (const group of groups) this.addGroup(group);
  }

  /** The synonyms a snapshot was taken of. */
  static restore(groups: string[][][]): Synonyms {
    const synonyms = new Synonyms([]);
    for (const group of groups) synonyms.addTerms(group);
    return synonyms;
  }

  /** The groups as processed terms (see `ClauseIndexSnapshot`). */
  snapshot(): string[][][] {
    return this.groups;
  }

  /** Adds a group of phrases that mean the same (ignored when the same group is known already). */
  addGroup(phrases: string[]): void {
    this.addTerms(phrases.map((phrase) => terms(phrase)).filter((words) => words.length > 0));
  }

  /** The same with each phrase as its terms. */
  private addTerms(processed: string[][]): void {
    const key = processed
      .map((words) => words.join(' '))
      .sort()
      .join('|');
    if (processed.length < 2 || this.seen.has(key)) return;
    this.seen.add(key);
    const index = this.groups.push(processed) - 1;
    for (const words of processed) this.matcher.add(words, index);
  }

  addGlossary(entries: readonly GlossaryEntry[]): void {
    for (const entry of entries) {
      // An index build adds every version's glossary, whose entries the reader of stored versions shares
      // across the versions they are unchanged in: each entry's terms are made once (7 % of the indexing).
      if (entry.aliases.length === 0 || this.glossaryAdded.has(entry)) continue;
      this.glossaryAdded.add(entry);
      this.addGroup([entry.term, ...entry.aliases]);
    }
  }

  /** The shared glossary's terms and other names as groups, instead of the ones it had before. */
  useShared(entries: readonly GlossaryEntry[]): void {
    if (this.shared?.entries === entries) return;
    const synonyms = new Synonyms([]);
    synonyms.addGlossary(entries);
    this.shared = { entries, synonyms };
  }

  /** Extra terms for a question's terms: the other phrases of every group a phrase of the question is in. */
  expand(questionTerms: readonly string[]): string[] {
    const extra = new Set(this.phrasesOf(questionTerms).flat());
    for (const word of questionTerms) extra.delete(word);
    return [...extra];
  }

  /**
   * The phrases, as their terms, of every group a phrase of the question's terms is in (the question's own
   * among them). A phrase stands for the others only whole: «uten bolig» is not said by a clause on «lærling
   * uten læreplass», nor «bor alene» by one on «ale».
   */
  phrasesOf(questionTerms: readonly string[]): string[][] {
    const found = this.shared?.synonyms.phrasesOf(questionTerms) ?? [];
    for (const { value } of this.matcher.find(questionTerms)) found.push(...(this.groups[value] ?? []));
    return found;
  }
}
