/**
 * What in the data repository Gjerde cannot serve as it stands: agreement files at HEAD that the validator
 * refuses or that are not where their agreement belongs, and agreement files outside the agreements folder.
 * Commits made outside Gjerde (a merge request, a migration script, a plain `git commit`) can leave such
 * files, or a shared glossary or contact register that cannot be read; this is what the integrity page,
 * `/healthz`, `gjerde verify` and `gjerde validate` report.
 */

import { splitFrontMatter } from '../format/front-matter.js';
import type { PlainMessage } from '../format/messages.js';
import { parseAgreement } from '../format/processor.js';
import { readMetaFast } from '../format/stored/front-matter.js';
import { VersionReader } from '../format/stored/version.js';
import { formatDate } from '../format/wording.js';
import { idOfPath, isInAgreementsFolder } from '../store/layout.js';
import { COMMITTER, type Revision, type Store } from '../store/store.js';
import { isInContactsFolder, parseRegisterFile } from './contact-file.js';
import { foreignPartyMessages } from './county-parties.js';
import { type CountyRegistry, countyRegistryPath, noSplits, readCountyRegistry } from './county-splits.js';
import { glossaryPath, parseGlossaryFile } from './glossary-file.js';
import { legalTablePath, readLegalTable } from './legal-references.js';
import { nationalIdMessages } from './personal-data.js';
import { placementProblem, strayFileProblem } from './placement.js';
import { isValidStored, judgeStored } from './stored.js';

export interface FileProblem {
  path: string;
  /** The agreement the file is read as (its page shows the problem too); absent when none. */
  agreementId?: string;
  /** One Norwegian sentence. */
  summary: string;
  /** The messages, with line and column. */
  messages: PlainMessage[];
  /**
   * Whether the commit that last changed the file was made outside Gjerde (not committed by Gjerde for a
   * person). A text Gjerde saved itself may be refused later too: a check that has become stricter.
   */
  changedOutside: boolean;
}

/**
 * Whether a path is one of the data files Gjerde keeps beside the agreements (the shared glossary, a contact
 * register, the table of repealed legal provisions). Every YAML file in the contacts folder is read as a
 * register, so one under a name Gjerde does not read is told the name it should have.
 */
export function isDataFile(path: string): boolean {
  return (
    path === glossaryPath ||
    path === legalTablePath ||
    path === countyRegistryPath ||
    isInContactsFolder(path)
  );
}

/** A data file read by its own rules (by its path in the data repository): whether it can be used, and why not. */
export function readDataFile(path: string, text: string): { ok: boolean; messages: PlainMessage[] } {
  if (path === legalTablePath || path === countyRegistryPath) {
    const { messages } = path === legalTablePath ? readLegalTable(text) : readCountyRegistry(text);
    return { ok: messages.length === 0, messages };
  }
  return path === glossaryPath ? parseGlossaryFile(text, path) : parseRegisterFile(text, path);
}

/**
 * Each agreement file with commits whose author or message held a fødselsnummer (the store shows
 * `HELD_BACK_PERSON` in their place): the number is still in git until the history is rewritten.
 */
function heldBackCommits(histories: ReadonlyMap<string, readonly Revision[]>): FileProblem[] {
  return [...histories].flatMap(([path, revisions]) => {
    const held = revisions.filter((revision) => revision.heldBack);
    if (held.length === 0) return [];
    const revs = held.map((revision) => revision.rev.slice(0, 8)).join(', ');
    const message = `${held.length === 1 ? 'Én commit' : `${held.length} commits`} (${revs}) har en forfatter eller begrunnelse som ser ut til å inneholde et fødselsnummer. Gjerde viser dem ikke; fjern dem fra historikken med git filter-repo (docs/security.md).`;
    return [
      {
        path,
        ...(idOfPath(path) !== undefined && { agreementId: idOfPath(path) as string }),
        summary: `Forfatter eller begrunnelse er holdt tilbake i ${held.length === 1 ? 'én versjon' : `${held.length} versjoner`} (revisjon ${revs}): de ser ut til å inneholde et fødselsnummer.`,
        messages: [{ severity: 'error', rule: 'personal-data', message }],
        changedOutside: true,
      },
    ];
  });
}

/** Files people write text in, read for a fødselsnummer wherever they lie. */
const textFile = /\.(?:md|markdown|txt|ya?ml|json|csv)$/i;

export class RepositoryCheck {
  /** Per blob and path (a file's problems depend on nothing else): its problem, or null. */
  private readonly judged = new Map<string, FileProblem | null>();
  private reader = new VersionReader();
  private last: { head: string | undefined; problems: Promise<FileProblem[]> } | undefined;

  constructor(private readonly store: Store) {}

  /** The problems at HEAD, in path order, then the commits held back (computed once per HEAD). */
  async problems(): Promise<FileProblem[]> {
    const head = await this.store.head();
    const last = this.last && this.last.head === head ? this.last : { head, problems: this.check() };
    this.last = last;
    return last.problems;
  }

