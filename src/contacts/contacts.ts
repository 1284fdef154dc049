/**
 * The contact register: per county, which OT contact serves which NAV offices and municipalities and who at
 * each NAV office is OT's contact (contact-file.ts). Read at HEAD whoever moved it; one contact changed at a
 * time, one commit per change by the signed-in person, each side by its own editors (`mayEditContacts`).
 * Knows nothing of HTTP.
 */
import { mayEditContacts, mayEditOffices } from '../access/policy.js';
import { authorOf, type Principal } from '../access/principal.js';
import { FieldReader } from '../cases/input.js';
import {
  type Contact,
  type ContactRegister,
  contactLimits,
  contactsFolder,
  countySlug,
  editRegisterFile,
  emailPattern,
  isRegisterPath,
  type NavOffice,
  parseRegisterFile,
  phonePattern,
  registerPath,
  type Side,
  sides,
  writeRegisterFile,
} from '../domain/contact-file.js';
import { commitDataFile } from '../domain/data-file.js';
import { GjerdeError } from '../domain/errors.js';
import type { PlainMessage } from '../format/messages.js';
import { HeadSnapshot } from '../store/at-head.js';
import {
  changeOffice,
  newRegister,
  type OfficeChange,
  removeOffice,
  sharedMunicipalities,
} from './offices.js';

export const contactFields = [
  'side',
  'name',
  'role',
  'email',
  'phone',
  'offices',
  'municipalities',
  'confirmed',
] as const;

/** A contact as a lookup shows it: with the offices and municipalities it serves, by name. */
export interface ServingContact extends Contact {
  county: string;
  officeNames: string[];
  /** Every municipality served: its own and its offices'. */
  serves: string[];
  /** From an example register (fictional people). */
  example: boolean;
}

export interface ContactQuery {
  /** NAV office ids (the person's parties, or one chosen). */
  offices?: readonly string[];
  municipality?: string;
  /** Counties as their registers write them: every contact of those registers (with `side`, that side's). */
  counties?: readonly string[];
  /** Only this side's contacts. */
  side?: Side;
  /** Leave out the example registers (when the example agreements are out of the lookup). */
  withoutExamples?: boolean;
}

interface Snapshot {
  registers: ContactRegister[];
  texts: Map<string, string>;
  unreadable: { path: string; messages: PlainMessage[] }[];
}

/**
 * The contact registers: every county's register at HEAD, by county name, the files that could not be read,
 * and changes one commit each.
 */
export class Contacts extends HeadSnapshot<Snapshot> {
  protected async readAt(head: string | undefined): Promise<Snapshot> {
    const registers: ContactRegister[] = [];
    const texts = new Map<string, string>();
    const unreadable: Snapshot['unreadable'] = [];
    const paths = head === undefined ? [] : await this.store.listFiles('HEAD', `${contactsFolder}/`);
    for (const path of paths.filter(isRegisterPath)) {
      const text = await this.store.readFile(path);
      if (text === undefined) continue;
      const parsed = parseRegisterFile(text, path);
      if (parsed.register) {
        registers.push(parsed.register);
        texts.set(path, text);
      } else unreadable.push({ path, messages: parsed.messages });
    }
    registers.sort((a, b) => a.county.localeCompare(b.county, 'nb'));
    return { registers, texts, unreadable };
  }

  async register(county: string): Promise<ContactRegister> {
    const register = (await this.read()).registers.find(
      (candidate) => countySlug(candidate.county) === countySlug(String(county)),
    );
    if (!register)
      throw new GjerdeError(
        'not-found',
        `Fant ikke noe kontaktregister for «${String(county).slice(0, 60)}».`,
      );
    return register;
  }

  /** Every municipality and NAV office the registers know, for choosing one. */
  async places(): Promise<{ municipalities: string[]; offices: (NavOffice & { county: string })[] }> {
    const { registers } = await this.read();
    const municipalities = new Set<string>();
    const offices: (NavOffice & { county: string })[] = [];
    for (const register of registers) {
      for (const office of register.offices) {
        offices.push({ ...office, county: register.county });
        for (const name of office.municipalities) municipalities.add(name);
      }
      for (const contact of register.contacts)
        for (const name of contact.municipalities) municipalities.add(name);
    }
    return { municipalities: [...municipalities].sort((a, b) => a.localeCompare(b, 'nb')), offices };
  }

