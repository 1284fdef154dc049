/**
 * The example agreements a first start seeds are approved the way Gjerde records an approval: every approved
 * revision names, on its own commit, who approved it for each party that had to (every top-level party of
 * that version and of the approved version before it), in what role and on which day, given for that text
 * and not copied from an earlier version; drafts name nobody. An auditor reading the history API or page
 * never meets an «approved» revision that nobody approved. Real git (the store Gjerde's start seeds), real HTTP.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { today } from '../../src/format/dates.js';
import { testGjerdeForFile } from '../helpers/gjerde.js';

const server = testGjerdeForFile();

interface RevisionJson {
  rev: string;
  date: string;
  kind: 'draft' | 'approved' | 'retired' | 'deleted';
  path: string;
  approval: {
    complete: boolean;
    approvals: { name: string; role: string; party: string; date: string }[];
  } | null;
}

/** The top-level parties (those that approve) of the file at a revision, read with git, not with Gjerde. */
function approvingParties(rev: string, path: string): string[] {
  const text = execFileSync('git', ['-C', server.dataDir, 'show', `${rev}:${path}`], { encoding: 'utf8' });
  const meta = parse(text.split(/^---$/m)[1] as string) as { parter: { id: string; 'del-av'?: string }[] };
  return meta.parter.filter((party) => party['del-av'] === undefined).map((party) => party.id);
}

describe('approvals of the seeded example agreements', () => {
  it('every approved revision has complete approvals of its own, dated, and no draft has any', async () => {
    const { agreements } = (await server.reader.get('/api/agreements').expect(200)).body as {
      agreements: { id: string }[];
    };
    const ids = agreements.map((agreement) => agreement.id);
    expect(ids).toContain('fjordvik-ot-nav');
    let approvedRevisions = 0;
    for (const id of ids) {
      const history = (await server.reader.get(`/api/agreements/${id}/history`).expect(200)).body as {
        revisions: RevisionJson[];
      };
      let approvedBefore: { parties: string[]; day: string } | undefined;
      for (const revision of [...history.revisions].reverse()) {
        const where = `${id} ${revision.date}`;
        if (revision.kind === 'draft') {
          expect({ where, approval: revision.approval }).toEqual({ where, approval: null });
          continue;
        }
        approvedRevisions += 1;
        const parties = approvingParties(revision.rev, revision.path);
        const required = [...new Set([...(approvedBefore?.parties ?? []), ...parties])].sort();
        const approvals = revision.approval?.approvals ?? [];
        expect({ where, complete: revision.approval?.complete }).toEqual({ where, complete: true });
        expect({ where, parties: approvals.map((approval) => approval.party).sort() }).toEqual({
          where,
          parties: required,
        });
        const day = revision.date.slice(0, 10);
        for (const approval of approvals) {
          expect(approval.name.trim()).not.toBe('');
          expect(approval.role.trim()).not.toBe('');
          // Given for this text: not after it was saved, and not an earlier version's approval copied.
          expect({ where, before: approval.date <= day }).toEqual({ where, before: true });
          if (approvedBefore)
            expect({ where, after: approval.date > approvedBefore.day }).toEqual({ where, after: true });
        }
        approvedBefore = { parties, day };
      }
    }
    expect(approvedRevisions).toBeGreaterThan(30);
  });

  it('the approval page names each party’s approver, and gives no one the version’s reason as a comment', async () => {
    const page = await server.reader.get('/avtaler/fjordvik-ramme/godkjenn').expect(200);
    expect(page.text).toContain('Per Olav Vik, Direktør, NAV Fjordvik');
    // The reason of the replayed commit that recorded both approvals at once.
    expect(page.text).not.toContain('Tillegget om tilrettelagt fag- og yrkesopplæring');
    expect(page.text).not.toMatch(/<td class="approvals-table__comment">(?!<span class="muted">)/);
  });

  it('the agreement page’s banner says who approved the version once, without «(godkjent)» after it', async () => {
    const page = await server.reader.get('/avtaler/fjordvik-ot-nav').query({ at: today() }).expect(200);
    expect(page.text).toMatch(/Versjonen er godkjent av [^<]+, gyldig /);
    expect(page.text).not.toContain('(godkjent), gyldig');
  });

  // Found testing as an auditor: the replayed commit that recorded the approvals of 6 June also saved the text,
  // on 10 June, and the history said «Teksten er skrevet av … 10. juni 2024»: written after it was approved.
  it('a version whose text was saved with its approvals says so, on the history and the agreement page', async () => {
    const saved = 'Teksten ble lagret sammen med godkjenningen av Hilde Marie Storli 10. juni 2024';
    const history = await server.reader.get('/avtaler/lyngmark-ramme/historikk').expect(200);
    expect(history.text).toContain(saved);
    expect(history.text).not.toContain('Teksten er skrevet av Hilde Marie Storli 10. juni 2024');
    const version = await server.reader
      .get('/avtaler/lyngmark-ramme')
      .query({ at: '2024-09-01' })
      .expect(200);
    expect(version.text).toContain(saved);
  });

  // The approvers approved the version; the heading above says who saved it.
  it('a clause’s history says who approved a version saved as approved, not that they saved it', async () => {
    const page = await server.reader.get('/avtaler/lyngmark-ramme/punkter/unge-voksne/historikk').expect(200);
    expect(page.text).toContain(
      'Lagret som godkjent versjon, godkjent av Hilde Marie Storli for NAV Lyngmark (6. juni 2024) og Tor Arne Bekkevold for Lyngmark fylkeskommune (6. juni 2024), gyldig fra 1. august 2024.',
    );
  });

  it('the history page says who approved a seeded version for which party', async () => {
    const page = await server.reader.get('/avtaler/fjordvik-ot-nav/historikk').expect(200);
    expect(page.text).toContain('Godkjent av Elin Moe for NAV Fjordvik');
    expect(page.text).toContain('Guro Lien for Fjordvik fylkeskommune');
  });
});
