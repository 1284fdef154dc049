import type { ServingContact } from '../contacts/contacts.js';
import type { ContactRegister, NavOffice, Side } from '../domain/contact-file.js';
import { sides } from '../domain/contact-file.js';
import { slugOf } from '../format/ids.js';

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
    officesValue: contact.offices.join(', '),
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
    counties.push({
      county: register.county,
      example: register.example === true,
      examplesLeftOut: data.examplesLeftOut,
      headingId: `fylke-${slugOf(register.county)}`,
      changes,
      newPrefix: `ny-${slugOf(register.county)}`,
      offices: register.offices.map((office) => ({
        ...office,
        municipalityText: office.municipalities.join(', '),
      })),
      contacts: serving.map((contact) => ({ ...contact, editable: editable[contact.side] })),
      editableSides: (Object.keys(sides) as Side[])
        .filter((side) => editable[side])
        .map((side) => ({ value: side, label: sides[side] })),
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
  };
}
