/**
 * A synthetic national corpus for benchmarks: fictional counties, each with an umbrella agreement and two
 * sub-agreements, plus local NAV office agreements, about 25 clauses each, with 20 years of history at
 * about two revisions a year (a draft, then the approved version; some years a wording fix instead).
 *
 * The files are valid agreements in Gjerde's format (a test checks a sample with the real validator), and
 * the history is written straight into a git repository with `git fast-import`: committing 14,000 versions
 * one by one through the store would take minutes and measure nothing of interest here.
 *
 * Everything is deterministic for a given seed and scale. `scale` multiplies the number of counties and
 * local agreements; the depth of history stays 20 years.
 */
import { execFile, spawn } from 'node:child_process';
import { copyFile, cp, link, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

export interface CorpusOptions {
  /** Multiplies counties and local agreements (1 = 15 counties, 300 local agreements). */
  scale?: number;
  seed?: number;
  /** First year of history; the corpus covers `years` years from it. */
  firstYear?: number;
  years?: number;
  onProgress?: (message: string) => void;
}

export interface CorpusAgreement {
  id: string;
  county: string;
  kind: 'ramme' | 'del' | 'lokal';
  parent?: string;
  /** The party ids by role, for questions with a party filter. */
  parties: Record<Role, string>;
}

export interface CorpusSummary {
  dir: string;
  agreements: CorpusAgreement[];
  counties: string[];
  versions: number;
  approvedVersions: number;
  clauseVersions: number;
  bytes: number;
}

type Role = 'nav' | 'fk' | 'ot' | 'vgs';

/** A small, fast, seedable PRNG (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function pickSome<T>(rng: () => number, items: readonly T[], count: number): T[] {
  const copy = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && copy.length > 0)
    chosen.push(copy.splice(Math.floor(rng() * copy.length), 1)[0] as T);
  return chosen;
}

// Place names are made up from syllables, so that every county and office has words of its own, as real
// agreements do (their place names are a large part of their vocabulary).
const heads = [
  'Nord',
  'Sør',
  'Vest',
  'Øst',
  'Midt',
  'Fjord',
  'Dal',
  'Fjell',
  'Strand',
  'Hav',
  'Skog',
  'Elv',
  'Lia',
  'Berg',
  'Sand',
  'Vik',
  'Bre',
  'Mo',
  'Ås',
  'Nes',
  'Holm',
  'Øy',
  'Myr',
  'Li',
  'Ros',
  'Lund',
  'Hei',
  'Tind',
  'Fur',
  'Lyng',
];
const tails = [
  'heim',
  'vik',
  'land',
  'dal',
  'mark',
  'fjord',
  'nes',
  'bø',
  'stad',
  'sund',
  'haug',
  'voll',
  'rud',
  'berg',
  'ås',
  'eid',
  'mo',
  'li',
  'vang',
  'set',
];

function placeNames(rng: () => number, count: number, taken: Set<string>): string[] {
  const names: string[] = [];
  const areas = ['Indre', 'Ytre', 'Øvre', 'Nedre', 'Nordre', 'Søndre', 'Vestre', 'Østre'];
  let attempts = 0;
  while (names.length < count) {
    attempts += 1;
    let name = pick(rng, heads) + pick(rng, tails);
    // Past the plain combinations (600), an area word; past those, a number, so that any scale ends.
    if (attempts > 20) name = `${pick(rng, areas)} ${name}`;
    if (attempts > 60) name = `${name} ${attempts}`;
    if (taken.has(name)) continue;
    taken.add(name);
    names.push(name);
    attempts = 0;
  }
  return names;
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export interface Archetype {
  id: string;
  titles: string[];
  keywords: string[];
  /** Sentences: each slot is a list of alternative wordings. */
  text: string[][];
  facets?: string;
  ages?: [number, number][];
  owner: Role;
  supporting?: Role[];
  cost?: Role;
  legal?: string[];
  contact?: string;
  /** Starts as a grey zone; may be settled in a later revision. */
  grey?: boolean;
}

