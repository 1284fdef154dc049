import type { AgreementVersion } from '../domain/agreements.js';
import { type ConflictChange, describeSyncConflict, openSyncConflict } from '../domain/sync-conflict.js';
import type { PlainMessage } from '../format/messages.js';
import { formatDate } from '../format/wording.js';
import { urls } from './urls.js';

export interface ProblemsNotice {
  heading: string;
  text: string;
  /** «Linje 47, kolonne 86: …», one a message. */
  messages: string[];
  link?: { href: string; text: string };
}

export function messageLine(message: PlainMessage): string {
  return message.line === undefined
    ? message.message
    : `Linje ${message.line}, kolonne ${message.column ?? 1}: ${message.message}`;
}

/**
 * What an agreement page says about a version with errors (committed outside Gjerde): the one shown, or
 * else the newest one, which the page does not show because it never is in force.
 */
export function presentProblems(
  shown: AgreementVersion,
  latest: AgreementVersion | undefined,
  current: AgreementVersion | undefined,
): ProblemsNotice | undefined {
  const saved = (version: AgreementVersion) =>
    `lagret ${formatDate(version.revision.date)} av ${version.revision.author.name}`;
  if (!shown.valid) {
    return {
      heading: 'Denne versjonen har feil og gjelder ikke',
      text: `Versjonen (${saved(shown)}) kan ikke leses som en gyldig avtale eller ligger feil i lageret, så den svarer aldri på oppslag. ${
        current
          ? 'Den siste gyldige versjonen gjelder fortsatt.'
          : 'Ingen gyldig versjon av avtalen er i kraft.'
      } Rett feilene og lagre på nytt.`,
      messages: shown.problems.map(messageLine),
    };
  }
  if (latest && latest !== shown && !latest.valid) {
    return {
      heading: 'Den nyeste versjonen har feil og gjelder ikke',
      text: `Den nyeste versjonen (${saved(latest)}) kan ikke leses som en gyldig avtale eller ligger feil i lageret. Denne versjonen gjelder til feilene er rettet.`,
      messages: latest.problems.map(messageLine),
      link: {
        href: urls.agreement(latest.id, { rev: latest.revision.rev }),
        text: 'Les den nyeste versjonen',
      },
    };
  }
  return undefined;
}

export interface SyncConflictNotice {
  text: string;
  /** «Beholdt: Kari Nordmann, 3. mars 2026: …» and «Ikke i teksten nå: …», one a change. */
  changes: string[];
  links: Array<{ href: string; text: string }>;
}

/** What an agreement page says while a synchronization conflict is open (src/domain/sync-conflict.ts). */
export function presentSyncConflict(
  id: string,
  versions: AgreementVersion[],
  mayChange: boolean,
): SyncConflictNotice | undefined {
  const conflict = openSyncConflict(versions);
  if (!conflict) return undefined;
  const line = (label: string) => (change: ConflictChange) =>
    `${label}: ${change.author}, ${formatDate(change.date)}: ${change.reason}`;
  return {
    text: describeSyncConflict(conflict),
    changes: [...conflict.kept.map(line('Beholdt')), ...conflict.replaced.map(line('Ikke i teksten nå'))],
    links: [
      { href: urls.compare(id, conflict.compare.from, conflict.compare.to), text: 'Sammenlign versjonene' },
      ...(mayChange ? [{ href: urls.edit(id), text: 'Rediger avtalen' }] : []),
    ],
  };
}
