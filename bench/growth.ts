/**
 * Growth from scale 1 to the scale of the run (`--scale 10`): the scale-1 corpus is generated in the same
 * run, and cold build, in-process p99 (the same questions, drawn for scale 1) and the RSS of the service as
 * `npm start` runs it are measured on it as on the large one, so the ratios come from one run.
 */
import { corpusPath, generateCorpus } from './corpus.js';
import { mb, ms, type Section } from './harness.js';
import { coldLookup } from './lookup.js';
import { benchQuestions } from './questions.js';
import { builtServiceRss } from './service.js';

export const growthSection: Section = {
  name: 'growth',
  needs: ['lookup-build', 'lookup-latency', 'service'],
  description: 'Vekst fra skala 1 til skalaen i kjøringen (bare med --scale over 1): bygging, RSS, p99',
  async run(context) {
    if (context.scale === 1) {
      context.log('Vekst: bare med --scale over 1');
      return;
    }
    const large = {
      buildMs: context.shared.get('lookup.buildMs') as number | undefined,
      p99: context.shared.get('lookup.p99') as number | undefined,
      rss: context.shared.get('service.rss') as number | undefined,
    };
    context.log('Vekst: lager korpuset i skala 1 …');
    const small = await generateCorpus(corpusPath(context.root, 1), { scale: 1, onProgress: context.log });
    const lookup = await coldLookup(small.dir, benchQuestions(small, 1000));
    const { rss } = await builtServiceRss(context, small.dir);
    const rows: [string, number | undefined, number, number, (value: number) => string][] = [
      ['kald indeksbygging', large.buildMs, lookup.buildMs, 10, ms],
      ['RSS, som npm start kjører den', large.rss, rss, 5, mb],
      ['svartid i prosessen p99', large.p99, lookup.p99, 5, ms],
    ];
    for (const [measure, big, one, limit, unit] of rows) {
      if (big === undefined) continue;
      const growth = big / one;
      context.report({
        section: 'vekst',
        measure: `${measure}, skala 1 → ${context.scale}`,
        value: `${growth.toFixed(1)} × (${unit(one)} → ${unit(big)})`,
        target: limit === 10 ? '≤ 10 ×' : 'godt under 10 × (≤ 5 ×)',
        met: growth <= limit,
      });
    }
  },
};