  private async check(): Promise<FileProblem[]> {
    const problems: FileProblem[] = [];
    const seen = new Set<string>();
    const agreements: string[] = [];
    const tree = await this.store.listTree();
    // Whose county authority a party is depends on the registry too: its blob is in every agreement's key.
    const registryBlob = tree.find(({ path }) => path === countyRegistryPath)?.blob;
    const registryText = registryBlob === undefined ? undefined : await this.store.readBlob(registryBlob);
    const registry = registryText === undefined ? noSplits : readCountyRegistry(registryText);
    for (const { path, blob } of tree) {
      const key = `${blob}:${path}:${isInAgreementsFolder(path) ? registryBlob : ''}`;
      seen.add(key);
      if (isInAgreementsFolder(path) && idOfPath(path) !== undefined) agreements.push(path);
      let problem = this.judged.get(key);
      if (problem === undefined) {
        const judged = await this.judge(path, blob, registry);
        problem = judged ? await this.withOrigin(judged) : null;
        this.judged.set(key, problem);
      }
      if (problem) problems.push(problem);
    }
    // Forget files no longer at HEAD (the cache stays the size of one tree).
    for (const key of this.judged.keys()) if (!seen.has(key)) this.judged.delete(key);
    if (this.judged.size === 0) this.reader = new VersionReader();
    problems.push(...heldBackCommits(await this.store.histories(agreements)));
    return problems;
  }

  /** The problem with who last changed the file: Gjerde for a person, or someone outside it (and when). */
  private async withOrigin(problem: Omit<FileProblem, 'changedOutside'>): Promise<FileProblem> {
    // A path the store does not accept (`kontakter/nordre vik.yaml`) Gjerde never wrote.
    const last = await this.store.history(problem.path).then(
      (revisions) => revisions[0],
      () => undefined,
    );
    if (!last) return { ...problem, changedOutside: true };
    const committer = await this.store.committer(last.rev);
    const inGjerde =
      committer?.name === COMMITTER.name &&
      committer.email === COMMITTER.email &&
      last.author.email !== COMMITTER.email;
    const when = formatDate(last.date.slice(0, 10));
    const origin = inGjerde
      ? `Lagret i Gjerde av ${last.author.name} ${when}.`
      : `Endret utenom Gjerde (commit ${last.rev.slice(0, 7)} av ${last.author.name}, ${when}).`;
    return { ...problem, summary: `${problem.summary} ${origin}`, changedOutside: !inGjerde };
  }

  private async judge(
    path: string,
    blob: string,
    registry: CountyRegistry,
  ): Promise<Omit<FileProblem, 'changedOutside'> | undefined> {
    if (isInAgreementsFolder(path)) {
      const id = idOfPath(path);
      if (id === undefined) {
        return {
          path,
          summary: 'Filen kan ikke være en avtale der den ligger.',
          messages: [strayFileProblem(path)],
        };
      }
      const markdown = (await this.store.readBlob(blob)) ?? '';
      const read = this.reader.read(markdown);
      if (isValidStored(path, markdown, read)) {
        const foreign = foreignPartyMessages(markdown, read.meta, registry);
        if (foreign.length === 0) return undefined;
        return {
          path,
          agreementId: id,
          summary: `Avtalen har et annet fylkes fylkeskommune som part, som en lagring i Gjerde ikke godtar; den vises som den er til den er rettet.`,
          messages: foreign,
        };
      }
      const { problems } = judgeStored(path, parseAgreement(markdown, path));
      const heldBack = problems.some((problem) => problem.rule === 'personal-data');
      return {
        path,
        agreementId: id,
        summary: heldBack
          ? 'Teksten er holdt tilbake (den ser ut til å inneholde et fødselsnummer) og vises ikke; den siste gyldige versjonen gjelder. En redaktør retter den på redigeringssiden, der nummeret er skjult.'
          : `Avtalefilen har ${problems.length === 1 ? 'én feil' : `${problems.length} feil`} og vises ikke som gjeldende; den siste gyldige versjonen gjelder.`,
        messages: problems,
      };
    }
    if (isDataFile(path)) {
      const { ok, messages } = readDataFile(path, (await this.store.readBlob(blob)) ?? '');
      if (ok) return undefined;
      return {
        path,
        summary:
          path === glossaryPath
            ? 'Den felles begrepslisten har feil og brukes ikke før den er rettet; avtalenes egne ordlister gjelder.'
            : path === legalTablePath
              ? 'Tabellen over opphevede hjemler har feil; hjemlene med feil merkes ikke før de er rettet.'
              : path === countyRegistryPath
                ? 'Fylkesregisteret har feil; delingene med feil gjelder ikke før de er rettet.'
                : 'Kontaktregisteret har feil og vises ikke før det er rettet.',
        messages: messages.filter((message) => message.severity === 'error'),
      };
    }
    if (!textFile.test(path)) return undefined;
    const markdown = (await this.store.readBlob(blob)) ?? '';
    // Any other file (a case under saker/, a README, notes) that a plain commit brought a number into.
    const nationalIds = nationalIdMessages(markdown);
    if (nationalIds.length > 0)
      return {
        path,
        summary:
          'Filen ser ut til å inneholde et fødselsnummer, og Gjerde viser den ikke. Ta nummeret ut av filen og av historikken (docs/security.md).',
        messages: nationalIds,
      };
    if (!path.endsWith('.md')) return undefined;
    // Front matter first: what tells an agreement file outside the folder from a README or a case.
    const yaml = splitFrontMatter(markdown)?.yaml;
    if (yaml === undefined) return undefined;
    // An agreement names its parties; other Markdown with front matter (a README, a case under saker/) does not.
    if (!/^id:/m.test(yaml) || !/^parter:/m.test(yaml)) return undefined;
    const { meta } = readMetaFast(yaml);
    return {
      path,
      summary: 'Filen ser ut som en avtale, men ligger ikke der Gjerde leser avtaler, så den brukes ikke.',
      messages: [placementProblem(path, markdown, meta) ?? strayFileProblem(path)],
    };
  }
}
