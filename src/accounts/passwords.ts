import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import pLimit from 'p-limit';

/**
 * Password hashing with argon2id (OWASP's first choice), with the library's defaults: 64 MiB, three
 * passes. A hash carries its own parameters, so stronger settings later still verify old hashes.
 *
 * Each hash or check takes 64 MiB and most of a core for tens of milliseconds, in libuv's thread pool,
 * which reading files shares: at most `maxConcurrentPasswordChecks` run at once and the rest wait their
 * turn (first come, first served), so a flood of sign-ins cannot take every core and thread from reading.
 * Checks for sign-ins from addresses that failed lately (`doubtful`) go one at a time into that queue:
 * however many such addresses there are, they hold one place, and a person who has not failed waits for
 * at most one of their checks.
 */

export const maxConcurrentPasswordChecks = 2;
const passwordWork = pLimit(maxConcurrentPasswordChecks);
const doubtfulWork = pLimit(1);

/** How many password hashes or checks run now, and how many wait. */
export function passwordWorkload(): { running: number; waiting: number } {
  return {
    running: passwordWork.activeCount,
    waiting: passwordWork.pendingCount + doubtfulWork.pendingCount,
  };
}

export const minPasswordLength = 12;
const maxPasswordLength = 200;

export function hashPassword(password: string): Promise<string> {
  return passwordWork(() => argon2.hash(password, { type: argon2.argon2id }));
}

export function verifyPassword(
  hash: string,
  password: string,
  options: { doubtful?: boolean } = {},
): Promise<boolean> {
  const check = () =>
    passwordWork(async () => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    });
  return options.doubtful ? doubtfulWork(check) : check();
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
