/**
 * Across counties once a county has a real agreement: the example counties leave the table as they leave the
 * lookup, so the one real county is not compared with fictional ones; GJERDE_LOOKUP_EXAMPLES=1 keeps them.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import type { NationalOverview } from '../../src/lookup/national.js';
import { startTestGjerde } from '../helpers/gjerde.js';

const question = { q: '19 år og fikk ikke læreplass', at: '2025-11-01' };
let examplesDir: string;

/** The example agreements and Solvik's real one: Fjordvik's umbrella agreement under another name, no example. */
beforeAll(async () => {
  examplesDir = await mkdtemp(join(tmpdir(), 'gjerde-solvik-'));
  await cp(join(projectRoot, 'agreements'), examplesDir, { recursive: true });
  const fjordvik = await readFile(join(projectRoot, 'agreements/fjordvik-ramme/2025-06-23.md'), 'utf8');
  await mkdir(join(examplesDir, 'solvik-ramme'));
  await writeFile(
    join(examplesDir, 'solvik-ramme/2025-06-23.md'),
    fjordvik
      .replace('eksempel: true\n', '')
      .replaceAll('Fjordvik', 'Solvik')
      .replaceAll('fjordvik', 'solvik'),
  );
  await writeFile(
    join(examplesDir, 'solvik-ramme/revisions.yaml'),
    '- file: 2025-06-23.md\n  date: "2025-06-23T10:00:00+02:00"\n  author: Test Testesen\n  email: test@example.invalid\n  reason: Første godkjente avtale\n',
  );
});

afterAll(async () => {
  await rm(examplesDir, { recursive: true, force: true });
});

async function counties(env: NodeJS.ProcessEnv = {}): Promise<{ api: NationalOverview; page: string }> {
  const gjerde = await startTestGjerde({ examplesDir, env });
  try {
    const reader = await gjerde.as('leser');
    const api = (await reader.get('/api/national').query(question).expect(200)).body as NationalOverview;
    const page = (await reader.get('/fylkene').query(question).expect(200)).text;
    return { api, page };
  } finally {
    await gjerde.stop();
  }
}

describe('a store with real agreements beside the examples', () => {
  it('compares only the counties with real agreements, as the lookup answers only from them', async () => {
    const { api, page } = await counties();
    expect(api.rows.map((row) => row.county)).toEqual(['Solvik']);
    expect(api.rows[0]?.answer?.agreementId).toBe('solvik-ramme');
    expect(api.rows[0]?.differs).toBe(false);
    expect(api.common).toBeNull();
    expect(page).not.toContain('Ulikt de fleste');
    expect(page).not.toContain('Dalheim');
  }, 120_000);

  it('keeps the example counties for a demonstration with GJERDE_LOOKUP_EXAMPLES=1', async () => {
    const { api } = await counties({ GJERDE_LOOKUP_EXAMPLES: '1' });
    expect(api.rows.map((row) => row.county)).toEqual(
      expect.arrayContaining(['Dalheim', 'Fjordvik', 'Solvik']),
    );
  }, 120_000);
});
