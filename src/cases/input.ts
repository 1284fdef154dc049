/**
 * What people type when they raise a case or record what the committee did, checked field by field: each
 * problem names its field (for the form's error summary and the API's `problems`). Free text is refused
 * with a fødselsnummer and checked for what looks like a name, an address, a telephone number or an
 * e-mail address (hints the person must confirm before saving).
 */
import { GjerdeError } from '../domain/errors.js';
import { containsNationalIdNumber, fieldsRefusal, personalDataMessage } from '../domain/personal-data.js';
import { describeHint, personalHints } from '../domain/personal-hints.js';
import { parseAgeRange } from '../format/clauses.js';
import { isIsoDate, isoDateOf, typeDateAs } from '../format/dates.js';
import { isValidId } from '../format/ids.js';
import type { AgeRange } from '../format/types.js';
import { isSituationFacet } from '../format/vocabulary.js';

export interface FieldProblem {
  variable: string;
  message: string;
}

/** Saving is held back until the person confirms that these hints are not about a young person. */
export class NeedsConfirmation extends GjerdeError {
  constructor(readonly warnings: FieldProblem[]) {
    super(
      'personal-data',
      'Teksten kan inneholde personopplysninger. Se over det som er markert, fjern navn og adresser, eller bekreft at det ikke gjelder en ungdom.',
      { problems: warnings },
    );
    this.name = 'NeedsConfirmation';
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** Reads the fields of one body; unknown fields are refused, so nothing is silently dropped. */
export class FieldReader {
  readonly problems: FieldProblem[] = [];
  readonly warnings: FieldProblem[] = [];

  constructor(
    private readonly body: Record<string, unknown>,
    allowed: readonly string[],
    private readonly known: ReadonlySet<string> = new Set(),
  ) {
    for (const key of Object.keys(body))
      if (!allowed.includes(key) && key !== '_csrf' && key !== 'action')
        this.problem(key.slice(0, 60), `Ukjent felt «${key.slice(0, 60)}».`);
  }

  problem(variable: string, message: string): void {
    this.problems.push({ variable, message });
  }

  /** One line of text, or undefined when empty. */
  private raw(name: string): string | undefined {
    const value = this.body[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') {
      this.problem(name, 'Feltet må være tekst, og bare gis én gang.');
      return undefined;
    }
    return value.replace(/\r\n?/g, '\n').trim() || undefined;
  }

  /**
   * Free text people write: limits, no control characters, no fødselsnummer, hints of personal data (not
   * with `hints: false`, for staff's own texts such as a glossary or a contact register, where names and
   * telephone numbers are what the text is for).
   */
  text(
    name: string,
    label: string,
    max: number,
    options: { required?: boolean; multiline?: boolean; hints?: false } = {},
  ) {
    const value = this.raw(name);
    if (!value) {
      if (options.required) this.problem(name, `Skriv ${label}.`);
      return undefined;
    }
    // A fødselsnummer first, however it is written (also with invisible characters inside).
    if (containsNationalIdNumber(value)) this.problem(name, personalDataMessage);
    else if (value.length > max) this.problem(name, `Kan ha høyst ${max} tegn (nå ${value.length}).`);
    else if (control.test(value)) this.problem(name, 'Inneholder kontrolltegn eller usynlige tegn.');
    else if (!options.multiline && value.includes('\n')) this.problem(name, 'Må stå på én linje.');
    else {
      if (options.hints === false) return value;
      for (const hint of personalHints(value, this.known))
        this.warnings.push({ variable: name, message: describeHint(hint) });
      return value;
    }
    return undefined;
  }

  /**
   * Short texts given as a list or as one comma-separated line («oppfølgingstjenesten, oppfølgingstenesta»),
   * read as one line so each gets the checks of any free text; no hints (staff's own names and places).
   */
  list(name: string, label: string, maxEach: number, maxCount: number): string[] {
    const value = this.body[name];
    const items = Array.isArray(value) ? value : [value];
    if (items.some((item) => item !== undefined && item !== null && typeof item !== 'string')) {
      this.problem(name, 'Feltet må være tekst.');
      return [];
    }
    const line = new FieldReader({ [name]: items.filter(Boolean).join(', ') }, [name]);
    const text = line.text(name, label, (maxEach + 2) * maxCount, { hints: false });
    for (const problem of line.problems) this.problem(problem.variable, problem.message);
    const values = [
      ...new Set(
        (text ?? '')
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      ),
    ];
    if (values.length > maxCount) this.problem(name, `Høyst ${maxCount} verdier.`);
    if (values.some((item) => item.length > maxEach))
      this.problem(name, `Hver verdi kan ha høyst ${maxEach} tegn.`);
    return values;
  }

  id(name: string, label: string, required = false): string | undefined {
    const value = this.raw(name);
    if (!value) {
      if (required) this.problem(name, `Velg ${label}.`);
      return undefined;
    }
    if (!isValidId(value)) this.problem(name, `Ugyldig ${label}.`);
    return isValidId(value) ? value : undefined;
  }

  date(name: string, today: string): string {
    const typed = this.raw(name);
    if (!typed) return today;
    const value = isoDateOf(typed);
    if (!isIsoDate(value)) this.problem(name, typeDateAs);
    else if (value > today) this.problem(name, 'Datoen kan ikke være fram i tid.');
    return value;
  }

  ages(name: string): AgeRange | undefined {
    const value = this.raw(name);
    if (!value) return undefined;
    const ages = parseAgeRange(value.replace(/[–—]/g, '-').replace(/\s+|år/g, ''));
    if (!ages || (ages.max ?? 0) > 120) this.problem(name, 'Skriv alder som 17 eller 16-18.');
    return ages;
  }

  facets(name: string): string[] {
    const value = this.body[name];
    const values = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
    const facets = values
      .flatMap((item) => (typeof item === 'string' ? item.split(/[\s,]+/) : ['']))
      .filter(Boolean);
    const unknown = facets.filter((facet) => !isSituationFacet(facet));
    if (unknown.length > 0 || values.some((item) => typeof item !== 'string'))
      this.problem(name, `Ukjent situasjon: ${unknown.join(', ').slice(0, 80)}.`);
    return [...new Set(facets.filter(isSituationFacet))];
  }

  confirmed(name: string): boolean {
    const value = this.body[name];
    return value === true || value === 'true' || value === 'ja' || value === 'on';
  }

  /** Throws the problems (400), else the hints unless confirmed (422); returns when it may be saved. */
  finish(message: string, confirmed: boolean): void {
    if (this.problems.length > 0) throw fieldsRefusal(message, this.problems);
    if (this.warnings.length > 0 && !confirmed) throw new NeedsConfirmation(this.warnings);
  }
}