// Modelled on the example agreements (agreements/), in the words case workers use.
export const archetypes: Archetype[] = [
  {
    id: 'livsopphold-elev',
    titles: ['Elev som spør om penger til livsopphold', 'Elev som trenger penger å leve av'],
    keywords: [
      'livsopphold',
      'penger',
      'sosialhjelp',
      'økonomisk stønad',
      'bostøtte',
      'stipend',
      'foreldreansvar',
    ],
    text: [
      [
        'Skolen informerer om foreldrenes forsørgerplikt og om stipend fra Lånekassen.',
        'Skolen forteller eleven om forsørgerplikten og om stipend og lån fra Lånekassen.',
      ],
      [
        'Eleven henvises ikke til {nav} for livsopphold, unntatt ved akutt nød.',
        'Bare ved akutt nød tar skolen kontakt med {nav}.',
      ],
    ],
    facets: 'elev',
    owner: 'vgs',
    legal: ['barneloven §§ 66 og 68'],
    contact: 'elevtjenesten',
  },
  {
    id: 'nav-veileder-skole',
    titles: ['NAV-veileder i videregående skole', 'NAV-veileder på skolen'],
    keywords: ['NAV-veileder i skolen', 'NAV på skolen', 'fraværsmøte', 'elevtjenesten', 'fare for å slutte'],
    text: [
      [
        '{nav} har veileder på skoler med lokal avtale om det.',
        'Skoler som ønsker det, får en fast NAV-veileder fra {nav}.',
      ],
      [
        'NAV-leder har personalansvaret; skolen gir kontorplass og tar veilederen med i elevtjenesten.',
        'Skolen stiller kontor og tar veilederen med i møtene i elevtjenesten.',
      ],
    ],
    facets: 'elev',
    ages: [
      [15, 21],
      [15, 24],
    ],
    owner: 'nav',
    supporting: ['vgs'],
    contact: 'nav-skole',
  },
  {
    id: 'forebygging-elever',
    titles: ['Elev som vurderer å slutte', 'Elev som tenker på å slutte på skolen'],
    keywords: ['vurderer å slutte', 'frafall', 'høyt fravær', 'forebygging', 'realitetsorientering'],
    text: [
      ['Skolen har ansvaret for elevene sine; OT kommer inn når eleven har sluttet.'],
      [
        'Det er ikke avklart hva OT og NAV skal bidra med før eleven slutter.',
        'Hva OT og {nav} gjør før eleven slutter, er ikke avklart.',
      ],
      ['Saken tas opp i samarbeidsutvalget.', 'Utvalget behandler saken på nytt til høsten.'],
    ],
    facets: 'elev',
    owner: 'vgs',
    supporting: ['ot', 'nav'],
    contact: 'sekretariat',
    grey: true,
  },
  {
    id: 'ot-malgruppe',
    titles: ['Ungdom som ikke er i opplæring eller arbeid', 'Ungdom utenfor skole og jobb'],
    keywords: ['OT', 'sluttet på skolen', 'droppet ut', 'ikke i jobb', 'rett og plikt', 'ungdomsrett'],
    text: [
      [
        'OT kontakter ungdommen, kartlegger behovet og gir tilbud om opplæring, arbeid eller andre tiltak.',
        'OT tar kontakt med ungdommen og gir tilbud om opplæring eller arbeid.',
      ],
      [
        '{nav} bistår med arbeidsrettede tiltak når OT ber om det.',
        'Ved behov bistår {nav} med arbeidsrettede tiltak.',
      ],
    ],
    facets: 'utenfor rett-vgo',
    ages: [
      [15, 21],
      [15, 24],
    ],
    owner: 'ot',
    supporting: ['nav'],
    legal: ['opplæringslova § 9-4', 'forskrift til opplæringslova § 13-1'],
    contact: 'ot-kontakt',
  },
  {
    id: 'under-18',
    titles: ['Ungdom under 18 år som trenger tiltak', 'Mindreårige som trenger tiltak'],
    keywords: ['under 18', 'mindreårig', 'foresatte', 'foreldre', 'tiltak for unge'],
    text: [
      ['OT har ansvaret og tar med foresatte.', 'OT følger opp og involverer foreldrene.'],
      [
        '{nav} gir arbeidsrettede tiltak bare når OT og NAV sammen har vurdert at opplæring ikke er aktuelt nå.',
      ],
    ],
    facets: 'utenfor',
    ages: [[15, 17]],
    owner: 'ot',
    supporting: ['nav'],
    contact: 'ot-kontakt',
  },
  {
    id: 'unge-voksne',
    titles: ['Unge voksne 22–24 år uten opplæring eller arbeid', 'Unge voksne over 21 år'],
    keywords: ['unge voksne', 'over 21', 'videregående for voksne', 'voksenopplæring'],
    text: [
      [
        '{nav} følger opp unge voksne som ikke er i opplæring eller arbeid.',
        'Unge voksne følges opp av {nav}.',
      ],
      ['Fylkeskommunen gir opplæring for voksne når det er aktuelt.'],
    ],
    facets: 'utenfor',
    ages: [[22, 24]],
    owner: 'nav',
    supporting: ['fk'],
    contact: 'nav-kontakt',
  },
  {
    id: 'nav-registrert-med-rett',
    titles: ['Registrert hos NAV og har fortsatt rett til videregående', 'NAV-bruker med skolerett'],
    keywords: ['registrert hos NAV', 'arbeidssøker', 'skolerett', 'opplæringsrett', 'sjekk med OT'],
    text: [
      ['{nav} har ansvaret og lager aktivitetsplan.'],
      [
        'Før et arbeidsrettet tiltak starter, sjekker veilederen med OT om ungdommen kan få opplæring.',
        'Veilederen spør OT om opplæring før tiltak.',
      ],
      ['Opplæring vurderes først.'],
    ],
    facets: 'nav-bruker rett-vgo',
    ages: [
      [16, 21],
      [16, 24],
    ],
    owner: 'nav',
    supporting: ['ot'],
    legal: ['NAV-loven § 14 a'],
    contact: 'nav-kontakt',
  },
  {
    id: 'ungdomsgarantien',
    titles: ['Ungdomsgarantien', 'Ungdomsgarantien, 16–30 år'],
    keywords: ['ungdomsgaranti', 'fast veileder', 'tett oppfølging', 'ung i NAV'],
    text: [
      ['Ungdom som trenger hjelp for å komme i arbeid, får fast veileder og tett oppfølging.'],
      ['Er ungdommen også i OTs målgruppe, avtaler {nav} og OT hvem som er hovedkontakt.'],
    ],
    facets: 'nav-bruker',
    ages: [[16, 30]],
    owner: 'nav',
    supporting: ['ot'],
    contact: 'nav-kontakt',
  },
  {
    id: 'uten-laereplass',
    titles: ['Lærling uten læreplass', 'Søker som ikke fikk læreplass'],
    keywords: ['læreplass', 'lærling', 'formidling', 'fikk ikke læreplass'],
    text: [
      [
        'Søkere uten læreplass 1. september som ikke tar imot Vg3 i skole, følges opp av {nav}.',
        'Står søkeren uten læreplass etter 1. september, følger {nav} opp.',
      ],
      ['Fagopplæringen fortsetter formidlingen.', 'Fylkeskommunen fortsetter å formidle til læreplass.'],
    ],
    facets: 'uten-laereplass',
    ages: [
      [16, 21],
      [16, 24],
    ],
    owner: 'nav',
    supporting: ['fk', 'ot'],
    legal: ['arbeidsmarkedsloven § 12'],
    contact: 'nav-kontakt',
  },
  {
    id: 'laereplasskurs',
    titles: ['Læreplasskurs', 'Kurs for søkere til læreplass'],
    keywords: ['læreplasskurs', 'jobbsøkerkurs', 'søknad', 'CV', 'intervjutrening'],
    text: [
      ['Fagopplæringen arrangerer læreplasskurs.'],
      ['Holder {nav} kurset etter avtale, dekker fylkeskommunen utgiftene.'],
    ],
    facets: 'uten-laereplass',
    owner: 'fk',
    supporting: ['nav'],
    cost: 'fk',
    contact: 'fagopplaering',
  },
  {
    id: 'tilrettelagt-opplaering',
    titles: ['Tilrettelagt opplæring på arbeidsplass, 16–19 år', 'Fag- og yrkesopplæring på arbeidsplass'],
    keywords: [
      'tilrettelagt opplæring',
      'opplæring på arbeidsplass',
      'fag- og yrkesopplæring',
      'opplæringstiltak for unge',
    ],
    text: [
      [
        '{nav} kan i samarbeid med fylkeskommunen gi 16–19-åringer tilrettelagt opplæring på en arbeidsplass.',
      ],
      ['{nav} fatter vedtak og dekker tiltaket; fagopplæringen godkjenner opplæringsplanen.'],
    ],
    facets: 'utenfor nav-bruker',
    ages: [[16, 19]],
    owner: 'nav',
    supporting: ['fk', 'ot'],
    cost: 'nav',
    legal: ['arbeidsmarkedsloven § 12'],
    contact: 'nav-kontakt',
  },
  {
    id: 'ot-klasse',
    titles: ['OT-klasse med arbeidspraksis', 'Oppfølgingsklasse og praksis'],
    keywords: ['OT-klasse', 'oppfølgingsklasse', 'arbeidspraksis', 'praksisplass', 'elevstatus'],
    text: [
      ['OT driver OT-klassen og lager planen for hver deltaker.'],
      ['Deltakerne har ikke elevstatus, så {nav} kan gi arbeidspraksis de dagene de ikke er i klassen.'],
    ],
    facets: 'sluttet utenfor',
    ages: [
      [16, 21],
      [16, 24],
    ],
    owner: 'ot',
    supporting: ['nav'],
    cost: 'fk',
    contact: 'ot-kontakt',
  },
  {
    id: 'arbeidsklaer',
    titles: ['Arbeidsklær, vernesko og busskort i arbeidspraksis', 'Arbeidstøy og reise i praksis'],
    keywords: ['arbeidsklær', 'vernesko', 'busskort', 'reiseutgifter', 'utstyr til praksis'],
    text: [
      [
        'Er praksisen et NAV-tiltak, dekker {nav} arbeidsklær, vernesko og busskort etter reglene for tiltaket.',
        'Hvem som dekker arbeidsklær, vernesko og busskort i praksis, avgjøres av samarbeidsutvalget.',
      ],
    ],
    owner: 'nav',
    supporting: ['ot'],
    cost: 'nav',
    contact: 'nav-kontakt',
    grey: true,
  },
  {
    id: 'pc-utstyr',
    titles: ['PC og digitalt utstyr i OT-klassen', 'Lån av PC for deltakere'],
    keywords: ['PC', 'datamaskin', 'digitalt utstyr', 'lån av PC'],
    text: [
      ['Deltakere i OT-klassen får ikke elev-PC.'],
      ['Det er ikke avklart om fylkeskommunen eller {nav} skal låne ut PC.', 'Utlån av PC er ikke avklart.'],
    ],
    facets: 'sluttet utenfor',
    owner: 'fk',
    supporting: ['nav'],
    contact: 'sekretariat',
    grey: true,
  },
  {
    id: 'samtykke',
    titles: ['Deling av opplysninger og samtykke', 'Samtykke og taushetsplikt'],
    keywords: ['samtykke', 'taushetsplikt', 'deling av opplysninger', 'personvern', 'anonym drøfting'],
    text: [
      ['Opplysninger deles bare med skriftlig samtykke på det felles skjemaet.'],
      ['Uten samtykke drøftes saker anonymt.', 'Saker uten samtykke drøftes uten navn.'],
    ],
    owner: 'ot',
    supporting: ['nav'],
    legal: ['forvaltningsloven § 13 a'],
    contact: 'ot-kontakt',
  },
  {
    id: 'karriereveiledning',
    titles: ['Karriereveiledning', 'Karriereveiledning for ungdom og voksne'],
    keywords: ['karriereveiledning', 'karrieresenter', 'yrkesvalg', 'utdanningsvalg', 'realkompetanse'],
    text: [['Karrieresenteret gir gratis karriereveiledning.'], ['{nav} henviser ungdom og voksne dit.']],
    facets: 'utenfor nav-bruker voksen',
    owner: 'fk',
    supporting: ['nav'],
    contact: 'karriere',
  },
  {
    id: 'samarbeidsmote',
    titles: ['Operativt samarbeidsmøte hver 4.–6. uke', 'Faste samarbeidsmøter mellom OT og NAV'],
    keywords: ['samarbeidsmøte', 'operativt møte', 'saksdrøfting', 'møteplan'],
    text: [
      [
        'OT kaller inn {nav} til samarbeidsmøte hver fjerde til sjette uke.',
        'OT og {nav} møtes jevnlig, og OT kaller inn.',
      ],
      ['For hver sak avtaler vi hva som skal gjøres og hvem som har ansvaret.'],
    ],
    owner: 'ot',
    supporting: ['nav'],
    contact: 'ot-kontakt',
  },
  {
    id: 'forste-mote',
    titles: ['Første møte med ungdommen: OT og NAV sammen', 'Felles første møte'],
    keywords: ['første møte', 'oppstartsmøte', 'felles møte', 'kartlegging', 'hovedkontakt'],
    text: [
      ['Trenger en ungdom hjelp fra både OT og NAV, kaller OT inn til et felles første møte innen tre uker.'],
      ['Ungdommen er med og bestemmer hvem som skal være hovedkontakt.'],
    ],
    facets: 'utenfor',
    ages: [
      [15, 21],
      [15, 24],
    ],
    owner: 'ot',
    supporting: ['nav'],
    contact: 'ot-kontakt',
  },
  {
    id: 'melding-til-ot',
    titles: ['NAV møter ungdom som har rett til videregående', 'Melding fra NAV til OT'],
    keywords: ['melding til OT', 'henvisning til OT', 'skolerett', 'opplæringsrett'],
    text: [
      ['Veilederen i {nav} melder fra til OT-kontakten, med samtykke, før et arbeidsrettet tiltak starter.'],
      ['OT svarer innen én arbeidsuke.'],
    ],
    facets: 'nav-bruker rett-vgo',
    ages: [
      [16, 21],
      [16, 24],
    ],
    owner: 'nav',
    supporting: ['ot'],
    contact: 'ot-kontakt',
  },
  {
    id: 'melding-til-nav',
    titles: ['OT henviser ungdom til NAV', 'Henvisning fra OT til NAV'],
    keywords: ['henvisning til NAV', 'registrering hos NAV', 'arbeidsrettet tiltak', 'økonomisk stønad'],
    text: [
      [
        'Trenger ungdommen arbeidsrettet tiltak eller økonomisk stønad, hjelper OT ungdommen med å kontakte {nav}.',
      ],
      ['OT følger opp til ungdommen har hatt første møte med NAV.'],
    ],
    facets: 'utenfor',
    ages: [
      [16, 21],
      [16, 24],
    ],
    owner: 'ot',
    supporting: ['nav'],
    contact: 'nav-kontakt',
  },
  {
    id: 'kontaktperson-ot',
    titles: ['Navngitt kontaktperson i OT', 'Kontaktperson i OT for NAV-kontoret'],
    keywords: ['kontaktperson i OT', 'hvem ringer jeg i OT', 'OT-koordinator'],
    text: [['OT gir {nav} en navngitt kontaktperson.'], ['Ved bytte får NAV-kontoret beskjed samme uke.']],
    owner: 'ot',
    contact: 'ot-kontakt',
  },
  {
    id: 'kontaktperson-nav',
    titles: ['Fast ungdomskontakt på NAV-kontoret', 'Ungdomskontakt i NAV'],
    keywords: ['ungdomskontakt', 'kontaktperson på NAV', 'hvem ringer jeg i NAV'],
    text: [
      ['{nav} har en fast ungdomskontakt som OT kan ringe direkte.'],
      ['Ved fravær er det en stedfortreder.'],
    ],
    owner: 'nav',
    contact: 'nav-kontakt',
  },
  {
    id: 'fagsamling',
    titles: ['Felles fagsamling én gang i året', 'Årlig fagsamling'],
    keywords: ['fagsamling', 'samling', 'kompetanse', 'bli kjent'],
    text: [['{nav} arrangerer og dekker én felles fagsamling i året for OT og NAV.']],
    owner: 'nav',
    supporting: ['ot'],
    cost: 'nav',
  },
  {
    id: 'tiltak-faller-bort',
    titles: ['Planlagt NAV-tiltak faller bort', 'Tiltak som faller bort midt i året'],
    keywords: ['tiltak faller bort', 'tiltaksplass', 'budsjett', 'venteliste'],
    text: [
      ['Det hender at et planlagt tiltak faller bort midt i året.'],
      [
        'Det er ikke avklart hvem som da har ansvaret for ungdommen.',
        'Hvem som har ansvaret til nytt tilbud er på plass, er ikke avklart.',
      ],
    ],
    facets: 'nav-bruker',
    owner: 'nav',
    supporting: ['ot'],
    contact: 'ot-kontakt',
    grey: true,
  },
  {
    id: 'ot-dag',
    titles: ['OT-dag på NAV-kontoret', 'OT har kontordag hos NAV'],
    keywords: ['OT-dag', 'kontordag', 'drop-in', 'OT på NAV-kontoret'],
    text: [['OT-koordinatoren sitter på {nav} én dag i uka.'], ['Ungdom kan komme uten avtale.']],
    facets: 'utenfor',
    ages: [
      [15, 21],
      [15, 24],
    ],
    owner: 'ot',
    supporting: ['nav'],
    contact: 'ot-kontakt',
  },
  {
    id: 'fravaersmote',
    titles: ['Elev med høyt fravær', 'Fraværsmøte på skolen'],
    keywords: ['fravær', 'fraværsmøte', 'slutte på skolen', 'skulk'],
    text: [
      ['Elevtjenesten kaller inn til fraværsmøte.'],
      ['NAV-veilederen deltar når eleven samtykker, og OT deltar når eleven vurderer å slutte.'],
    ],
    facets: 'elev',
    owner: 'vgs',
    supporting: ['nav', 'ot'],
    contact: 'elevtjenesten',
  },
  {
    id: 'sommerrutine',
    titles: ['Ungdom uten skoleplass eller læreplass i august', 'Sommerrutine før skolestart'],
    keywords: ['sommer', 'august', 'skoleplass', 'inntak', 'fikk ikke plass'],
    text: [
      ['OT ringer alle som står uten skoleplass eller læreplass i uke 33–35.'],
      ['{nav} holder av noen praksisplasser til dem.'],
    ],
    facets: 'uten-laereplass utenfor',
    ages: [
      [16, 21],
      [16, 24],
    ],
    owner: 'ot',
    supporting: ['nav'],
    contact: 'ot-kontakt',
  },
  {
    id: 'praksisplasser',
    titles: ['Praksisplasser i kommunen', 'Oversikt over praksisplasser'],
    keywords: ['praksisplass', 'arbeidsgiver', 'markedskontakt', 'bedriftskontakt'],
    text: [['Markedskontakten ved {nav} har oversikten over praksisplasser og deler den med OT hver måned.']],
    owner: 'nav',
    supporting: ['ot'],
    contact: 'markedskontakt',
  },
  {
    id: 'introduksjon',
    titles: ['Deltaker i introduksjonsprogrammet', 'Nyankomne innvandrere i introduksjonsprogrammet'],
    keywords: ['introduksjonsprogram', 'flyktning', 'nyankommet', 'norskopplæring'],
    text: [
      ['Kommunen har ansvaret for introduksjonsprogrammet; {nav} bistår med arbeidsrettede tiltak.'],
      ['Fylkeskommunen vurderer rett til videregående opplæring.'],
    ],
    facets: 'introduksjon',
    ages: [[16, 24]],
    owner: 'nav',
    supporting: ['fk'],
    legal: ['integreringsloven § 12'],
    contact: 'nav-kontakt',
  },
  {
    id: 'laerekandidat',
    titles: ['Lærekandidat som trenger tilrettelegging', 'Lærekandidat med behov for støtte'],
    keywords: ['lærekandidat', 'kompetansebevis', 'tilrettelegging', 'lærekontrakt'],
    text: [
      ['Fagopplæringen følger opp lærekandidaten og lærebedriften.'],
      ['{nav} kan gi tilretteleggingstilskudd.'],
    ],
    facets: 'laerling',
    owner: 'fk',
    supporting: ['nav'],
    contact: 'fagopplaering',
  },
  {
    id: 'heving-kontrakt',
    titles: ['Lærling som vil heve kontrakten', 'Lærekontrakt som blir hevet'],
    keywords: ['heve lærekontrakt', 'avbrutt læretid', 'lærling slutter', 'ny læreplass'],
    text: [
      ['Fagopplæringen prøver å finne ny læreplass.'],
      ['Lykkes det ikke innen tre måneder, melder fagopplæringen saken til OT.'],
    ],
    facets: 'laerling sluttet',
    ages: [[16, 24]],
    owner: 'fk',
    supporting: ['ot', 'nav'],
    contact: 'fagopplaering',
  },
  {
    id: 'psykisk-helse',
    titles: ['Ungdom med psykiske plager', 'Psykisk helse og oppfølging'],
    keywords: ['psykisk helse', 'angst', 'depresjon', 'helsetjeneste', 'BUP'],
    text: [
      ['Ansvaret for ungdom med psykiske plager som også trenger opplæring eller arbeid, er ikke avklart.'],
      ['Saken tas til samarbeidsutvalget, og partene tar med helsetjenesten.'],
    ],
    facets: 'utenfor',
    owner: 'ot',
    supporting: ['nav'],
    contact: 'sekretariat',
    grey: true,
  },
  {
    id: 'bolig',
    titles: ['Ungdom uten fast bolig', 'Bostedsløs ungdom'],
    keywords: ['bolig', 'bostedsløs', 'husleie', 'hybel'],
    text: [
      ['{nav} hjelper ungdom uten fast bolig etter sosialtjenesteloven.'],
      ['OT holder kontakt om opplæringen.'],
    ],
    facets: 'nav-bruker',
    owner: 'nav',
    supporting: ['ot'],
    legal: ['sosialtjenesteloven § 15'],
    contact: 'nav-kontakt',
  },
  {
    id: 'fullfort-uten-jobb',
    titles: ['Har fullført videregående, men har ikke jobb', 'Fagbrev uten jobb'],
    keywords: ['fullført', 'fagbrev', 'studiekompetanse', 'arbeidsledig'],
    text: [
      ['Ungdom som har fullført videregående og ikke har jobb, følges opp av {nav}.'],
      ['OT har ikke lenger ansvaret.'],
    ],
    facets: 'fullfort nav-bruker',
    ages: [[18, 30]],
    owner: 'nav',
    contact: 'nav-kontakt',
  },
  {
    id: 'flytting',
    titles: ['Ungdom som flytter til et annet fylke', 'Flytting mellom fylker'],
    keywords: ['flytting', 'overføring', 'annet fylke', 'ny kommune'],
    text: [['Ved flytting overfører OT saken til OT i det nye fylket når ungdommen samtykker.']],
    facets: 'utenfor',
    owner: 'ot',
    supporting: ['nav'],
    contact: 'ot-kontakt',
  },
  {
    id: 'sommerjobb',
    titles: ['Sommerjobb for ungdom i oppfølging', 'Sommerjobb gjennom NAV'],
    keywords: ['sommerjobb', 'feriejobb', 'arbeidserfaring'],
    text: [
      ['{nav} formidler sommerjobber til ungdom som OT eller NAV følger opp.'],
      ['OT melder inn aktuelle ungdommer innen 1. april.'],
    ],
    ages: [[16, 24]],
    owner: 'nav',
    supporting: ['ot'],
    contact: 'markedskontakt',
  },
  {
    id: 'mentor',
    titles: ['Mentor i læretiden', 'Mentor for lærling'],
    keywords: ['mentor', 'lærling', 'støtte i læretiden', 'tilskudd'],
    text: [
      ['{nav} kan gi mentortilskudd når lærlingen trenger ekstra støtte.'],
      ['Fagopplæringen avtaler med lærebedriften.'],
    ],
    facets: 'laerling',
    owner: 'nav',
    supporting: ['fk'],
    cost: 'nav',
    contact: 'nav-kontakt',
  },
  {
    id: 'realkompetanse',
    titles: ['Vurdering av realkompetanse', 'Realkompetansevurdering for voksne'],
    keywords: ['realkompetanse', 'voksne', 'dokumentasjon', 'kompetansebevis'],
    text: [
      ['Fylkeskommunen vurderer realkompetanse for voksne over 25 år.'],
      ['{nav} kan henvise og dekke reise.'],
    ],
    facets: 'voksen',
    ages: [[25, 67]],
    owner: 'fk',
    supporting: ['nav'],
    contact: 'karriere',
  },
];

