import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type PartyDirectory, partyDirectory } from './access/party-grants.js';
import { Accounts } from './accounts/accounts.js';
import { AnswerCache } from './answer-cache.js';
import { Cases } from './cases/cases.js';
import type { Config } from './config.js';
import { Contacts } from './contacts/contacts.js';
import { Agreements } from './domain/agreements.js';
import { CountySplits } from './domain/county-splits.js';
import { replayedTrailers } from './domain/import.js';
import { LegalReferences, legalTablePath } from './domain/legal-references.js';
import { RepositoryCheck } from './domain/repository-check.js';
import { CheckPool } from './drafting/checks/check-pool.js';
import { Drafting } from './drafting/service.js';
import { PdfBrowser } from './export/browser.js';
import { PrintViews } from './export/print-view.js';
import { Glossary } from './glossary/glossary.js';
import { AgreementHistory } from './history/history.js';
import { sealApprovedVersions, sealIfApproved } from './history/verify.js';
import { log } from './log.js';
import { Lookup } from './lookup/lookup.js';
import { AtHead } from './store/at-head.js';
import { seedStore } from './store/seed.js';
import { COMMITTER, Store } from './store/store.js';
import { acceptMergedFile } from './sync/accept.js';
import { Sync } from './sync/sync.js';
import { TemplateCatalog } from './templates/catalog.js';

/** Everything the service and the CLI share: the data repository, the agreements in it, the templates. */
export interface Gjerde {
  config: Config;
  store: Store;
  agreements: Agreements;
  templates: TemplateCatalog;
  /** Writing agreements: drafts from templates, edits, sending and approving, with the checks for short and clear. */
  drafting: Drafting;
  /** Auditors' reading: timelines, compare, one clause's history, shared by pages, exports and the CLI. */
  history: AgreementHistory;
  /** Local accounts (the file `accountsFile` in the data folder). */
  accounts: Accounts;
  /** «Who owns this?»: the clause index, built from the store when the web app starts, following HEAD. */
  lookup: Lookup;
  /** The table of repealed legal provisions (`felles/hjemler.yaml` in the data repository), read once per HEAD. */
  legal: LegalReferences;
  /** Counties that were split and their successors (`felles/fylker.yaml` in the data repository), read once per HEAD. */
  countySplits: CountySplits;
  /** Unclear cases for the cooperation committee (`saker/` in the data repository), and their precedents. */
  cases: Cases;
  /** The shared glossary (`felles/begreper.yaml`); each agreement's own `:::ordliste` comes in addition. */
  glossary: Glossary;
  /** Which party ids name different parties in different counties (src/access/party-grants.ts), per HEAD. */
  partyDirectory: AtHead<PartyDirectory>;
  /** Who the contacts are between OT and the NAV offices, per county (`kontakter/<fylke>.yaml`). */
  contacts: Contacts;
  /** Files at HEAD that Gjerde cannot serve as they stand (committed outside Gjerde), checked once per HEAD. */
  files: RepositoryCheck;
  /** The Chromium that prints PDF exports: started on the first export, so a service that never prints never starts it. */
  pdf: PdfBrowser;
  /** What a PDF is printed from (`views/print.hbs` and the stylesheets), read on the first export. */
  printViews: PrintViews;
  /** The lookup API's answers to repeated questions, emptied whenever the lookup index changes. */
  answers: AnswerCache;
  /** Synchronization through a git remote (`GJERDE_REMOTE`), undefined without one. */
  sync?: Sync;
  /** Runs `listener` after a save or a merge from the remote has reached the lookup index. */
  onLookupChanged(listener: () => void): void;
  /** Runs something when Gjerde closes (e.g. stopping the PDF browser), before the store closes. */
  onClose(hook: () => Promise<void> | void): void;
  close(): Promise<void>;
}

