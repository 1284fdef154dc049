import { describe, expect, it, jest } from '@jest/globals';
import { foldRedline, type Redline, redline, toHunks } from '../../src/history/redline.js';
import { unrelatedWords } from './helpers.js';

function oldText(result: Redline): string {
  return result.blocks
    .flatMap((block) => block.parts.filter((part) => part.op !== 'ins').map((part) => part.text))
    .join('');
}

function newText(result: Redline): string {
  return result.blocks
    .flatMap((block) => block.parts.filter((part) => part.op !== 'del').map((part) => part.text))
    .join('');
}

function changes(result: Redline): string[] {
  return result.blocks.flatMap((block) =>
    block.parts
      .filter((part) => part.op !== 'same')
      .map((part) => `${part.op === 'ins' ? '+' : '-'}${part.text}`),
  );
}

const lines = (count: number, prefix = 'Linje') =>
  Array.from({ length: count }, (_, index) => `${prefix} ${index + 1}.\n`).join('');

describe('redline: line, then word', () => {
  it('marks exactly the changed words inside a changed line', () => {
    const a = 'Første linje.\nUngdom mellom 15 og 21 år som ikke er i opplæring.\nSiste linje.\n';
    const b =
      'Første linje.\nUngdom mellom 15 og 24 år som ikke er i opplæring eller arbeid.\nSiste linje.\n';
    const result = redline(a, b);
    expect(result.status).toBe('ok');
    expect(changes(result)).toEqual(['-21', '+24', '+ eller arbeid']);
    expect(result.stats).toEqual({ inserted: 3, deleted: 1, changes: 1 });
    const change = result.blocks.find((block) => block.kind === 'change');
    expect(change).toMatchObject({ fromLine: 2, toLine: 2, fromLines: 1, toLines: 1, wordLevel: true });
  });

  it('is lossless: the old parts give the old text and the new parts the new text, byte for byte', () => {
    const a = `${lines(30)}Ansvarlig: Fjordvik fylkeskommune.\n${lines(10, 'Mer')}  innrykk\tog tab\nSlutt uten linjeskift`;
    const b = `${lines(29)}Ny linje her.\nAnsvarlig: NAV Fjordvik.\n${lines(10, 'Mer')}  innrykk  og tab\nSlutt uten linjeskift, men lengre`;
    const result = redline(a, b);
    expect(oldText(result)).toBe(a);
    expect(newText(result)).toBe(b);
  });

  it('reports pure insertions and deletions of whole lines with their line numbers', () => {
    const a = 'a\nb\nc\n';
    const b = 'a\nny\nb\n';
    const result = redline(a, b);
    expect(changes(result)).toEqual(['+ny\n', '-c\n']);
    const [, inserted, , deleted] = result.blocks;
    expect(inserted).toMatchObject({ kind: 'change', fromLine: 2, toLine: 2, fromLines: 0, toLines: 1 });
    expect(deleted).toMatchObject({ kind: 'change', fromLine: 3, toLine: 4, fromLines: 1, toLines: 0 });
  });

  it('says identical texts are identical', () => {
    expect(redline('samme\n', 'samme\n')).toMatchObject({
      status: 'identical',
      stats: { inserted: 0, deleted: 0, changes: 0 },
    });
  });

  // Smaller than the default (which would take about a second of CPU here), the same for every run.
  const budget = 1000;

  it('gives up on two unrelated 10,000-word texts within its work budget, with a Norwegian message', () => {
    const result = redline(unrelatedWords(10_000, 'q'), unrelatedWords(10_000, 'z'), budget);
    expect(result.status).toBe('too-different');
    expect(result.blocks).toEqual([]);
    expect(result.message).toMatch(/^Versjonene er for ulike til å vise endringene ord for ord\. /);
  });

  const partialPair = () => {
    const shared = lines(2000, 'Felles');
    return {
      a: `${shared}${unrelatedWords(3000, 'q')}\n${lines(5, 'Midt')}Ansvarlig er OT.\n`,
      b: `${shared}${unrelatedWords(3000, 'z')}\n${lines(5, 'Midt')}Ansvarlig er NAV.\n`,
    };
  };

  it('keeps the word-level redline of the rest when one block is too different (partial)', () => {
    const { a, b } = partialPair();
    const result = redline(a, b, budget);
    expect(result.status).toBe('partial');
    expect(result.message).toMatch(/for ulike til å vise ord for ord/);
    expect(oldText(result)).toBe(a);
    expect(newText(result)).toBe(b);
    const changed = result.blocks.filter((block) => block.kind === 'change');
    expect(changed.map((block) => block.wordLevel)).toEqual([false, true]);
    expect(changes(result).slice(-2)).toEqual(['-OT', '+NAV']);
  });

  it('counts work, not time: the same pair gives the same redline however slow the machine is', () => {
    const { a, b } = partialPair();
    const quiet = redline(a, b, budget);
    // A loaded machine, as a clock that jumps ten seconds at every look: a budget in time would give up.
    let now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => {
      now += 10_000;
      return now;
    });
    const steady = jest.spyOn(performance, 'now').mockImplementation(() => {
      now += 10_000;
      return now;
    });
    try {
      expect(redline(a, b, budget)).toEqual(quiet);
    } finally {
      clock.mockRestore();
      steady.mockRestore();
    }
  });

  it('compares a rewritten block word by word when it is within the budget, and not when it is beyond', () => {
    const a = `Før.\n${unrelatedWords(300, 'q')}\nEtter.\n`;
    const b = `Før.\n${unrelatedWords(300, 'z')}\nEtter.\n`;
    // 300 words replaced by 300 others: about 600 tokens apart.
    expect(redline(a, b, 2000).blocks.find((block) => block.kind === 'change')?.wordLevel).toBe(true);
    expect(redline(a, b, 400).status).toBe('too-different');
  });
});

describe('folding unchanged stretches', () => {
  const a = `${lines(20)}Ansvarlig: OT.\n${lines(20, 'Etter')}`;
  const b = `${lines(20)}Ansvarlig: NAV.\n${lines(20, 'Etter')}`;
  const segments = foldRedline(redline(a, b), 3);

  it('keeps three lines of context on each side of a change and folds the rest', () => {
    expect(segments.map((segment) => segment.kind)).toEqual([
      'folded',
      'context',
      'change',
      'context',
      'folded',
    ]);
    expect(segments[0]).toMatchObject({ kind: 'folded', lines: 17, fromLine: 1 });
    expect(segments[1]).toMatchObject({
      kind: 'context',
      text: 'Linje 18.\nLinje 19.\nLinje 20.\n',
      fromLine: 18,
    });
    expect(segments[3]).toMatchObject({ kind: 'context', text: 'Etter 1.\nEtter 2.\nEtter 3.\n' });
    expect(segments[4]).toMatchObject({ kind: 'folded', lines: 17, fromLine: 25 });
  });

  it('gives API hunks with their context and line ranges, like a unified diff', () => {
    const hunks = toHunks(segments);
    expect(hunks).toHaveLength(1);
    expect(hunks[0]).toMatchObject({ fromLine: 18, fromLines: 7, toLine: 18, toLines: 7 });
    expect(hunks[0]?.parts.filter((part) => part.op !== 'same')).toEqual([
      { op: 'del', text: 'OT' },
      { op: 'ins', text: 'NAV' },
    ]);
  });

  it('does not fold a stretch of one or two lines between changes', () => {
    const result = foldRedline(redline('a\nx\nb\nc\ny\n', 'a\nX\nb\nc\nY\n'), 3);
    expect(result.some((segment) => segment.kind === 'folded')).toBe(false);
  });
});