const contactRoles: Record<string, { role: string; party: Role }> = {
  'ot-kontakt': { role: 'Navngitt kontaktperson i OT', party: 'ot' },
  'nav-kontakt': { role: 'Ungdomskontakt ved NAV-kontoret', party: 'nav' },
  fagopplaering: { role: 'Rådgiver for formidling i fagopplæringen', party: 'fk' },
  karriere: { role: 'Karrieresenteret', party: 'fk' },
  sekretariat: { role: 'Sekretær for samarbeidsutvalget', party: 'fk' },
  elevtjenesten: { role: 'Elevtjenesten ved skolen', party: 'vgs' },
  'nav-skole': { role: 'NAV-veileder i videregående skole', party: 'nav' },
  markedskontakt: { role: 'Markedskontakt ved NAV-kontoret', party: 'nav' },
};

const glossary = [
  '- **OT** (oppfølgingstjenesten, oppfølgingstenesta): Fylkeskommunens tjeneste for ungdom som ikke er i opplæring eller arbeid.',
  '- **Rett og plikt** (ungdomsrett, skolerett, opplæringsrett): Retten til videregående opplæring.',
  '- **NAV-veileder** (veileder, saksbehandler): Følger opp ungdommen på NAV-kontoret.',
  '- **Samarbeidsutvalget** (utvalget): Ledergruppen som avgjør uklare ansvarssaker.',
  '- **Arbeidsrettet tiltak** (tiltak, arbeidsmarkedstiltak): For eksempel arbeidspraksis, lønnstilskudd og mentor.',
  '- **OT-klasse** (oppfølgingsklasse): OTs tilbud til ungdom som har sluttet på skolen.',
];

