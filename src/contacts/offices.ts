/**
 * The NAV offices of a county's contact register and the municipalities each serves: added, renamed,
 * given other municipalities or removed through a form, one office at a time. Pure: reads what a person
 * typed against the register and returns the new list of offices and what changed in words (the commit's
 * first line); `Contacts` commits it. An office's id is its party id in the agreements and in people's
 * grants (`nav-strandby`), so it is chosen once and never changed by a rename.
 */
import { FieldReader } from '../cases/input.js';
import { type ContactRegister, contactLimits, type NavOffice } from '../domain/contact-file.js';
import { GjerdeError } from '../domain/errors.js';
import { containsNationalIdNumber, personalDataMessage } from '../domain/personal-data.js';
import { idFromTitle, isValidId } from '../format/ids.js';
import { listNames } from '../format/wording.js';

export const officeFields = ['id', 'name', 'municipalities', 'reason'] as const;

/** A county's name, as a register is named by it: letters, spaces and hyphens («Nordre Vik», «Møre og Romsdal»). */
const countyPattern = /^\p{L}[\p{L}\p{M} .'’-]{0,59}$/u;

export const officeLimits = { id: 60, municipalities: 40, reason: 300 } as const;

/** A municipality's name: letters, with spaces, hyphens, full stops or apostrophes inside («Nord-Fron», «Porsanger - Porsáŋgu»). */
const municipalityPattern = /^\p{L}[\p{L}\p{M} .'’-]*$/u;

export interface OfficeChange {
  offices: NavOffice[];
  office: NavOffice;
  /** What changed, for the commit's first line: «nytt NAV-kontor NAV Berg (Berg og Vik)». */
  summary: string;
  /** Why, as the person wrote it (optional). */
  reason?: string;
}

/** Adds an office (`id` undefined) or changes the one with this id: its name, its municipalities or both. */
export function changeOffice(
  register: ContactRegister,
  id: string | undefined,
  body: Record<string, unknown>,
): OfficeChange {
  const before = id === undefined ? undefined : findOffice(register, id);
  const read = new FieldReader(body, officeFields);
  // An id is not free text, but a fødselsnummer is refused there too, and never repeated.
  const personalId = typeof body.id === 'string' && containsNationalIdNumber(body.id);
  if (personalId) read.problem('id', personalDataMessage);
  const name = read.text('name', 'navnet på NAV-kontoret', contactLimits.name, {
    required: true,
    hints: false,
  });
  const municipalities = read.list(
    'municipalities',
    'kommuner',
    contactLimits.municipality,
    officeLimits.municipalities,
  );
  const reason = read.text('reason', 'hvorfor', officeLimits.reason, { hints: false });
  for (const municipality of municipalities)
    if (!municipalityPattern.test(municipality))
      read.problem(
        'municipalities',
        `«${municipality.slice(0, 60)}» er ikke et kommunenavn: bruk bokstaver, mellomrom og bindestrek, og skill kommunene med komma.`,
      );
  if (municipalities.length === 0 && !read.problems.some((problem) => problem.variable === 'municipalities'))
    read.problem('municipalities', 'Skriv minst én kommune kontoret dekker.');
  const others = register.offices.filter((office) => office !== before);
  const sameName = name && others.find((office) => sameText(office.name, name));
  if (sameName)
    read.problem('name', `${register.county} har allerede et NAV-kontor som heter ${sameName.name}.`);
  const officeId = before ? before.id : newOfficeId(read, register, personalId, name);
  if (before && !personalId && typeof body.id === 'string' && body.id.trim() && body.id.trim() !== before.id)
    read.problem(
      'id',
      `Id-en til ${before.name} kan ikke endres: avtalene og brukernes tilganger viser til «${before.id}».`,
    );
  read.finish('NAV-kontoret er ikke fylt ut riktig.', true);
  const office: NavOffice = { id: officeId as string, name: name as string, municipalities };
  if (before && before.name === office.name && sameList(before.municipalities, municipalities))
    throw new GjerdeError(
      'invalid-input',
      `Ingenting er endret for ${before.name}: navnet og kommunene er de samme.`,
    );
  return {
    offices: before
      ? register.offices.map((candidate) => (candidate === before ? office : candidate))
      : [...register.offices, office],
    office,
    summary: describeChange(before, office),
    ...(reason ? { reason } : {}),
  };
}

/**
 * Removes an office nobody is the contact for any longer: a contact that still serves it or works there is
 * changed or removed first, so no contact is left pointing at an office the register does not have.
 */
export function removeOffice(
  register: ContactRegister,
  id: string,
  body: Record<string, unknown>,
): OfficeChange {
  const office = findOffice(register, id);
  const read = new FieldReader(body, ['reason']);
  const reason = read.text('reason', 'hvorfor', officeLimits.reason, { hints: false });
  read.finish('Begrunnelsen er ikke fylt ut riktig.', true);
  const serving = register.contacts.filter((contact) => contact.offices.includes(office.id));
  if (serving.length > 0)
    throw new GjerdeError(
      'conflict',
      `${office.name} kan ikke fjernes ennå: ${listNames(serving.map((contact) => contact.name))} ${serving.length === 1 ? 'er kontakt' : 'er kontakter'} for kontoret. Endre eller fjern ${serving.length === 1 ? 'kontakten' : 'dem'} først.`,
    );
  return {
    offices: register.offices.filter((candidate) => candidate !== office),
    office,
    summary: `NAV-kontoret ${office.name} fjernet`,
    ...(reason ? { reason } : {}),
  };
}

/**
 * An empty register for a county that has none yet, for its first NAV office: the county's name is read as
 * a field (`county`), refused when it is not a name, and never repeated when it holds a fødselsnummer.
 */
export function newRegister(county: unknown): ContactRegister {
  const name = typeof county === 'string' ? county.trim().replace(/\s+/g, ' ') : '';
  const problem = containsNationalIdNumber(name)
    ? personalDataMessage
    : !countyPattern.test(name)
      ? 'Skriv fylkets navn med bokstaver, f.eks. «Nordre Vik».'
      : undefined;
  if (problem)
    throw new GjerdeError(
      containsNationalIdNumber(name) ? 'personal-data' : 'invalid-input',
      'Fylket er ikke fylt ut riktig.',
      { problems: [{ variable: 'county', message: problem }] },
    );
  return { county: name, offices: [], contacts: [] };
}

/**
 * What is worth a second look in a county's offices: a municipality two offices both cover, said in words
 * («Vik dekkes av både NAV Berg og NAV Strandby …»). Allowed (an office may be moving), but a contact found
 * by municipality then belongs to both.
 */
export function sharedMunicipalities(offices: readonly NavOffice[]): string[] {
  const byMunicipality = new Map<string, { name: string; offices: string[] }>();
  for (const office of offices)
    for (const municipality of office.municipalities) {
      const key = municipality.toLocaleLowerCase('nb');
      const entry = byMunicipality.get(key) ?? { name: municipality, offices: [] };
      if (!entry.offices.includes(office.name)) entry.offices.push(office.name);
      byMunicipality.set(key, entry);
    }
  return [...byMunicipality.values()]
    .filter((entry) => entry.offices.length > 1)
    .map(
      (entry) =>
        `${entry.name} dekkes av både ${listNames(entry.offices)}. Er det meningen, for eksempel mens et kontor flytter? Ellers retter du kommunene for ett av kontorene.`,
    );
}

function findOffice(register: ContactRegister, id: string): NavOffice {
  const office = register.offices.find((candidate) => candidate.id === id);
  if (!office)
    // The id is not repeated: whatever was in the address stays out of the page.
    throw new GjerdeError(
      'not-found',
      `Fant ikke NAV-kontoret i ${register.county}. Det kan være fjernet eller endret av noen andre i mellomtiden.`,
    );
  return office;
}

/** The id a new office is given: the one typed (its party id in the agreements), or one made from its name. */
function newOfficeId(
  read: FieldReader,
  register: ContactRegister,
  personalId: boolean,
  name: string | undefined,
): string | undefined {
  if (personalId) return undefined;
  const typed = read.id('id', 'id (små bokstaver a–z, tall og bindestrek, f.eks. nav-strandby)');
  const taken = register.offices.find((office) => office.id === typed);
  if (typed && taken) {
    read.problem('id', `Id-en «${typed}» er allerede brukt av ${taken.name}.`);
    return undefined;
  }
  if (typed) return typed;
  if (!name) return undefined;
  const made = idFromTitle(
    name,
    register.offices.map((office) => office.id),
    'nav-kontor',
  );
  return isValidId(made) ? made : undefined;
}

function describeChange(before: NavOffice | undefined, after: NavOffice): string {
  const serves = listNames(after.municipalities);
  if (!before) return `nytt NAV-kontor ${after.name} (${serves})`;
  const renamed = before.name !== after.name;
  const moved = !sameList(before.municipalities, after.municipalities);
  if (renamed && moved) return `${before.name} heter nå ${after.name} og dekker ${serves}`;
  if (renamed) return `${before.name} heter nå ${after.name}`;
  return `${after.name} dekker nå ${serves}`;
}

function sameText(a: string, b: string): boolean {
  return a.toLocaleLowerCase('nb') === b.toLocaleLowerCase('nb');
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
