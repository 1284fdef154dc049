/**
 * The shared glossary (felles begrepsliste): one file in the data repository (glossary-file.ts), read at
 * HEAD whoever moved it, changed one term at a time, one commit per change by the signed-in person. Each
 * agreement's own `:::ordliste` comes in addition (`forAgreement`). Knows nothing of HTTP.
 */
import { mayEditGlossary } from '../access/policy.js';
import { authorOf, type Principal, roleLabels } from '../access/principal.js';
import { FieldReader } from '../cases/input.js';
import { commitDataFile } from '../domain/data-file.js';
import { GjerdeError } from '../domain/errors.js';
import {
  glossaryPath,
  parseGlossaryFile,
  type SharedTerm,
  termKey,
  termLimits,
  writeGlossaryFile,
} from '../domain/glossary-file.js';
import type { PlainMessage } from '../format/messages.js';
import type { GlossaryEntry } from '../format/types.js';
import { HeadSnapshot } from '../store/at-head.js';
import type { Revision } from '../store/store.js';

/** A term as a page shows it: from the shared glossary, or from the agreement's own. */
export interface ExplainedTerm extends SharedTerm {
  origin: 'felles' | 'avtale';
}

export const termFields = ['term', 'aliases', 'definition', 'source', 'confirmed'] as const;

interface Snapshot {
  terms: SharedTerm[];
  /** The file's messages when it could not be read (committed by hand); its terms are then left out. */
  messages: PlainMessage[];
  text: string | undefined;
}

/** The shared glossary at HEAD, and changes to it one term and one commit at a time. */
export class Glossary extends HeadSnapshot<Snapshot> {
  protected async readAt(head: string | undefined): Promise<Snapshot> {
    const text = head === undefined ? undefined : await this.store.readFile(glossaryPath);
    const parsed = text === undefined ? { terms: [], messages: [] } : parseGlossaryFile(text);
    return { terms: parsed.terms, messages: parsed.messages, text };
  }

  async terms(): Promise<SharedTerm[]> {
    return (await this.read()).terms;
  }

  /** The terms as last read, without asking the store (for the synchronous drafting checks). */
  current(): readonly SharedTerm[] {
    return this.lastRead()?.terms ?? [];
  }

  /** The shared terms and the agreement's own; the agreement's own explanation wins for a name it gives. */
  async forAgreement(own: readonly GlossaryEntry[]): Promise<ExplainedTerm[]> {
    return mergeGlossaries(await this.terms(), own);
  }

  history(): Promise<Revision[]> {
    return this.store.history(glossaryPath);
  }

  /**
   * Adds a term, or changes the one named `original` (its name too): one commit by the person. Only an
   * editor (the role that writes agreements) changes the shared glossary.
   */
  async save(
    original: string | undefined,
    body: Record<string, unknown>,
    actor: Principal,
  ): Promise<SharedTerm> {
    checkMayEdit(actor);
    const read = new FieldReader(body, termFields);
    const term = read.text('term', 'ordet som forklares', termLimits.term, { required: true, hints: false });
    const aliases = read.list('aliases', 'andre navn', termLimits.alias, termLimits.aliases);
    const definition = read.text('definition', 'en forklaring med vanlige ord', termLimits.definition, {
      required: true,
      hints: false,
    });
    const source = read.text('source', 'kilde', termLimits.source, { hints: false });
    const { terms, text } = await this.editable();
    const index =
      original === undefined ? -1 : terms.findIndex((entry) => termKey(entry.term) === termKey(original));
    if (original !== undefined && index < 0)
      throw new GjerdeError('not-found', `Begrepslisten har ikke «${original.slice(0, 80)}».`);
    for (const name of term ? [term, ...aliases] : aliases) {
      const other = terms.find(
        (entry, at) =>
          at !== index && [entry.term, ...entry.aliases].some((known) => termKey(known) === termKey(name)),
      );
      if (other)
        read.problem(
          name === term ? 'term' : 'aliases',
          `«${name}» står allerede i begrepslisten (under «${other.term}»).`,
        );
    }
    read.finish('Begrepet er ikke fylt ut riktig.', true);
    const entry: SharedTerm = {
      term: term as string,
      aliases,
      definition: definition as string,
      ...(source ? { source } : {}),
    };
    const next = [...terms];
    if (index < 0) next.push(entry);
    else next[index] = entry;
    const before = index < 0 ? undefined : terms[index];
    const reason =
      before === undefined
        ? `Begrepslisten: nytt begrep «${entry.term}»`
        : before.term === entry.term
          ? `Begrepslisten: «${entry.term}» endret`
          : `Begrepslisten: «${before.term}» heter nå «${entry.term}»`;
    await this.commit(next, text, actor, reason);
    return entry;
  }

  async remove(name: string, actor: Principal): Promise<void> {
    checkMayEdit(actor);
    const { terms, text } = await this.editable();
    const entry = terms.find((candidate) => termKey(candidate.term) === termKey(name));
    if (!entry) throw new GjerdeError('not-found', `Begrepslisten har ikke «${String(name).slice(0, 80)}».`);
    await this.commit(
      terms.filter((candidate) => candidate !== entry),
      text,
      actor,
      `Begrepslisten: «${entry.term}» fjernet`,
    );
  }

  /** The terms to change: refused while the file at HEAD cannot be read (it is corrected where it broke). */
  private async editable(): Promise<{ terms: SharedTerm[]; text: string | null }> {
    const snapshot = await this.read();
    if (snapshot.messages.some((message) => message.severity === 'error'))
      throw new GjerdeError(
        'conflict',
        `${glossaryPath} har feil og må rettes i git før begrepslisten kan endres her.`,
        {
          messages: snapshot.messages,
        },
      );
    return { terms: snapshot.terms, text: snapshot.text ?? null };
  }

  private async commit(
    terms: SharedTerm[],
    previous: string | null,
    actor: Principal,
    reason: string,
  ): Promise<void> {
    await commitDataFile(this.store, glossaryPath, writeGlossaryFile(terms), {
      author: authorOf(actor),
      reason,
      previous,
      conflict: 'Begrepslisten er endret av noen andre i mellomtiden. Last inn siden og prøv igjen.',
    });
    await this.read();
    this.committed();
  }
}

function checkMayEdit(actor: Principal): void {
  if (!mayEditGlossary(actor))
    throw new GjerdeError(
      'forbidden',
      `Bare redaktører (rollen ${roleLabels.redaktor}) endrer den felles begrepslisten. Foreslå endringen for en redaktør.`,
    );
}

/** The shared terms and an agreement's own, one entry per name; the agreement's own explanation wins. */
export function mergeGlossaries(
  shared: readonly SharedTerm[],
  own: readonly GlossaryEntry[],
): ExplainedTerm[] {
  const ownNames = new Set(own.flatMap((entry) => [entry.term, ...entry.aliases]).map(termKey));
  return [
    ...own.map((entry): ExplainedTerm => ({ ...entry, origin: 'avtale' })),
    ...shared
      .filter((entry) => !ownNames.has(termKey(entry.term)))
      .map(
        (entry): ExplainedTerm => ({
          ...entry,
          aliases: entry.aliases.filter((alias) => !ownNames.has(termKey(alias))),
          origin: 'felles',
        }),
      ),
  ];
}
