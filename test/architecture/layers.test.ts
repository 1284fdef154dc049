import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';

/**
 * The "knows nothing of" column of docs/architecture.md, held by Biome's noRestrictedImports in
 * biome.json. Each row writes one probe file with one import into a copy of the layout and asks the
 * project's own Biome whether that arrow is refused, so a rule that stops matching fails here.
 */
const arrows: Array<{ from: string; imports: string; refused: boolean }> = [
  { from: 'src/format/a.ts', imports: '../store/store.js', refused: true },
  { from: 'src/format/b.ts', imports: '../domain/agreements.js', refused: true },
  { from: 'src/format/c.ts', imports: './types.js', refused: false },
  { from: 'src/store/a.ts', imports: '../format/types.js', refused: true },
  { from: 'src/store/b.ts', imports: './git.js', refused: false },
  { from: 'src/store/c.ts', imports: '../format/ids.js', refused: false },
  { from: 'src/domain/a.ts', imports: '../drafting/service.js', refused: true },
  { from: 'src/domain/b.ts', imports: '../history/verify.js', refused: true },
  { from: 'src/domain/c.ts', imports: '../format/types.js', refused: false },
  { from: 'src/domain/d.ts', imports: '../store/store.js', refused: false },
  { from: 'src/domain/e.ts', imports: '../glossary/glossary.js', refused: true },
  { from: 'src/domain/f.ts', imports: '../contacts/contacts.js', refused: true },
  { from: 'src/access/a.ts', imports: '../drafting/service.js', refused: true },
  { from: 'src/access/b.ts', imports: '../domain/personal-data.js', refused: false },
  { from: 'src/accounts/a.ts', imports: '../web/auth/session.js', refused: true },
  { from: 'src/accounts/b.ts', imports: '../access/identity.js', refused: false },
  { from: 'src/render/a.ts', imports: '../web/views.js', refused: true },
  { from: 'src/export/a.ts', imports: '../web/agreement-html.js', refused: true },
  { from: 'src/export/b.ts', imports: '../render/agreement-html.js', refused: false },
  { from: 'src/lookup/a.ts', imports: '../config.js', refused: true },
  { from: 'src/lookup/b.ts', imports: '../gjerde.js', refused: true },
  { from: 'src/drafting/checks/a.ts', imports: '../../web/app.js', refused: true },
  { from: 'src/cases/a.ts', imports: '../drafting/service.js', refused: false },
  { from: 'src/contacts/a.ts', imports: '../web/views.js', refused: true },
  { from: 'src/glossary/a.ts', imports: '../domain/glossary-file.js', refused: false },
  { from: 'src/web/routes/a.ts', imports: '../../store/store.js', refused: true },
  { from: 'src/web/routes/b.ts', imports: '../../domain/agreements.js', refused: false },
];

let root: string;
let refusedFiles: Set<string>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-layers-'));
  const config = JSON.parse(await readFile(join(projectRoot, 'biome.json'), 'utf8'));
  delete config.$schema;
  await writeFile(join(root, 'biome.json'), JSON.stringify(config));
  for (const arrow of arrows) {
    await mkdir(dirname(join(root, arrow.from)), { recursive: true });
    await writeFile(join(root, arrow.from), `import { x } from '${arrow.imports}';\n\nexport const y = x;\n`);
  }
  const biome = join(projectRoot, 'node_modules/.bin/biome');
  let report: string;
  try {
    report = execFileSync(biome, ['lint', '--only=style/noRestrictedImports', '--reporter=json', '.'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    // Biome exits 1 when it finds what we are looking for; the report is on stdout all the same.
    report = (error as { stdout: string }).stdout;
  }
  const diagnostics = JSON.parse(report).diagnostics as Array<{
    category: string;
    location: { path: string };
  }>;
  refusedFiles = new Set(
    diagnostics.filter((d) => d.category === 'lint/style/noRestrictedImports').map((d) => d.location.path),
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the import rule that holds the floors', () => {
  it.each(arrows)('$from importing $imports: refused $refused', ({ from, refused }) => {
    expect(refusedFiles.has(from)).toBe(refused);
  });
});
