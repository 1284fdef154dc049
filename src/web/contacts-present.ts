import type { ServingContact } from '../contacts/contacts.js';
import { sharedMunicipalities } from '../contacts/offices.js';
import type { ContactRegister, NavOffice, Side } from '../domain/contact-file.js';
import { sides } from '../domain/contact-file.js';
import { slugOf } from '../format/ids.js';
import { urls } from './urls.js';

/** A contact as a card shows it: who, what, how to reach them, and whom they are the contact for. */
export function presentContact(contact: ServingContact) {
  return {
    ...contact,
    sideLabel: sides[contact.side],
    sideColor: contact.side === 'nav' ? 'info' : 'success',
    mailto: contact.email ? `mailto:${contact.email}` : undefined,
    tel: contact.phone ? `tel:${contact.phone.replace(/\s+/g, '')}` : undefined,
    officeText: contact.officeNames.join(', '),
    servesText: contact.serves.join(', '),
    anchor: `kontakt-${contact.id}`,
    officesValue: contact.officeNames.join(', '),
    municipalitiesValue: contact.municipalities.join(', '),
  };
}

interface PageData {
  registers: { register: ContactRegister; contacts: ServingContact[]; changes: unknown[] }[];
  places: { municipalities: string[]; offices: (NavOffice & { county: string })[] };
  municipality: string | undefined;
  office: string | undefined;
  found: ServingContact[] | undefined;
  /** The example agreements, and so the example registers, are out of the lookup. */
  examplesLeftOut: boolean;
  mayEdit: (county: string, side: Side) => Promise<boolean>;
  mayEditOffices: (county: string) => Promise<boolean>;
  /** What was typed into an office form that was refused: back in that form, to be corrected. */
  officeForm?: Record<string, unknown>;
  /** What was typed into a contact's form (a new one, or a change with its `id`) that was refused. */
  contactForm?: Record<string, unknown>;
  /** Whether the person may start the register of a county that has none (an editor or an administrator). */
  mayStartRegister: boolean;
  /** What was typed into the form for a new county's register that was refused. */
  registerForm?: Record<string, unknown>;
}

/** The id prefix of the fields of the form that starts a county's register. */
export const registerFormPrefix = 'nytt-register';

/** A typed value back in its field; only text (a list arrives as text from the form). */
function typed(form: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = form?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** The id prefix of an office form's fields: an office's own form, or the one for a new office. */
export function officeFormPrefix(county: string, office?: string): string {
  return office ? `kontor-${slugOf(county)}-${office}` : `nytt-kontor-${slugOf(county)}`;
}

/** The office forms of a county: one per office, and one for a new office, with what was typed if refused. */
function officeForms(register: ContactRegister, form: Record<string, unknown> | undefined) {
  const mine = typed(form, 'county') === register.county ? form : undefined;
  const refused = typed(mine, 'office');
  return {
    open: mine !== undefined,
    offices: register.offices.map((office) => {
      const again = refused === office.id ? mine : undefined;
      return {
        id: office.id,
        name: office.name,
        prefix: officeFormPrefix(register.county, office.id),
        nameValue: typed(again, 'name') ?? office.name,
        municipalitiesValue: typed(again, 'municipalities') ?? office.municipalities.join(', '),
        reasonValue: typed(again, 'reason') ?? '',
        open: again !== undefined,
      };
    }),
    fresh: {
      prefix: officeFormPrefix(register.county),
      idValue: mine && !refused ? typed(mine, 'id') : undefined,
      nameValue: mine && !refused ? typed(mine, 'name') : undefined,
      municipalitiesValue: mine && !refused ? typed(mine, 'municipalities') : undefined,
      reasonValue: mine && !refused ? typed(mine, 'reason') : undefined,
    },
  };
}

/** The id prefix of a contact form's fields: a contact's own form, or the county's form for a new one. */
export function contactFormPrefix(county: string, id?: unknown): string {
  return typeof id === 'string' && id ? `kontakt-${id}` : `ny-${slugOf(county)}`;
}

/** A refused contact form's fields as typed, to be shown again in that form (open). */
function contactTyped(form: Record<string, unknown>) {
  return {
    open: true,
    name: typed(form, 'name'),
    role: typed(form, 'role'),
    email: typed(form, 'email'),
    phone: typed(form, 'phone'),
    officesValue: typed(form, 'offices'),
    municipalitiesValue: typed(form, 'municipalities'),
  };
}

/** The contact page: the finder, what it found, and each county's register with the forms its editors may use. */
export async function presentContactsPage(data: PageData) {
  const chosenOffice = data.places.offices.find((office) => office.id === data.office);
  const counties = [];
  for (const { register, contacts, changes } of data.registers) {
    const editable = {
      fylkeskommune: await data.mayEdit(register.county, 'fylkeskommune'),
      nav: await data.mayEdit(register.county, 'nav'),
    };
    const serving = contacts.map(presentContact);
    // A refused contact form of this county: typed back into the form it came from.
    const mine =
      data.contactForm && slugOf(String(typed(data.contactForm, 'county'))) === slugOf(register.county)
        ? data.contactForm
        : undefined;
    const refusedId = typed(mine, 'id') || undefined;
    counties.push({
      county: register.county,
      example: register.example === true,
      examplesLeftOut: data.examplesLeftOut,
      headingId: `fylke-${slugOf(register.county)}`,
      officesId: `kontorer-${slugOf(register.county)}`,
      historyHref: urls.contactsHistory(register.county),
      officesEditable: await data.mayEditOffices(register.county),
      officeForms: officeForms(register, data.officeForm),
      // Two offices covering one municipality: allowed, but said, so it is not by mistake.
      officeWarnings: sharedMunicipalities(register.offices),
      changes,
      newPrefix: contactFormPrefix(register.county),
      newContact: mine && !refusedId ? contactTyped(mine) : {},
      offices: register.offices.map((office) => ({
        ...office,
        municipalityText: office.municipalities.join(', '),
      })),
      contacts: serving.map((contact) => ({
        ...contact,
        ...(mine && contact.id === refusedId ? contactTyped(mine) : {}),
        editable: editable[contact.side],
      })),
      editableSides: (Object.keys(sides) as Side[])
        .filter((side) => editable[side])
        .map((side) => ({
          value: side,
          label: sides[side],
          selected: mine !== undefined && !refusedId && typed(mine, 'side') === side,
        })),
    });
  }
  return {
    municipalities: data.places.municipalities.map((name) => ({
      value: name,
      label: name,
      selected: name === data.municipality,
    })),
    offices: data.places.offices.map((office) => ({
      value: office.id,
      label: `${office.name} (${office.county})`,
      selected: office.id === data.office,
    })),
    asked: data.found !== undefined,
    askedFor: [chosenOffice?.name, data.municipality].filter(Boolean).join(' og '),
    found: data.found?.map(presentContact) ?? [],
    counties,
    startRegister: data.mayStartRegister
      ? {
          prefix: registerFormPrefix,
          open: data.registerForm !== undefined,
          countyValue: typed(data.registerForm, 'county'),
          idValue: typed(data.registerForm, 'id'),
          nameValue: typed(data.registerForm, 'name'),
          municipalitiesValue: typed(data.registerForm, 'municipalities'),
          reasonValue: typed(data.registerForm, 'reason'),
        }
      : undefined,
  };
}