const authors = [
  'Kari Nordmann',
  'Ola Nordmann',
  'Ingrid Berg',
  'Per Olav Vik',
  'Guro Lien',
  'Nina Holm',
  'Lars Eide',
  'Sofie Dahl',
  'Martin Solberg',
  'Elin Moe',
];

interface ClauseState {
  archetype: Archetype;
  title: string;
  keywords: string[];
  sentences: string[];
  ages?: [number, number];
  grey: boolean;
  extra?: string;
}

export interface AgreementState {
  meta: CorpusAgreement;
  title: string;
  names: Record<Role, string>;
  escalation: string;
  clauses: ClauseState[];
}

function newClause(rng: () => number, archetype: Archetype): ClauseState {
  const clause: ClauseState = {
    archetype,
    title: pick(rng, archetype.titles),
    keywords: pickSome(
      rng,
      archetype.keywords,
      Math.min(archetype.keywords.length, 3 + Math.floor(rng() * 3)),
    ),
    sentences: archetype.text.map((slot) => pick(rng, slot)),
    grey: archetype.grey === true && rng() < 0.8,
  };
  if (archetype.ages) clause.ages = archetype.ages[0] as [number, number];
  return clause;
}

/** Changes one clause the way revisions do: wording, keywords, age limits, a grey zone settled. */
function mutate(rng: () => number, clause: ClauseState, year: number): void {
  const roll = rng();
  const { archetype } = clause;
  if (roll < 0.3) {
    const slot = Math.floor(rng() * archetype.text.length);
    clause.sentences[slot] = pick(rng, archetype.text[slot] as string[]);
    clause.extra = `Presisert i ${year}.`;
  } else if (roll < 0.5) {
    const missing = archetype.keywords.filter((keyword) => !clause.keywords.includes(keyword));
    if (missing.length > 0) clause.keywords.push(pick(rng, missing));
    else clause.keywords.pop();
  } else if (roll < 0.65 && archetype.ages && archetype.ages.length > 1) {
    clause.ages = pick(rng, archetype.ages);
  } else if (roll < 0.75 && clause.grey) {
    clause.grey = false;
    clause.extra = `Avklart i samarbeidsutvalget ${year}.`;
  } else {
    clause.extra = pick(rng, [
      `Gjennomgått ${year} uten endring i ansvar.`,
      `Rutinen er evaluert ${year}.`,
      `Ordlyden er forenklet ${year}.`,
    ]);
  }
}

