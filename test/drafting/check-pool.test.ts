/**
 * The check pool runs the checks in worker threads: the same answers as in this thread, a text beyond the
 * limits refused without a worker, and a check over its time budget stopped and answered with a message.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { projectRoot } from '../../src/config.js';
import { analyze, checkContext } from '../../src/drafting/checks/analyze.js';
import { CheckPool } from '../../src/drafting/checks/check-pool.js';
import { parseAgreement, toCanonicalMarkdown } from '../../src/format/processor.js';

jest.setTimeout(120_000);

const example = readFileSync(join(projectRoot, 'agreements/fjordvik-ramme/2025-06-23.md'), 'utf8');
const frontMatter = example.slice(0, example.indexOf('\n---\n') + 5);
const context = checkContext(undefined, 'ramme');
const pools: CheckPool[] = [];

function pool(options: ConstructorParameters<typeof CheckPool>[0] = {}): CheckPool {
  const created = new CheckPool({ threads: 1, ...options });
  pools.push(created);
  return created;
}

afterAll(async () => {
  await Promise.all(pools.map((created) => created.close()));
});

describe('the check pool', () => {
  it('gives the same analysis and verdict as a check in this thread', async () => {
    const checks = pool();
    const broken = example.replace('ansvarlig=nav-fjordvik', 'ansvarlig=finnes-ikke');
    expect(await checks.analyze(example, context)).toEqual(analyze(example, context));
    expect(await checks.analyze(broken, context, 'x.md')).toEqual(analyze(broken, context, 'x.md'));
    // A valid text comes back as this thread would save it: canonical, with its metadata.
    const parsed = parseAgreement(example);
    expect(await checks.validate(example)).toEqual({
      ok: true,
      messages: [],
      saveable: { canonical: toCanonicalMarkdown(parsed), meta: parsed.agreement.meta },
    });
    const verdict = await checks.validate(broken);
    expect(verdict.ok).toBe(false);
    expect(verdict.messages).toContainEqual(
      expect.objectContaining({ severity: 'error', rule: 'unknown-party' }),
    );
  });

  it('refuses a text beyond the limits with the limit’s message', async () => {
    const verdict = await pool().validate(`${frontMatter}${'*a'.repeat(60_000)}\n`);
    expect(verdict.ok).toBe(false);
    expect(verdict.messages).toEqual([
      expect.objectContaining({
        rule: 'too-large',
        column: 5001,
        message: expect.stringMatching(/^Linjen er for lang/),
      }),
    ]);
  });

  it('stops a check over its time budget and says so; the pool goes on checking', async () => {
    // One millisecond from when the worker starts it: a text at the line limit takes far longer to parse.
    const hurried = pool({ budgetMs: 1 });
    const large = `${frontMatter}${'- punkt\n'.repeat(3_900)}`;
    const analysis = await hurried.analyze(large, context);
    expect(analysis.ok).toBe(false);
    expect(analysis.messages).toContainEqual(
      expect.objectContaining({
        line: 1,
        column: 1,
        severity: 'error',
        message: expect.stringMatching(/^Avtaleteksten tok for lang tid å lese \(over 1 sekund\)/),
      }),
    );
    expect(analysis.agreement.meta.id).toBe('fjordvik-ramme');
    const verdict = await hurried.validate(large);
    expect(verdict.messages).toContainEqual(expect.objectContaining({ rule: 'too-large', line: 1 }));
  });
});
