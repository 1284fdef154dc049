import type { Author } from '../domain/agreements.js';
import { GjerdeError } from '../domain/errors.js';
import { containsNationalIdNumber, personalDataMessage } from '../domain/personal-data.js';

/**
 * Who is making a change. Until people sign in, the name and e-mail address come with the request;
 * this is the one place that reads them, so that signing in can replace it.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
const control = /[\u0000-\u001f\u007f]/;
const emailPattern = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;

export interface IdentityInput {
  name?: unknown;
  email?: unknown;
}

export interface IdentityProblem {
  variable: 'name' | 'email';
  message: string;
}

/** Problems with a name and address, each tied to its field; empty when both are usable. */
export function identityProblems(input: IdentityInput): IdentityProblem[] {
  const problems: IdentityProblem[] = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  const email = typeof input.email === 'string' ? input.email.trim() : '';
  if (input.name !== undefined && typeof input.name !== 'string') {
    problems.push({ variable: 'name', message: 'Navnet må være tekst.' });
  } else if (name.length < 2) problems.push({ variable: 'name', message: 'Skriv navnet ditt.' });
  else if (name.length > 100) problems.push({ variable: 'name', message: 'Navnet kan ha høyst 100 tegn.' });
  else if (control.test(name) || /[<>|]/.test(name)) {
    problems.push({ variable: 'name', message: 'Navnet kan ikke inneholde <, >, | eller linjeskift.' });
  } else if (containsNationalIdNumber(name))
    problems.push({ variable: 'name', message: personalDataMessage });
  if (input.email !== undefined && typeof input.email !== 'string') {
    problems.push({ variable: 'email', message: 'E-postadressen må være tekst.' });
  } else if (!email) problems.push({ variable: 'email', message: 'Skriv e-postadressen din.' });
  else if (email.length > 200 || !emailPattern.test(email)) {
    problems.push({
      variable: 'email',
      message: 'Skriv en gyldig e-postadresse, f.eks. kari.nordmann@nav.no.',
    });
  }
  return problems;
}

/** The person as the store records them (commit author), or a clear error. */
export function checkIdentity(input: IdentityInput): Author {
  const problems = identityProblems(input);
  if (problems.length > 0) {
    throw new GjerdeError('invalid-input', 'Vi trenger navnet og e-postadressen din for å lagre.', {
      problems: problems.map((problem) => ({
        variable: `author.${problem.variable}`,
        message: problem.message,
      })),
    });
  }
  return { name: String(input.name).trim(), email: String(input.email).trim() };
}
