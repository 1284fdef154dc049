import { existsSync } from 'node:fs';
import type { Config } from './config.js';
import { Agreements } from './domain/agreements.js';
import { log } from './log.js';
import { seedStore } from './store/seed.js';
import { Store } from './store/store.js';
import { TemplateCatalog } from './templates/catalog.js';

/** Everything the service and the CLI share: the data repository, the agreements in it, the templates. */
export interface Gjerde {
  config: Config;
  store: Store;
  agreements: Agreements;
  templates: TemplateCatalog;
  close(): void;
}

export async function openGjerde(config: Config): Promise<Gjerde> {
  const store = await Store.open(config.dataDir);
  if ((await store.head()) === undefined && existsSync(config.examplesDir)) {
    log.info(
      { dataDir: config.dataDir, examplesDir: config.examplesDir },
      'Tomt datalager: legger inn eksempelavtalene med historikk',
    );
    const commits = await seedStore(store, config.examplesDir, (message) => log.info(message));
    log.info({ commits }, 'Eksempelavtalene er lagt inn');
  }
  return {
    config,
    store,
    agreements: new Agreements(store),
    templates: await TemplateCatalog.load(config.templatesDir),
    close: () => store.close(),
  };
}
