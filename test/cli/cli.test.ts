import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../src/config.js';

let root: string;
let dataDir: string;

function gjerde(...args: string[]) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin/gjerde.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, GJERDE_DATA: dataDir, LOG_LEVEL: 'silent' },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function head(): string {
  return execFileSync('git', ['-C', dataDir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gjerde-cli-'));
  dataDir = join(root, 'store');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('gjerde CLI', () => {
  it('explains itself in Norwegian', () => {
    const { code, out } = gjerde('--help');
    expect(code).toBe(0);
    expect(out).toContain('validate');
    expect(out).toContain('vis hjelp');
  });

  it('lists the example agreements (seeding the data repository on first use)', () => {
    const { code, out } = gjerde('list');
    expect(code).toBe(0);
    expect(out).toMatch(/^fjordvik-ramme\t.*\ti kraft\t/m);
    expect(out).toMatch(/^strandby-lokal\t/m);
  });

  it('shows an agreement as in force on a date', () => {
    const { code, out } = gjerde('show', 'fjordvik-ramme', '--at', '2018-06-01');
    expect(code).toBe(0);
    expect(out).toContain('gyldig-fra: 2017-01-01');
  });

  it('refuses a malformed date and an unknown agreement with a non-zero exit', () => {
    expect(gjerde('show', 'fjordvik-ramme', '--at', '2018-13-01')).toMatchObject({ code: 1 });
    const unknown = gjerde('show', 'finnes-ikke');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Fant ingen avtale');
  });

  it('validates files and reports file:line:col, exiting non-zero on errors', async () => {
    const good = gjerde('validate', join(projectRoot, 'agreements/fjordvik-ramme/2025-06-23.md'));
    expect(good.code).toBe(0);
    const bad = join(root, 'bad.md');
    await writeFile(bad, '---\nid: x\ntittel: T\n---\n\n# T\n');
    const result = gjerde('validate', bad);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:5: feil: Ugyldig avtale-id`),
    );
    expect(result.out).toContain('feil: Metadata mangler «type»');
  });

  it('creates an agreement from a template and answers, as one commit with the reason', () => {
    const before = head();
    const { code, out, err } = gjerde(
      'new',
      '--template',
      'ramme',
      '--answers',
      join(projectRoot, 'templates/ramme/example-answers.yaml'),
      '--reason',
      'Første utkast fra malen',
      '--author',
      'Kari Nordmann <kari@example.org>',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('Lagret');
    const log = execFileSync('git', ['-C', dataDir, 'log', '-1', '--format=%an|%ae|%s'], {
      encoding: 'utf8',
    }).trim();
    expect(log).toBe('Kari Nordmann|kari@example.org|Første utkast fra malen');
    expect(head()).not.toBe(before);
  });

  it('refuses the same id twice, an unknown template and invalid answers, writing nothing', async () => {
    const before = head();
    const answers = join(projectRoot, 'templates/ramme/example-answers.yaml');
    const again = gjerde('new', '--template', 'ramme', '--answers', answers, '--reason', 'På nytt');
    expect(again.code).toBe(1);
    expect(again.err).toContain('finnes allerede');
    const unknown = gjerde('new', '--template', 'finnes-ikke', '--answers', answers, '--reason', 'x');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Fant ingen mal');
    const badAnswers = join(root, 'bad-answers.yaml');
    await writeFile(badAnswers, 'id: ../x\nukjent: 1\n');
    const invalid = gjerde('new', '--template', 'ramme', '--answers', badAnswers, '--reason', 'x');
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain('ukjent');
    expect(head()).toBe(before);
  });
});