export async function openGjerde(config: Config): Promise<Gjerde> {
  const store = await Store.open(config.dataDir, { approvalKey: config.approvalKey });
  const sync = config.sync && new Sync(store, config.sync, { accept: acceptMergedFile, log });
  // An empty repository with a remote takes the remote's history; only a new remote gets the examples.
  const adopted = sync && (await store.head()) === undefined ? await sync.adoptRemote() : undefined;
  // What the first start adopted from the remote counts as recorded; approvals merged in later count only
  // when recorded here or signed with the shared key (src/store/approval-signature.ts).
  await store.startRegister();
  const seed = adopted === undefined || (adopted === 'empty' && !sync?.readOnly);
  if ((await store.head()) === undefined && seed && existsSync(config.examplesDir)) {
    log.info(
      { dataDir: config.dataDir, examplesDir: config.examplesDir },
      'Tomt datalager: legger inn eksempelavtalene med historikk',
    );
    const commits = await seedStore(
      store,
      config.examplesDir,
      (message) => log.info(message),
      (revision) => replayedTrailers(revision),
    );
    log.info({ commits }, 'Eksempelavtalene er lagt inn');
    // The seeded approved versions get their seals too, so `gjerde verify` can vouch for them.
    await sealApprovedVersions(store);
    // The table of repealed provisions belongs in the data repository, where it is kept up to date.
    await store.commitFile(legalTablePath, await readFile(config.legalTableFile, 'utf8'), {
      author: COMMITTER,
      reason:
        'Tabell over opphevede lovhenvisninger\n\nGjerde merker punkter i avtaler i kraft som viser til en hjemmel her som er opphevet.',
    });
  }
  const closeHooks: Array<() => Promise<void> | void> = [];
  const templates = await TemplateCatalog.load(config.templatesDir);
  // Text from people is parsed and checked in worker threads, so one large text holds no other request.
  const checks = new CheckPool();
  closeHooks.push(() => checks.close());
  // Overlaps take the verdicts the lookup's index has made instead of reading those versions whole.
  const agreements = new Agreements(store, checks, (id) => lookup.indexedVersions(id));
  const glossary = new Glossary(store);
  await glossary.read();
  const contacts = new Contacts(store);
  const legal = new LegalReferences(store, config.legalTableFile);
  const countySplits = new CountySplits(store);
  const lookup = new Lookup(
    store,
    log,
    {
      keepExamples: config.lookupExamples,
      // In the repository's own folder, which git neither commits nor pushes.
      keptIndex: join(config.dataDir, '.git', 'gjerde', 'oppslagsindeks.bin'),
      countySplits: () => countySplits.current(),
    },
    () => glossary.terms(),
  );
  const cases = new Cases(store, agreements);
  const lookupListeners: Array<() => void> = [];
  const lookupChanged = () => {
    for (const listener of lookupListeners) listener();
  };
  // The index follows HEAD by itself (src/lookup/lookup.ts); listeners (the answer cache) hear of a change.
  agreements.onSaved(() => lookupChanged());
  // The save does not wait for its seal; closing does (a `git tag` still writing into a removed repository).
  const sealing = new Set<Promise<unknown>>();
  agreements.onSaved((version) => {
    const seal = sealIfApproved(store, version.revision)
      .catch((error: unknown) =>
        log.warn({ err: error, rev: version.revision.rev }, 'Kunne ikke forsegle godkjent versjon'),
      )
      .finally(() => sealing.delete(seal));
    sealing.add(seal);
  });
  closeHooks.push(async () => {
    await Promise.all(sealing);
  });
  const answers = new AnswerCache();
  lookupListeners.push(() => answers.clear());
  const pdf = new PdfBrowser({ executablePath: config.chromium });
  closeHooks.push(
    () => lookup.close(),
    () => pdf.close(),
  );
  if (sync) {
    agreements.onSaved(() => sync.committed());
    cases.onCommitted(() => sync.committed());
    glossary.onCommitted(() => sync.committed());
    contacts.onCommitted(() => sync.committed());
    sync.onChanged(lookupChanged);
    closeHooks.push(() => sync.close());
    sync.start();
  }
  const parties = new AtHead(store, async () =>
    partyDirectory(await agreements.latestMetas(), await countySplits.current()),
  );
  return {
    config,
    store,
    agreements,
    partyDirectory: parties,
    lookup,
    cases,
    glossary,
    contacts,
    legal,
    countySplits,
    files: new RepositoryCheck(store),
    pdf,
    printViews: new PrintViews(config.viewsDir, config.publicDir),
    answers,
    ...(sync ? { sync } : {}),
    templates,
    drafting: new Drafting(agreements, templates, {
      selfApproval: config.selfApproval,
      sharedTerms: () => glossary.current(),
      checks,
      legalTable: () => legal.current(),
      countySplits: () => countySplits.current(),
      knownCounties: async () => (await parties.read()).byCounty.keys(),
      agreementCounties: () => agreements.latestMetas(),
    }),
    history: new AgreementHistory(store),
    accounts: new Accounts(config.accountsFile),
    onLookupChanged: (listener) => {
      lookupListeners.push(listener);
    },
    onClose: (hook) => {
      closeHooks.push(hook);
    },
    close: async () => {
      await Promise.allSettled(closeHooks.splice(0).map(async (hook) => hook()));
      await store.close();
    },
  };
}
