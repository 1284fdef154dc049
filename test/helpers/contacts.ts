/**
 * Saving a contact or a NAV office of a county's contact register as a person does, over HTTP: through the
 * API (POST a new one, PUT one by its id) or the contact page's forms. Each returns the request, so a test
 * says the status it expects (`.expect(201)`) and reads the answer.
 */
import type { SignedIn } from './gjerde.js';

type Fields = Record<string, unknown>;

interface Where {
  /** The contact or office to change; a new one without it. */
  id?: string;
  /** Through the contact page's form (answered with a redirect, or the page again) instead of the API. */
  form?: boolean;
}

const countyPath = (county: string) => encodeURIComponent(county);

/**
 * A new OT contact serving NAV Strandby in Fjordvik, e-mail from the name: the fields most tests add, `fields`
 * changing or adding any of them.
 */
export function otContact(name: string, fields: Fields = {}): Fields {
  const address = name
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .normalize('NFD')
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/ +/g, '.');
  return {
    side: 'fylkeskommune',
    name,
    role: 'OT-rådgiver',
    email: `${address}@fjordvik-fk.example`,
    offices: 'nav-strandby',
    ...fields,
  };
}

/** A contact: `fields` as the API and the form take them (side, name, role, email, phone, offices, …). */
export function saveContact(agent: SignedIn, county: string, fields: Fields, { id, form }: Where = {}) {
  if (form)
    return agent
      .post(`/kontakter/${countyPath(county)}`)
      .type('form')
      .send(id === undefined ? fields : { id, ...fields });
  return id === undefined
    ? agent.post(`/api/contacts/${countyPath(county)}`).send(fields)
    : agent.put(`/api/contacts/${countyPath(county)}/${id}`).send(fields);
}

/** A NAV office: `fields` are its name, the municipalities it covers and the reason for the change. */
export function saveOffice(agent: SignedIn, county: string, fields: Fields, { id, form }: Where = {}) {
  const offices = form
    ? `/kontakter/${countyPath(county)}/kontor`
    : `/api/contacts/${countyPath(county)}/offices`;
  if (form)
    return agent
      .post(id === undefined ? offices : `${offices}/${id}/endre`)
      .type('form')
      .send(fields);
  return id === undefined ? agent.post(offices).send(fields) : agent.put(`${offices}/${id}`).send(fields);
}
