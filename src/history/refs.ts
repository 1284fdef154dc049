import { parameterError } from '../domain/errors.js';
import { asDated, versionInForce } from '../domain/validity.js';
import { isIsoDate, isoDateOf, typeDateAs } from '../format/dates.js';
import type { VersionHead } from './versions.js';
import { formatDate } from './wording.js';

/** What a `from`/`to` parameter asks for: a revision (a commit id or its prefix) or a date. */
export type VersionRef = { kind: 'rev'; rev: string } | { kind: 'date'; date: string };

/**
 * Reads a `from`/`to` value: `dd.mm.åååå` or `YYYY-MM-DD` is a date (the version in force then), 4–40 hex
 * characters a revision. Anything else is refused with a message naming the parameter; absent or empty means "default".
 */
export function parseVersionRef(value: string | undefined, parameter: string): VersionRef | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  // Typed as the date fields show dates, or written as the command line's and the API's users do.
  const text = isoDateOf(value.trim());
  const shown = value.trim().slice(0, 60);
  if (/^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})$/.test(text)) {
    if (!isIsoDate(text)) {
      throw parameterError(
        'invalid-input',
        parameter,
        `Ugyldig dato: «${shown}»`,
        `«${shown}» i «${parameter}» er ikke en gyldig dato. ${typeDateAs}`,
      );
    }
    return { kind: 'date', date: text };
  }
  if (/^[0-9a-f]{4,40}$/i.test(text)) return { kind: 'rev', rev: text.toLowerCase() };
  throw parameterError(
    'invalid-input',
    parameter,
    `Verken revisjon eller dato: «${shown}»`,
    `«${shown}» i «${parameter}» er verken en revisjon eller en dato. ` +
      'Bruk en revisjon (4–40 tegn 0–9 og a–f, fra historikken) eller en dato som dd.mm.åååå.',
  );
}

/** The version a reference names among an agreement's versions (newest first). */
export function resolveVersionRef(
  id: string,
  versions: VersionHead[],
  ref: VersionRef,
  parameter: string,
): VersionHead {
  if (ref.kind === 'rev') {
    const matches = versions.filter((version) => version.revision.rev.startsWith(ref.rev));
    const distinct = new Set(matches.map((version) => version.revision.rev));
    if (distinct.size > 1) {
      throw parameterError(
        'invalid-input',
        parameter,
        `Flere revisjoner passer: «${ref.rev}»`,
        `Revisjonen «${ref.rev}» i «${parameter}» passer på flere revisjoner av avtalen. Skriv flere tegn av commit-id-en.`,
      );
    }
    const match = matches[0];
    if (!match) {
      // As the date fields show dates (dd.mm.åååå), so the hint can be typed back into the field it is about.
      const hint = /^\d{4}$/.test(ref.rev)
        ? ` Mente du et år? Skriv en dato som 01.01.${ref.rev} for versjonen som gjaldt den dagen.`
        : '';
      throw parameterError(
        'not-found',
        parameter,
        `Ingen revisjon «${ref.rev}»`,
        `Avtalen «${id}» har ingen revisjon «${ref.rev}» (i «${parameter}»). Se historikken for revisjonene.${hint}`,
      );
    }
    return match;
  }
  const match = inForceOn(versions, ref.date);
  if (!match) {
    throw parameterError(
      'not-found',
      parameter,
      `Ikke i kraft ${formatDate(ref.date)}`,
      `Avtalen «${id}» var ikke i kraft ${formatDate(ref.date)} (i «${parameter}»): ingen godkjent versjon gjaldt den dagen.`,
    );
  }
  return match;
}

/**
 * The version in force on a date among an agreement's versions (newest first); a withdrawn one never is, nor
 * a commit that put an approved version back (that version is in force in its place).
 */
export function inForceOn(versions: VersionHead[], date: string): VersionHead | undefined {
  return versionInForce(asDated(versions), date)?.version;
}