  /**
   * The contacts for NAV offices, a municipality or whole counties, both sides unless `side` says, OT first:
   * an OT contact serving the office or the municipality, and the NAV contacts at the office or at an office
   * serving the municipality.
   */
  async find(query: ContactQuery): Promise<ServingContact[]> {
    const { registers } = await this.read();
    const municipality = query.municipality?.trim().toLocaleLowerCase('nb');
    const found: ServingContact[] = [];
    for (const register of registers) {
      if (query.withoutExamples && register.example) continue;
      const byCounty = query.counties?.includes(register.county) ?? false;
      for (const contact of register.contacts) {
        if (query.side !== undefined && contact.side !== query.side) continue;
        const serving = serve(register, contact);
        const byOffice = query.offices?.some((office) => contact.offices.includes(office)) ?? false;
        const byMunicipality =
          municipality !== undefined &&
          serving.serves.some((name) => name.toLocaleLowerCase('nb') === municipality);
        if (byCounty || byOffice || byMunicipality) found.push(serving);
      }
    }
    const order: Side[] = ['fylkeskommune', 'nav'];
    return found.sort(
      (a, b) => order.indexOf(a.side) - order.indexOf(b.side) || a.name.localeCompare(b.name, 'nb'),
    );
  }

  /** Every contact of a county, with what it serves. */
  async all(county: string): Promise<ServingContact[]> {
    const register = await this.register(county);
    return register.contacts.map((contact) => serve(register, contact));
  }

  /** Whether the person may change this side of the county's register. */
  async mayEdit(principal: Principal, county: string, side: Side): Promise<boolean> {
    return mayEditContacts(principal, registerScope(await this.register(county)), side);
  }

  /** Adds a contact (`id` undefined) or changes one: one commit by the person, for their own side only. */
  async save(
    county: string,
    id: string | undefined,
    body: Record<string, unknown>,
    actor: Principal,
  ): Promise<Contact> {
    const register = await this.register(county);
    const index = id === undefined ? -1 : register.contacts.findIndex((contact) => contact.id === id);
    if (id !== undefined && index < 0)
      throw new GjerdeError(
        'not-found',
        `Fant ingen kontakt «${String(id).slice(0, 60)}» i ${register.county}.`,
      );
    const before = register.contacts[index];
    const read = new FieldReader(body, contactFields);
    const side = (typeof body.side === 'string' ? body.side : before?.side) as Side | undefined;
    if (side !== 'fylkeskommune' && side !== 'nav')
      read.problem('side', 'Velg om kontakten er i fylkeskommunen (OT) eller på NAV.');
    checkMayEdit(actor, register, before?.side ?? side);
    if (before && side && side !== before.side) checkMayEdit(actor, register, side);
    const name = read.text('name', 'navnet', contactLimits.name, { required: true, hints: false });
    const role = read.text('role', 'rollen (f.eks. OT-rådgiver)', contactLimits.role, {
      required: true,
      hints: false,
    });
    const email = read.text('email', 'e-post', contactLimits.email, { hints: false });
    const phone = read.text('phone', 'telefon', contactLimits.phone, { hints: false });
    if (email !== undefined && !emailPattern.test(email))
      read.problem('email', 'Skriv en e-postadresse (navn@eksempel.no).');
    if (phone !== undefined && !phonePattern.test(phone))
      read.problem('phone', 'Telefon kan ha sifre, mellomrom og + foran.');
    if (email === undefined && phone === undefined)
      read.problem('email', 'Skriv e-post eller telefon, så kolleger kan nå kontakten.');
    // An office by its name as the page shows it («NAV Strandby»), or by its id; the register keeps the id.
    const offices = read.list('offices', 'NAV-kontorer', 60, 40).map((typed) => {
      const office = register.offices.find(
        (known) => known.id === typed || known.name.toLocaleLowerCase('nb') === typed.toLocaleLowerCase('nb'),
      );
      if (!office)
        read.problem(
          'offices',
          `${register.county} har ikke NAV-kontoret «${typed.slice(0, 60)}». Kontorene er ${register.offices.map((known) => known.name).join(', ')}.`,
        );
      return office?.id ?? typed;
    });
    const municipalities = read.list('municipalities', 'kommuner', contactLimits.municipality, 40);
    if (offices.length === 0 && municipalities.length === 0)
      read.problem('offices', 'Velg hvilke NAV-kontorer eller kommuner kontakten er kontakt for.');
    read.finish('Kontakten er ikke fylt ut riktig.', true);
    const contact: Contact = {
      id: before?.id ?? newContactId(register, name as string),
      side: side as Side,
      name: name as string,
      role: role as string,
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      offices,
      municipalities,
    };
    const contacts = [...register.contacts];
    if (index < 0) contacts.push(contact);
    else contacts[index] = contact;
    const reason = before
      ? `Kontaktregisteret for ${register.county}: ${contact.name} (${contact.role}) endret`
      : `Kontaktregisteret for ${register.county}: ny kontakt ${contact.name} (${contact.role})`;
    await this.commit({ ...register, contacts }, actor, reason);
    return contact;
  }

