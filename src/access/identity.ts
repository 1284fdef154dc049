import { containsNationalIdNumber, personalDataMessage } from '../domain/personal-data.js';
import { invisibleCharacterProblem } from '../format/input.js';

/**
 * A person's name and e-mail address as they appear in the history (commit author, approval trailer):
 * checked when an account is made (src/accounts/accounts.ts), so that every signed-in person's change can
 * be recorded under their name.
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
  } else if (name.length < 2) problems.push({ variable: 'name', message: 'Skriv navnet.' });
  else if (name.length > 100) problems.push({ variable: 'name', message: 'Navnet kan ha høyst 100 tegn.' });
  else if (control.test(name) || /[<>|]/.test(name)) {
    problems.push({ variable: 'name', message: 'Navnet kan ikke inneholde <, >, | eller linjeskift.' });
  } else if (containsNationalIdNumber(name))
    problems.push({ variable: 'name', message: personalDataMessage });
  else if (invisibleCharacterProblem(name))
    problems.push({ variable: 'name', message: invisibleCharacterProblem(name, 'Navnet') as string });
  if (input.email !== undefined && typeof input.email !== 'string') {
    problems.push({ variable: 'email', message: 'E-postadressen må være tekst.' });
  } else if (!email) problems.push({ variable: 'email', message: 'Skriv e-postadressen.' });
  else if (email.length > 200 || !emailPattern.test(email)) {
    problems.push({
      variable: 'email',
      message: 'Skriv en gyldig e-postadresse, f.eks. kari.nordmann@nav.no.',
    });
  } else if (containsNationalIdNumber(email))
    problems.push({ variable: 'email', message: personalDataMessage });
  else if (invisibleCharacterProblem(email))
    problems.push({
      variable: 'email',
      message: invisibleCharacterProblem(email, 'E-postadressen') as string,
    });
  return problems;
}
