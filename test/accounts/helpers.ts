import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isNationalIdNumber } from '../../src/domain/personal-data.js';

/** An accounts file path in a fresh temporary folder (the file itself does not exist yet). */
export async function tempAccountsFile() {
  const dir = await mkdtemp(join(tmpdir(), 'gjerde-accounts-'));
  return { dir, path: join(dir, 'accounts.json'), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A fødselsnummer with correct check digits (born 15 June 2007), computed so no real person's is written here. */
export function nationalIdNumber(): string {
  for (let candidate = 15060740000; ; candidate++)
    if (isNationalIdNumber(String(candidate))) return String(candidate);
}
