import { tempDirs as tempDirsWithPrefix } from '../helpers/temp-dirs.js';

/** A fresh temporary folder; `cleanup()` removes every folder made so far. */
export const tempDirs = () => tempDirsWithPrefix('gjerde-store-test-');

/** Runs git in `dir` for assertions (not through the code under test). */
export { git } from '../helpers/git.js';

export const kari = { name: 'Kari Nordmann', email: 'kari@nav.example' };
export const ola = { name: 'Ola Nordmann', email: 'ola@fjordvik.example' };