  async remove(county: string, id: string, actor: Principal): Promise<void> {
    const register = await this.register(county);
    const contact = register.contacts.find((candidate) => candidate.id === id);
    if (!contact)
      throw new GjerdeError(
        'not-found',
        `Fant ingen kontakt «${String(id).slice(0, 60)}» i ${register.county}.`,
      );
    checkMayEdit(actor, register, contact.side);
    await this.commit(
      { ...register, contacts: register.contacts.filter((candidate) => candidate !== contact) },
      actor,
      `Kontaktregisteret for ${register.county}: ${contact.name} (${contact.role}) fjernet`,
    );
  }

  /** Whether the person may change the county's NAV offices and the municipalities they serve. */
  async mayEditOffices(principal: Principal, county: string): Promise<boolean> {
    return mayEditOffices(principal, registerScope(await this.register(county)));
  }

  /**
   * Adds a NAV office (`id` undefined), or renames one or changes its municipalities: one commit by the
   * person. A county without a register gets its first one with its first office. Says which municipalities
   * two offices now both cover (`warnings`), which is allowed.
   */
  async saveOffice(
    county: string,
    id: string | undefined,
    body: Record<string, unknown>,
    actor: Principal,
  ): Promise<NavOffice & { warnings: string[] }> {
    const existing = (await this.read()).registers.find(
      (candidate) => countySlug(candidate.county) === countySlug(String(county)),
    );
    const register = existing ?? (id === undefined ? newRegister(county) : await this.register(county));
    const change = changeOffice(register, id, body);
    // Who may start a county's register: whoever may keep its offices once the first is in it.
    checkMayEditOffices(actor, existing ?? { ...register, offices: [change.office] });
    await this.commitOffices(register, change, actor);
    return { ...change.office, warnings: sharedMunicipalities(change.offices) };
  }

  /** Removes a NAV office no contact serves or works at any longer. */
  async removeOffice(
    county: string,
    id: string,
    body: Record<string, unknown>,
    actor: Principal,
  ): Promise<void> {
    const register = await this.register(county);
    checkMayEditOffices(actor, register);
    await this.commitOffices(register, removeOffice(register, id, body), actor);
  }

  history(county: string) {
    return this.store.history(registerPath(county));
  }

  /** The offices' change, its summary the commit's first line and the person's reason, if any, below it. */
  private commitOffices(register: ContactRegister, change: OfficeChange, actor: Principal): Promise<void> {
    const summary = `Kontaktregisteret for ${register.county}: ${change.summary}`;
    return this.commit(
      { ...register, offices: change.offices },
      actor,
      change.reason ? `${summary}\n\n${change.reason}` : summary,
    );
  }

  private async commit(register: ContactRegister, actor: Principal, reason: string): Promise<void> {
    const path = registerPath(register.county);
    const previous = (await this.read()).texts.get(path);
    // The file as the county wrote it, changed where the register changed (a new file: Gjerde's form).
    const content =
      previous === undefined ? writeRegisterFile(register) : editRegisterFile(previous, register);
    await commitDataFile(this.store, path, content, {
      author: authorOf(actor),
      reason,
      previous: previous ?? null,
      conflict: 'Kontaktregisteret er endret av noen andre i mellomtiden. Last inn siden og prøv igjen.',
    });
    this.committed();
  }
}

function registerScope(register: ContactRegister) {
  return {
    county: register.county,
    ...(register.countyParty ? { countyParty: register.countyParty } : {}),
    navParties: register.offices.map((office) => office.id),
  };
}

function checkMayEdit(actor: Principal, register: ContactRegister, side: Side | undefined): void {
  if (side === undefined) return;
  if (mayEditContacts(actor, registerScope(register), side)) return;
  throw new GjerdeError(
    'forbidden',
    `Kontakter for ${sides[side]} i ${register.county} endres av redaktører for ${side === 'nav' ? 'et NAV-kontor i fylket' : 'fylkeskommunen'}. Hver part holder sine egne kontakter oppdatert.`,
  );
}

function checkMayEditOffices(actor: Principal, register: ContactRegister): void {
  if (mayEditOffices(actor, registerScope(register))) return;
  throw new GjerdeError(
    'forbidden',
    `NAV-kontorene i ${register.county} endres av redaktører for fylket, fylkeskommunen eller et NAV-kontor i fylket, og av administratorer.`,
  );
}

function serve(register: ContactRegister, contact: Contact): ServingContact {
  const offices = register.offices.filter((office) => contact.offices.includes(office.id));
  const serves = [
    ...new Set([...contact.municipalities, ...offices.flatMap((office) => office.municipalities)]),
  ];
  return {
    ...contact,
    county: register.county,
    officeNames: offices.map((office) => office.name),
    serves,
    example: register.example === true,
  };
}

function newContactId(register: ContactRegister, name: string): string {
  const base = countySlug(name).slice(0, 50) || 'kontakt';
  let id = base;
  for (let n = 2; register.contacts.some((contact) => contact.id === id); n++) id = `${base}-${n}`;
  return id;
}
