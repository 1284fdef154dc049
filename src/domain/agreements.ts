import { isIsoDate, today } from '../format/dates.js';
import { isValidId } from '../format/ids.js';
import { plainMessages } from '../format/messages.js';
import { type ParsedAgreement, parseAgreement, toCanonicalMarkdown } from '../format/processor.js';
import type { Agreement } from '../format/types.js';
import type { Revision, Store } from '../store/store.js';
import { GjerdeError } from './errors.js';
import { containsNationalIdNumber, personalDataMessage } from './personal-data.js';
import { versionInForce } from './validity.js';

export const agreementsFolder = 'avtaler';

export function pathOf(id: string): string {
  return `${agreementsFolder}/${id}.md`;
}

/** One saved version of an agreement: the file at one revision, parsed. */
export interface AgreementVersion {
  id: string;
  revision: Revision;
  markdown: string;
  agreement: Agreement;
}

export interface AgreementSummary {
  id: string;
  /** The latest saved version (may be a draft). */
  latest: AgreementVersion;
  /** The version in force today, if any. */
  inForce?: AgreementVersion;
}

export interface Author {
  name: string;
  email: string;
}

/**
 * Agreements as the domain sees them: versions read from the store and parsed. Parsed versions are
 * cached by commit and path, which never change.
 */
export class Agreements {
  private readonly parsed = new Map<string, AgreementVersion>();

  constructor(private readonly store: Store) {}

  async ids(): Promise<string[]> {
    const paths = await this.store.listFiles();
    return paths
      .filter((path) => path.startsWith(`${agreementsFolder}/`) && path.endsWith('.md'))
      .map((path) => path.slice(agreementsFolder.length + 1, -3))
      .filter(isValidId)
      .sort();
  }

  async summaries(date = today()): Promise<AgreementSummary[]> {
    const summaries: AgreementSummary[] = [];
    for (const id of await this.ids()) {
      const versions = await this.versions(id);
      const latest = versions[0];
      if (!latest) continue;
      const inForce = versionInForce(versions, date);
      summaries.push(inForce ? { id, latest, inForce } : { id, latest });
    }
    return summaries;
  }

  /** Every saved version of an agreement, newest first. */
  async versions(id: string): Promise<AgreementVersion[]> {
    const history = await this.store.history(pathOf(checkId(id)));
    if (history.length === 0) throw notFound(id);
    const versions: AgreementVersion[] = [];
    for (const revision of history) {
      const version = await this.versionAt(id, revision);
      if (version) versions.push(version);
    }
    return versions;
  }

  /** The latest version, the one at a revision, or the one in force on a date. */
  async get(id: string, options: { rev?: string; at?: string } = {}): Promise<AgreementVersion> {
    const versions = await this.versions(id);
    if (options.rev !== undefined) {
      const rev = options.rev;
      if (!/^[0-9a-f]{4,40}$/.test(rev)) {
        throw new GjerdeError(
          'invalid-input',
          `«${rev.slice(0, 60)}» er ikke en gyldig revisjon (skriv commit-id-en med 4–40 tegn 0–9 og a–f).`,
        );
      }
      const version = versions.find((candidate) => candidate.revision.rev.startsWith(rev));
      if (!version) throw new GjerdeError('not-found', `Avtalen «${id}» har ingen revisjon «${rev}».`);
      return version;
    }
    if (options.at !== undefined) {
      if (!isIsoDate(options.at)) {
        throw new GjerdeError(
          'invalid-input',
          `«${String(options.at).slice(0, 60)}» er ikke en gyldig dato. Skriv datoen som ÅÅÅÅ-MM-DD.`,
        );
      }
      const version = versionInForce(versions, options.at);
      if (!version) throw new GjerdeError('not-found', `Avtalen «${id}» var ikke i kraft ${options.at}.`);
      return version;
    }
    return versions[0] as AgreementVersion;
  }

  /** Saves a new agreement; an id already in use is refused, never overwritten. */
  async create(markdown: string, options: { author: Author; reason: string }): Promise<AgreementVersion> {
    const { id } = checkSaveable(markdown).agreement.meta;
    if ((await this.store.history(pathOf(id))).length > 0) {
      throw new GjerdeError('conflict', `Det finnes allerede en avtale med id «${id}». Velg en annen id.`);
    }
    return this.save(markdown, options);
  }

  /** Validates, writes in canonical form and commits one new version. Nothing is written when it has errors. */
  async save(
    markdown: string,
    options: { author: Author; reason: string; expectedId?: string },
  ): Promise<AgreementVersion> {
    const parsed = checkSaveable(markdown);
    const { id } = parsed.agreement.meta;
    if (options.expectedId !== undefined && id !== options.expectedId) {
      throw new GjerdeError(
        'invalid-input',
        `Avtalens id kan ikke endres (var «${options.expectedId}», er nå «${id}»).`,
      );
    }
    if (!options.reason.trim()) throw new GjerdeError('invalid-input', 'Skriv en begrunnelse for endringen.');
    if (containsNationalIdNumber(options.reason)) throw new GjerdeError('personal-data', personalDataMessage);
    const revision = await this.store.commitFile(pathOf(id), toCanonicalMarkdown(parsed), options);
    const version = await this.versionAt(id, revision);
    if (!version) throw new Error(`The saved version of ${id} could not be read back.`);
    return version;
  }

  private async versionAt(id: string, revision: Revision): Promise<AgreementVersion | undefined> {
    const key = `${revision.rev}:${revision.path}`;
    const cached = this.parsed.get(key);
    if (cached) return cached;
    const markdown = await this.store.readFile(revision.path, revision.rev);
    if (markdown === undefined) return undefined; // The commit that deleted the file.
    const version = { id, revision, markdown, agreement: parseAgreement(markdown, revision.path).agreement };
    this.parsed.set(key, version);
    return version;
  }
}

function checkId(id: string): string {
  if (!isValidId(id)) {
    throw new GjerdeError(
      'invalid-input',
      `«${String(id).slice(0, 60)}» er ikke en gyldig avtale-id (små bokstaver a–z, tall og bindestrek).`,
    );
  }
  return id;
}

function notFound(id: string): GjerdeError {
  return new GjerdeError('not-found', `Fant ingen avtale med id «${id}».`);
}

/** A file that may be saved: valid, and free of personal data. */
export function checkSaveable(markdown: string): ParsedAgreement {
  if (containsNationalIdNumber(markdown)) throw new GjerdeError('personal-data', personalDataMessage);
  const parsed = parseAgreement(markdown);
  if (!parsed.ok) {
    throw new GjerdeError('invalid-agreement', 'Avtalen har feil og er ikke lagret.', {
      messages: plainMessages(parsed.file),
    });
  }
  return parsed;
}
