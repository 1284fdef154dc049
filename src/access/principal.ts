import type { Author } from '../domain/agreements.js';
import type { PartyDirectory } from './party-grants.js';

/**
 * Who is asking, as far as Gjerde's rules are concerned: a signed-in person (local account or
 * OpenID Connect) with roles and a scope. Knows nothing of sessions or HTTP.
 */

/** Every signed-in person may read; a role adds rights on top of that. */
export const roles = ['redaktor', 'godkjenner', 'utvalg', 'admin'] as const;
export type Role = (typeof roles)[number];

export const readerLabel = 'Leser';
export const roleLabels: Record<Role, string> = {
  redaktor: 'Redaktør',
  godkjenner: 'Godkjenner',
  utvalg: 'Samarbeidsutvalget',
  admin: 'Administrator',
};

export interface Principal {
  /** The account's user name, or `oidc:<sub>` for a person signed in through OpenID Connect. */
  username: string;
  name: string;
  email: string;
  roles: Role[];
  /**
   * Party grants this person works for: editing scope and whom they approve for. An id (`nav-fjordvik`)
   * or, for an id that names different parties in different counties, one qualified by county
   * (`Dalheim/ot`); src/access/party-grants.ts reads them.
   */
  parties: string[];
  /** Counties (`fylke` in the front matter) whose agreements this person may edit (or whose cases they decide). */
  counties: string[];
  /**
   * Which party ids are ambiguous, as the agreements are now (set per request). Without it no unqualified
   * grant counts: checks fail closed.
   */
  partyDirectory?: PartyDirectory;
}

/** The roles' names as people read them; «Leser» for someone with no role beyond reading. */
export function roleNames(roles: readonly Role[]): string[] {
  return roles.length > 0 ? roles.map((role) => roleLabels[role]) : [readerLabel];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** The commit author for a change made by this person: always the signed-in person, never a form field. */
export function authorOf(principal: Principal): Author {
  return { name: principal.name, email: principal.email };
}
