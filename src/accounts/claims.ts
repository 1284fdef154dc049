import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { isRole, type Principal, type Role, roles } from '../access/principal.js';
import { containsNationalIdNumber } from '../domain/personal-data.js';

/**
 * Who a person signed in through OpenID Connect is in Gjerde: the mapping file (`GJERDE_OIDC_ROLES`,
 * docs/oidc.md) names one claim holding groups or roles, and rules that give rights to its values.
 * Pure: the claims come from a validated ID token, the mapping from the configuration.
 */

export interface ClaimRule {
  /** A value of the claim (a group's id or name, an app role, a national identity number…). */
  value: string;
  roles: Role[];
  parties: string[];
  counties: string[];
}

export interface ClaimMapping {
  /** The claim holding groups or roles: `groups` or `roles` (Entra ID), `pid` (ID-porten)… */
  claim: string;
  rules: ClaimRule[];
  /** Whether a person matching no rule may still sign in, with reading rights only. */
  allowEveryone: boolean;
}

const mappingKeys = ['claim', 'rules', 'allowEveryone'];
const ruleKeys = ['value', 'roles', 'parties', 'counties'];

/** The mapping file's text (JSON or YAML; JSON is YAML too), checked; errors name the file. */
export function parseClaimMapping(text: string, source: string): ClaimMapping {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON or YAML: ${(error as Error).message}`);
  }
  const problem = (what: string) => new Error(`${source}: ${what}`);
  if (!isObject(data)) throw problem('must be an object with "claim", "rules" and "allowEveryone"');
  const unknown = unknownKeys(data, mappingKeys);
  if (unknown) throw problem(`unknown ${unknown}`);
  const { claim, rules, allowEveryone } = data;
  if (typeof claim !== 'string' || claim.trim() === '')
    throw problem('"claim" must name the claim holding groups or roles, e.g. "groups"');
  if (!Array.isArray(rules)) throw problem('"rules" must be a list (it may be empty)');
  if (typeof allowEveryone !== 'boolean')
    throw problem('"allowEveryone" must be true (anyone the provider signs in may read) or false');
  return {
    claim: claim.trim(),
    rules: rules.map((rule, index) => {
      const checked = parseRule(rule);
      if (typeof checked === 'string') throw problem(`rule ${index + 1}: ${checked}`);
      return checked;
    }),
    allowEveryone,
  };
}

/** The rule, or what is wrong with it. */
function parseRule(rule: unknown): ClaimRule | string {
  if (!isObject(rule)) return 'must be an object with "value" and "roles"';
  const unknown = unknownKeys(rule, ruleKeys);
  if (unknown) return `unknown ${unknown}`;
  // An identity number written without quotes in YAML is a number.
  const value = typeof rule.value === 'number' ? String(rule.value) : rule.value;
  if (typeof value !== 'string' || value.trim() === '')
    return '"value" must be the claim value the rule matches';
  const lists = {
    roles: nameList(rule.roles),
    parties: nameList(rule.parties),
    counties: nameList(rule.counties),
  };
  for (const [key, list] of Object.entries(lists)) if (!list) return `"${key}" must be a list of names`;
  const notRoles = (lists.roles ?? []).filter((role) => !isRole(role));
  if (notRoles.length > 0)
    return `unknown role ${notRoles.map((role) => `"${role}"`).join(', ')} (roles: ${roles.join(', ')})`;
  return {
    value: value.trim(),
    roles: (lists.roles ?? []).filter(isRole),
    parties: lists.parties ?? [],
    counties: lists.counties ?? [],
  };
}

/** A list of non-empty names (missing is empty), trimmed; `undefined` if it is anything else. */
function nameList(items: unknown = []): string[] | undefined {
  if (!Array.isArray(items)) return undefined;
  const names = items.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
  return names.length === items.length ? names.map((name) => name.trim()) : undefined;
}

/** The keys the object should not have, listed with the ones it may have; `undefined` if none. */
function unknownKeys(data: Record<string, unknown>, known: readonly string[]): string | undefined {
  const unknown = Object.keys(data).filter((key) => !known.includes(key));
  if (unknown.length === 0) return undefined;
  return `${unknown.map((key) => `"${key}"`).join(', ')} (known: ${known.join(', ')})`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The person the claims describe, with the union of the rights of every rule their claim values
 * match; `undefined` when no rule matches and the mapping does not let everyone in.
 */
export function principalFromClaims(
  claims: Record<string, unknown>,
  mapping: ClaimMapping,
): Principal | undefined {
  // A provider may identify people by their national identity number (ID-porten's `pid`, a `sub` or a
  // name set up that way): such a value never becomes a name or an address in the history.
  const sub = String(claims.sub);
  const shownSub = containsNationalIdNumber(sub) ? pseudonym(sub) : sub;
  const values = claimValues(claims[mapping.claim]);
  const matched = mapping.rules.filter((rule) => values.includes(rule.value));
  if (matched.length === 0 && !mapping.allowEveryone) return undefined;
  const union = <T>(pick: (rule: ClaimRule) => T[]) => [...new Set(matched.flatMap(pick))];
  return {
    username: `oidc:${sub}`,
    name: displayName(claims) ?? shownSub,
    email: emailOf(claims) ?? fallbackEmail(shownSub, claims.iss),
    roles: roles.filter((role) => matched.some((rule) => rule.roles.includes(role))),
    parties: union((rule) => rule.parties),
    counties: union((rule) => rule.counties),
  };
}

/** A claim holds one value or a list of them; numbers (an identity number in JSON) count as text. */
function claimValues(claim: unknown): string[] {
  const items = Array.isArray(claim) ? claim : [claim];
  return items
    .filter((item) => typeof item === 'string' || typeof item === 'number')
    .map((item) => String(item).trim());
}

/** A claim's text, if it has some and no national identity number. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' && !containsNationalIdNumber(value)
    ? value.trim()
    : undefined;
}

/** A stable stand-in for an identifier that must not be shown: the start of its SHA-256. */
function pseudonym(value: string): string {
  return `person-${createHash('sha256').update(value).digest('hex').slice(0, 16)}`;
}

function displayName(claims: Record<string, unknown>): string | undefined {
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return text(claims.name) ?? text(given) ?? text(claims.preferred_username);
}

const plausibleEmail = /^[^\s<>@]+@[^\s<>@]+$/;

/** `email`, or Entra ID's `preferred_username` when it is an address (it usually is the UPN). */
function emailOf(claims: Record<string, unknown>): string | undefined {
  return [text(claims.email), text(claims.preferred_username)].find(
    (candidate) => candidate !== undefined && plausibleEmail.test(candidate),
  );
}

/**
 * Commits need an author address, and ID-porten gives none: `<sub>@<issuer's host>.invalid` still
 * says who (the provider's identifier for the person) and where from, and is plainly no mailbox.
 */
function fallbackEmail(sub: string, issuer: unknown): string {
  const host = URL.canParse(String(issuer)) ? new URL(String(issuer)).hostname : '';
  return `${sub.replace(/[^A-Za-z0-9._-]/g, '-')}@${host ? `${host}.invalid` : 'oidc.invalid'}`;
}
