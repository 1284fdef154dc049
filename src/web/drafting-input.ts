import type { Request } from 'express';
import type { Principal } from '../access/principal.js';
import { GjerdeError, httpStatusOf } from '../domain/errors.js';
import { costFormFromBody } from '../drafting/clause-edit.js';
import type { FieldProblem } from '../drafting/form.js';
import { defaultHorizonDays } from '../drafting/reviews.js';
import type { ApprovalInput } from '../drafting/service.js';
import { normalizeText } from '../format/input.js';
import type { presentClauseForm } from './drafting-present.js';

/** Reading the drafting pages' and API's requests: bodies, fields, the person, query parameters. */

export type Body = Record<string, unknown>;

/** The fields of a page form that are not the answers or the clause: what to do, why, and the CSRF token. */
export const formControls = new Set(['action', 'reason', '_csrf', 'visning']);

const maxMarkdown = 150_000;

/** The request body as an object (JSON or form); anything else is refused. */
export function bodyObject(req: Request): Body {
  const body: unknown = req.body;
  if (body === undefined) {
    throw new GjerdeError('invalid-input', 'Forespørselen mangler innhold (send JSON eller et skjema).');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new GjerdeError('invalid-input', 'Innholdet må være et JSON-objekt.');
  }
  return body as Body;
}

/** A JSON object with only the fields an endpoint knows. */
export function jsonBody(req: Request, allowed: string[]): Body {
  const body = bodyObject(req);
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new GjerdeError(
      'invalid-input',
      `Ukjente felt: ${unknown.map((key) => `«${key.slice(0, 40)}»`).join(', ')}.`,
      {
        problems: unknown.map((key) => ({
          variable: key.slice(0, 80),
          message: `Ukjent felt. Kjente felt: ${allowed.join(', ')}.`,
        })),
      },
    );
  }
  return body;
}

export function stringField(body: Body, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new GjerdeError('invalid-input', `Feltet «${name}» må være tekst og kan ikke være tomt.`, {
      problems: [{ variable: name, message: 'Må fylles ut (tekst).' }],
    });
  }
  if (value.length > 500) throw new GjerdeError('invalid-input', `Feltet «${name}» er for langt.`);
  return value.trim();
}

export function optionalString(body: Body, name: string): string | undefined {
  return body[name] === undefined || body[name] === '' ? undefined : stringField(body, name);
}

export function reasonField(body: Body): string {
  const value = body.reason;
  if (value !== undefined && typeof value !== 'string')
    throw new GjerdeError('invalid-input', 'Begrunnelsen må være tekst.');
  return value ?? '';
}

export function markdownField(body: Body, name = 'markdown'): string {
  const value = body[name];
  if (typeof value !== 'string')
    throw new GjerdeError('invalid-input', `Feltet «${name}» må være avtaleteksten (Markdown) som tekst.`);
  if (value.length > maxMarkdown) {
    throw new GjerdeError(
      'invalid-input',
      `Avtaleteksten er for lang (${value.length} tegn, høyst ${maxMarkdown}).`,
    );
  }
  return normalizeText(value);
}

/**
 * The signed-in person making the change: the commit's author, whatever the body says. The gates in
 * front of these routes let nobody else through; this is the type's proof of it.
 */
export function actorOf(req: Request): Principal {
  if (!req.principal) throw new GjerdeError('unauthenticated', 'Du må logge inn for å endre avtaler.');
  return req.principal;
}

/** What an approver types: the role they sign in, the party, the date and a comment. */
export function approvalInput(input: Body): ApprovalInput {
  return { role: input.role, party: input.party, date: input.date, comment: input.comment };
}

/** Problems with the field every page save needs: a reason. */
export function saveProblems(input: Body): FieldProblem[] {
  return typeof input.reason !== 'string' || input.reason.trim() === ''
    ? [{ variable: 'reason', message: 'Skriv en begrunnelse: hva er endret, og hvorfor?' }]
    : [];
}

export function revQuery(req: Request, name: string): string | undefined {
  const value = req.query[name];
  return typeof value === 'string' && /^[0-9a-f]{40}$/.test(value) ? value : undefined;
}

export function horizonQuery(req: Request): number {
  const value = req.query.dager;
  if (value === undefined) return defaultHorizonDays;
  if (typeof value !== 'string' || !/^\d{1,3}$/.test(value) || Number(value) > 366) {
    throw new GjerdeError('invalid-input', '«dager» må være et helt antall dager, 0–366.');
  }
  return Number(value);
}

export function statusOf(error: GjerdeError): number {
  return httpStatusOf[error.code];
}

export function clauseFromBody(body: Body, id: string) {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  const list = (name: string) => {
    const value = body[name];
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
      (item): item is string => typeof item === 'string',
    );
  };
  const input: Parameters<typeof presentClauseForm>[1] = {
    id,
    grey: body.status === 'uavklart',
    supporting: list('supporting'),
    facets: list('facets'),
    cost: costFormFromBody(body),
  };
  for (const name of [
    'title',
    'owner',
    'ages',
    'keywords',
    'legalBasis',
    'contact',
    'escalation',
    'text',
  ] as const) {
    const value = text(name);
    if (value !== undefined) input[name] = value;
  }
  return input;
}
