import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/**
 * Password hashing with argon2id (OWASP's first choice), with the library's defaults: 64 MiB, three
 * passes. A hash carries its own parameters, so stronger settings later still verify old hashes.
 */

export const minPasswordLength = 12;
const maxPasswordLength = 200;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash nobody's password matches, verified for unknown users so that timing does not reveal who exists. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(32).toString('hex'));
  return decoy;
}

/** A one-time password: 20 characters from 120 random bits, without look-alikes (0/O, 1/l/I). */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3479';
  const bytes = randomBytes(40);
  let password = '';
  for (const byte of bytes) {
    // Rejection sampling keeps every character equally likely.
    if (byte >= 256 - (256 % alphabet.length)) continue;
    password += alphabet[byte % alphabet.length];
    if (password.length === 20) break;
  }
  return password.length === 20 ? password : oneTimePassword();
}

/** What is wrong with a new password, in Norwegian, or undefined when it is good enough. */
export function passwordProblem(password: unknown, username: string): string | undefined {
  if (typeof password !== 'string' || password.length < minPasswordLength)
    return `Passordet må ha minst ${minPasswordLength} tegn.`;
  if (password.length > maxPasswordLength) return `Passordet kan ha høyst ${maxPasswordLength} tegn.`;
  if (password.toLocaleLowerCase('nb').includes(username.toLocaleLowerCase('nb')))
    return 'Passordet kan ikke inneholde brukernavnet.';
  if (new Set(password).size < 5) return 'Passordet har for få ulike tegn.';
  return undefined;
}