function quote(value: string): string {
  return /[\s,"'=<>`{}]/.test(value) ? `"${value}"` : value;
}

function fill(text: string, state: AgreementState): string {
  return text.replace(/\{nav\}/g, state.names.nav);
}

function clauseMarkdown(clause: ClauseState, state: AgreementState): string {
  const { archetype } = clause;
  const parties = state.meta.parties;
  const attributes = [`#${archetype.id}`];
  if (clause.grey) {
    attributes.push('status=uavklart', `eskalering=${quote('Samarbeidsutvalget')}`);
  } else {
    attributes.push(`ansvarlig=${parties[archetype.owner]}`);
    const supporting = (archetype.supporting ?? [])
      .filter((role) => role !== archetype.owner)
      .map((role) => parties[role]);
    if (supporting.length > 0) attributes.push(`bistand=${quote(supporting.join(' '))}`);
  }
  if (clause.ages) attributes.push(`alder=${clause.ages[0]}-${clause.ages[1]}`);
  if (archetype.facets) attributes.push(`situasjon=${quote(archetype.facets)}`);
  attributes.push(`stikkord=${quote(clause.keywords.join(', '))}`);
  if (archetype.legal) attributes.push(`hjemmel=${quote(archetype.legal[0] as string)}`);
  if (archetype.cost && !clause.grey) attributes.push(`kostnad=${parties[archetype.cost]}`);
  if (archetype.contact) attributes.push(`kontakt=${archetype.contact}`);
  const body = [
    ...clause.sentences.map((sentence) => fill(sentence, state)),
    ...(clause.extra ? [clause.extra] : []),
  ].join(' ');
  return `:::ansvar[${clause.title}]{${attributes.join(' ')}}\n${body}\n:::`;
}

function fileMarkdown(state: AgreementState, status: string, validFrom: string, reviewBy: string): string {
  const { meta, names } = state;
  const parties = meta.parties;
  const contactsUsed = [
    ...new Set(state.clauses.map((clause) => clause.archetype.contact).filter((id): id is string => !!id)),
  ].sort();
  const lines = [
    '---',
    `id: ${meta.id}`,
    `tittel: ${state.title}`,
    `type: ${meta.kind}`,
    ...(meta.parent ? [`overordnet: ${meta.parent}`] : []),
    `fylke: ${meta.county}`,
    `status: ${status}`,
    `gyldig-fra: ${validFrom}`,
    `revideres: ${reviewBy}`,
    `eskalering: ${state.escalation}`,
    'parter:',
    ...(['nav', 'fk', 'ot', 'vgs'] as Role[]).flatMap((role) => [
      `  - id: ${parties[role]}`,
      `    navn: ${names[role]}`,
      ...(role === 'ot' || role === 'vgs' ? [`    del-av: ${parties.fk}`] : []),
    ]),
    'signatarer:',
    `  - navn: ${authors[meta.id.length % authors.length]}`,
    `    rolle: Leder, ${names.nav}`,
    `    part: ${parties.nav}`,
    `  - navn: ${authors[(meta.id.length + 3) % authors.length]}`,
    `    rolle: Fylkesdirektør for opplæring`,
    `    part: ${parties.fk}`,
    'kontakter:',
    ...contactsUsed.flatMap((id) => {
      const contact = contactRoles[id] as { role: string; party: Role };
      return [`  - id: ${id}`, `    rolle: ${contact.role}`, `    part: ${parties[contact.party]}`];
    }),
    '---',
    '',
    `# ${state.title}`,
    '',
    '## 1. Formål',
    '',
    `Avtalen sier hvem som har ansvaret for hvilken ungdom i ${meta.county}, og når ansvaret går over til den andre parten. Ingen ungdom skal falle mellom to stoler.`,
    '',
    '## 2. Målgrupper',
    '',
    'Ungdom og unge voksne som ikke er i opplæring eller arbeid, og elever som står i fare for å slutte.',
    '',
    '## 3. Ansvarsdeling',
    '',
    ...state.clauses.flatMap((clause) => [clauseMarkdown(clause, state), '']),
    '## 4. Uenighet og eskalering',
    '',
    `Saker der det er tvil om hvem som har ansvaret, tas til ${state.escalation.toLowerCase()}. Ingen ungdom skal vente på at partene blir enige.`,
    '',
    '## 5. Ordliste',
    '',
    ':::ordliste',
    ...glossary,
    ':::',
    '',
  ];
  return lines.join('\n');
}

export interface PendingCommit {
  time: number;
  path: string;
  content: string;
  author: string;
  reason: string;
}

/**
 * The message of an approved version's commit, with the `Godkjent-av:` trailers Gjerde's approval writes
 * (one per signatory, as `fileMarkdown` lists them): an approved version without them is an unrecorded text
 * (src/domain/text-approval.ts), and every answer from it would carry a warning.
 */
function approvedReason(state: AgreementState, reason: string, time: number): string {
  const { meta, names } = state;
  const day = new Date(time).toISOString().slice(0, 10);
  return [
    reason,
    '',
    `Godkjent-av: ${authors[meta.id.length % authors.length]} | Leder, ${names.nav} | ${meta.parties.nav} | ${day}`,
    `Godkjent-av: ${authors[(meta.id.length + 3) % authors.length]} | Fylkesdirektør for opplæring | ${meta.parties.fk} | ${day}`,
  ].join('\n');
}

function isoDay(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The agreements of the corpus, before any history (also used by the question generator). */
export function corpusAgreements(options: { scale?: number; seed?: number } = {}): AgreementState[] {
  const scale = options.scale ?? 1;
  const rng = random((options.seed ?? 1) * 7919);
  const taken = new Set<string>();
  const counties = placeNames(rng, 15 * scale, taken);
  const localCount = 300 * scale;
  const states: AgreementState[] = [];
  const clauseCount = 25;
  const makeClauses = (pool: Archetype[]) =>
    pickSome(rng, pool, clauseCount).map((archetype) => newClause(rng, archetype));
  counties.forEach((county, countyIndex) => {
    const countySlug = slug(county);
    const parties: Record<Role, string> = {
      nav: `nav-${countySlug}`,
      fk: `${countySlug}-fk`,
      ot: 'ot',
      vgs: 'vgs',
    };
    const names: Record<Role, string> = {
      nav: `NAV ${county}`,
      fk: `${county} fylkeskommune`,
      ot: `Oppfølgingstjenesten (OT) i ${county}`,
      vgs: `De videregående skolene i ${county}`,
    };
    const ramme: AgreementState = {
      meta: { id: `${countySlug}-ramme`, county, kind: 'ramme', parties },
      title: `Samarbeidsavtale mellom NAV ${county} og ${county} fylkeskommune`,
      names,
      escalation: 'Samarbeidsutvalget',
      clauses: makeClauses(archetypes),
    };
    const otNav: AgreementState = {
      meta: { id: `${countySlug}-ot-nav`, county, kind: 'del', parent: ramme.meta.id, parties },
      title: `Delavtale mellom OT i ${county} og NAV ${county}`,
      names,
      escalation: 'Ledermøtet, deretter samarbeidsutvalget',
      clauses: makeClauses(archetypes),
    };
    const skole: AgreementState = {
      meta: { id: `${countySlug}-skole-nav`, county, kind: 'del', parent: ramme.meta.id, parties },
      title: `Delavtale om NAV i videregående skole i ${county}`,
      names,
      escalation: 'Ledermøtet for skole og NAV',
      clauses: makeClauses(archetypes),
    };
    states.push(ramme, otNav, skole);
    const share =
      Math.floor(localCount / counties.length) + (countyIndex < localCount % counties.length ? 1 : 0);
    for (const place of placeNames(rng, share, taken)) {
      const placeSlug = slug(place);
      const localParties: Record<Role, string> = {
        nav: `nav-${placeSlug}`,
        fk: `${countySlug}-fk`,
        ot: 'ot',
        vgs: `${placeSlug}-vgs`,
      };
      const localNames: Record<Role, string> = {
        nav: `NAV ${place}`,
        fk: `${county} fylkeskommune`,
        ot: `OT i ${county}, region ${place}`,
        vgs: `${place} videregående skole`,
      };
      states.push({
        meta: {
          id: `${placeSlug}-lokal`,
          county,
          kind: 'lokal',
          parent: otNav.meta.id,
          parties: localParties,
        },
        title: `Lokal samarbeidsavtale mellom NAV ${place}, OT og ${place} videregående skole`,
        names: localNames,
        escalation: `Ledermøtet i ${place}`,
        clauses: makeClauses(archetypes),
      });
    }
  });
  return states;
}

/** The corpus's versions in commit order (no git involved), for the generator and for tests. */
export function corpusHistory(options: CorpusOptions = {}): {
  states: AgreementState[];
  commits: PendingCommit[];
  approvedVersions: number;
  clauseVersions: number;
} {
  const firstYear = options.firstYear ?? 2006;
  const years = options.years ?? 20;
  const rng = random(options.seed ?? 1);
  const states = corpusAgreements(options);
  const commits: PendingCommit[] = [];
  let approvedVersions = 0;
  let clauseVersions = 0;
  for (const state of states) {
    const path = `avtaler/${state.meta.id}.md`;
    let validFrom = isoDay(firstYear, 1, 1);
    for (let year = firstYear; year < firstYear + years; year += 1) {
      const spring = Date.UTC(
        year,
        1 + Math.floor(rng() * 3),
        1 + Math.floor(rng() * 27),
        8 + Math.floor(rng() * 8),
        Math.floor(rng() * 60),
      );
      const autumn = Date.UTC(
        year,
        8 + Math.floor(rng() * 3),
        1 + Math.floor(rng() * 27),
        8 + Math.floor(rng() * 8),
        Math.floor(rng() * 60),
      );
      const author = pick(rng, authors);
      if (year === firstYear) {
        commits.push({
          time: spring,
          path,
          author,
          reason: 'Første utkast',
          content: fileMarkdown(state, 'utkast', validFrom, isoDay(year + 1, 6, 1)),
        });
        commits.push({
          time: autumn,
          path,
          author,
          reason: approvedReason(state, 'Avtalen godkjent og signert', autumn),
          content: fileMarkdown(state, 'godkjent', validFrom, isoDay(year + 1, 6, 1)),
        });
        approvedVersions += 1;
        clauseVersions += state.clauses.length;
        continue;
      }
      const nextFrom = isoDay(year + 1, 1, 1);
      if (rng() < 0.25) {
        // A wording fix to the version in force: approved, same validity.
        mutate(rng, pick(rng, state.clauses), year);
        commits.push({
          time: spring,
          path,
          author,
          reason: approvedReason(state, `Språklig retting ${year}`, spring),
          content: fileMarkdown(state, 'godkjent', validFrom, isoDay(year + 1, 6, 1)),
        });
        approvedVersions += 1;
        clauseVersions += state.clauses.length;
      } else {
        const changes = 1 + Math.floor(rng() * 3);
        for (let i = 0; i < changes; i += 1) mutate(rng, pick(rng, state.clauses), year);
        commits.push({
          time: spring,
          path,
          author,
          reason: `Utkast til revidert avtale fra ${nextFrom}`,
          content: fileMarkdown(state, 'utkast', nextFrom, isoDay(year + 1, 6, 1)),
        });
      }
      if (year === firstYear + years - 1 && rng() < 0.3) continue; // this year's draft is still pending
      validFrom = nextFrom;
      commits.push({
        time: autumn,
        path,
        author: pick(rng, authors),
        reason: approvedReason(state, `Revidert avtale fra ${nextFrom} godkjent`, autumn),
        content: fileMarkdown(state, 'godkjent', validFrom, isoDay(year + 2, 6, 1)),
      });
      approvedVersions += 1;
      clauseVersions += state.clauses.length;
    }
  }
  commits.sort((a, b) => a.time - b.time);
  // Commits need strictly increasing, distinct times to replay in a stable order.
  for (let i = 1; i < commits.length; i += 1) {
    const previous = commits[i - 1] as PendingCommit;
    const current = commits[i] as PendingCommit;
    if (current.time <= previous.time) current.time = previous.time + 1000;
  }
  return { states, commits, approvedVersions, clauseVersions };
}

/**
 * Writes the corpus into a new git repository in `dir` (branch main, files under `avtaler/`), one commit a
 * version in date order, and checks the files out. Returns what was written.
 */
export async function generateCorpus(dir: string, options: CorpusOptions = {}): Promise<CorpusSummary> {
  const progress = options.onProgress ?? (() => undefined);
  const { states, commits, approvedVersions, clauseVersions } = corpusHistory(options);
  progress(`Korpus: ${states.length} avtaler, ${commits.length} versjoner; skriver git-historikk …`);
  await mkdir(dir, { recursive: true });
  await run('git', ['init', '-q', '-b', 'main'], dir);
  await run('git', ['config', 'user.name', 'Gjerde'], dir);
  await run('git', ['config', 'user.email', 'gjerde@localhost'], dir);
  const bytes = await fastImport(dir, commits, progress);
  await run('git', ['reset', '-q', '--hard', 'main'], dir);
  return {
    dir,
    agreements: states.map((state) => state.meta),
    counties: [...new Set(states.map((state) => state.meta.county))],
    versions: commits.length,
    approvedVersions,
    clauseVersions,
    bytes,
  };
}

async function fastImport(
  dir: string,
  commits: PendingCommit[],
  progress: (message: string) => void,
): Promise<number> {
  const child = spawn('git', ['fast-import', '--quiet', '--done'], {
    cwd: dir,
    stdio: ['pipe', 'ignore', 'pipe'],
    env: gitEnv(),
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
  let bytes = 0;
  const write = async (text: string) => {
    if (!child.stdin.write(text)) await new Promise((resolve) => child.stdin.once('drain', resolve));
  };
  let index = 0;
  for (const commit of commits) {
    const seconds = Math.floor(commit.time / 1000);
    const message = Buffer.from(`${commit.reason}\n`, 'utf8');
    const content = Buffer.from(commit.content, 'utf8');
    bytes += content.length;
    const email = `${slug(commit.author)}@eksempel.no`;
    await write(
      `commit refs/heads/main\nauthor ${commit.author} <${email}> ${seconds} +0100\ncommitter Gjerde <gjerde@localhost> ${seconds} +0100\ndata ${message.length}\n${message.toString('utf8')}M 100644 inline ${commit.path}\ndata ${content.length}\n${commit.content}\n`,
    );
    index += 1;
    if (index % 2000 === 0) progress(`Korpus: ${index}/${commits.length} versjoner skrevet`);
  }
  await write('done\n');
  child.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`git fast-import failed (${code}): ${stderr}`);
  return bytes;
}

function gitEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')));
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: 'ignore', env: gitEnv() });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${code})`)),
    );
  });
}

export function corpusPath(root: string, scale: number): string {
  return join(root, `korpus-x${scale}`);
}

/** The summary of a corpus kept for later runs, in its `.git` folder (git neither commits nor shows it). */
function summaryFile(dir: string): string {
  return join(dir, '.git', 'gjerde-bench-korpus.json');
}

/**
 * The corpus in `dir` (`npm run bench -- --corpus <dir>`): generated there the first time and its summary
 * kept beside it, then reused by later runs of the same scale and seed, which saves generating it (scale
 * 10: about 25 minutes on a quiet machine). A run never works in `dir` itself but on a private copy in
 * `copyTo` (privateCopy), so runs on the same folder at the same time cannot rewrite each other's kept
 * index, accounts or sessions, and every run builds cold as on a fresh corpus. A folder that holds
 * something else, or a corpus of another scale or seed, is refused rather than overwritten.
 */
export async function keptCorpus(
  dir: string,
  copyTo: string,
  options: CorpusOptions = {},
): Promise<CorpusSummary & { reused: boolean }> {
  const wanted = JSON.stringify({
    scale: options.scale ?? 1,
    seed: options.seed ?? 1,
    firstYear: options.firstYear ?? 2006,
    years: options.years ?? 20,
  });
  let kept: { summary: CorpusSummary; generatedWith: string; head: string } | undefined;
  let reused = true;
  try {
    kept = JSON.parse(await readFile(summaryFile(dir), 'utf8'));
  } catch {
    const entries = await readdir(dir).catch(() => []);
    if (entries.length > 0)
      throw new Error(`--corpus ${dir}: the folder holds something other than a corpus the bench kept`);
  }
  if (kept) {
    if (kept.generatedWith !== wanted)
      throw new Error(
        `--corpus ${dir}: the corpus there was generated with ${kept.generatedWith}, not ${wanted}`,
      );
    const head = await output('git', ['rev-parse', 'HEAD'], dir);
    if (head !== kept.head)
      throw new Error(`--corpus ${dir}: HEAD is ${head}, not the ${kept.head} the corpus was generated with`);
  } else {
    reused = false;
    const summary = await generateCorpus(dir, options);
    const head = await output('git', ['rev-parse', 'HEAD'], dir);
    kept = { summary, generatedWith: wanted, head };
    await writeFile(summaryFile(dir), JSON.stringify(kept));
  }
  await privateCopy(dir, copyTo);
  await run('git', ['reset', '-q', '--hard', kept.head], copyTo);
  return { ...kept.summary, dir: copyTo, reused };
}

/**
 * A copy of a kept corpus for one run, without what Gjerde keeps in `.git/gjerde` (the lookup index and
 * its readings). Git's objects are hard links, which costs no space or time at scale 10: git never
 * changes an object or pack file, it writes new ones (a file system without hard links gets copies).
 * Everything else is copied; the service writes its accounts and sessions beside the copy, in the run's
 * own folder.
 */
async function privateCopy(from: string, to: string): Promise<void> {
  const objects = join(from, '.git', 'objects');
  const left = new Set([objects, join(from, '.git', 'gjerde')]);
  await cp(from, to, { recursive: true, filter: (source) => !left.has(source) });
  for (const entry of await readdir(objects, { recursive: true, withFileTypes: true })) {
    const source = join(entry.parentPath, entry.name);
    const target = join(to, '.git', 'objects', relative(objects, source));
    if (entry.isDirectory()) await mkdir(target, { recursive: true });
    else {
      await mkdir(dirname(target), { recursive: true });
      await link(source, target).catch(() => copyFile(source, target));
    }
  }
}

function output(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: gitEnv() }, (error, stdout) =>
      error ? reject(error) : resolve(stdout.trim()),
    );
  });
}
