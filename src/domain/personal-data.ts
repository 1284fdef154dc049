import type { PlainMessage } from '../format/messages.js';
import { GjerdeError } from './errors.js';

export {
  containsNationalIdNumber,
  type Found,
  findNationalIds,
  isNationalIdNumber,
} from '../format/national-ids.js';

import { containsNationalIdNumber, findNationalIds } from '../format/national-ids.js';

/**
 * An error at each place in a text where a national identity number stands, with its line and column as
 * the validator's messages have them: what saving refuses, and what checking a text without saving it says.
 * The number itself is never in the message: it is not echoed back.
 */
export function nationalIdMessages(text: string): PlainMessage[] {
  return findNationalIds(text).map(({ start }) => nationalIdMessageAt(text, start));
}

/** The error for a national identity number at `offset` of `text`, by its line and column. */
export function nationalIdMessageAt(text: string, offset: number): PlainMessage {
  const before = text.slice(0, offset);
  return {
    line: before.split('\n').length,
    column: offset - before.lastIndexOf('\n'),
    severity: 'error',
    rule: 'personal-data',
    message: 'Her står det som ser ut som et fødselsnummer. Fjern det.',
  };
}

/** The text with every national identity number in it replaced (for the log), or given to `replacement`. */
export function redactNationalIds(
  text: string,
  replacement: string | ((number: string) => string) = '[fødselsnummer]',
): string {
  let result = '';
  let from = 0;
  for (const { start, end } of findNationalIds(text)) {
    if (start < from) continue;
    const number = text.slice(start, end);
    result += text.slice(from, start) + (typeof replacement === 'string' ? replacement : replacement(number));
    from = end;
  }
  return result + text.slice(from);
}

/**
 * What stands in place of a fødselsnummer when an editor opens a stored text that holds one (its page
 * withholds it): the source to correct, without the number. Saving refuses the mark too, so that the
 * sentence around it is written again rather than saved with a hole in it (docs/security.md).
 */
export const maskedNationalId = '⟦fødselsnummer skjult⟧';

/** An error at each mask left in a text, by line and column: the sentence still needs writing again. */
export function maskedNationalIdMessages(text: string): PlainMessage[] {
  const messages: PlainMessage[] = [];
  for (let at = text.indexOf(maskedNationalId); at >= 0; at = text.indexOf(maskedNationalId, at + 1)) {
    messages.push({
      ...nationalIdMessageAt(text, at),
      message: 'Her sto et fødselsnummer (skjult). Skriv setningen om uten det.',
    });
  }
  return messages;
}

/** Refuses a text a person typed that holds a national identity number (422, the personal-data message). */
export function refuseNationalId(text: string): void {
  if (containsNationalIdNumber(text)) throw new GjerdeError('personal-data', personalDataMessage);
}

export const personalDataMessage =
  'Teksten ser ut til å inneholde et fødselsnummer. Personopplysninger om ungdom hører ikke hjemme i Gjerde: avtalene beskriver ansvar, ikke enkeltpersoner. Fjern nummeret og prøv igjen.';

/**
 * The refusal of fields a person filled in: a fødselsnummer in any of them is personal data (422, the
 * personal-data message first), whatever else is wrong, so that every form and API says it the same way;
 * otherwise invalid input (400) with the form's own message.
 */
export function fieldsRefusal(
  message: string,
  problems: { variable: string; message: string }[],
): GjerdeError {
  // A problem may name its field before the message («Formål» (purpose): …).
  const personal = problems.some((problem) => problem.message.includes(personalDataMessage));
  return new GjerdeError(
    personal ? 'personal-data' : 'invalid-input',
    personal ? personalDataMessage : message,
    {
      problems,
    },
  );
}
