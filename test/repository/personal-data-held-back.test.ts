/**
 * A text held back for a fødselsnummer, as the stranger met it: Gjerde itself had committed it (before saving
 * read the text as written), so `gjerde verify` must not say it was changed outside Gjerde, and its editor
 * must be able to open the source and correct it in Gjerde. The commit is made here with plain git, as
 * Gjerde makes its commits (committer Gjerde, author the editor); a commit by someone else is still called
 * a change outside Gjerde.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { maskedNationalId } from '../../src/domain/personal-data.js';
import { COMMITTER } from '../../src/store/store.js';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';
import { cli, commitByHand, git } from './helpers.js';

jest.setTimeout(120_000);

/** The stranger's generated fødselsnummer (valid check digits). */
const number = '15080510044';
const sentence = 'Gjelder eleven';
const editor = { name: 'Rita Redaktør', email: 'rita@fjordvik.example' };

/** fjordvik-ramme with «Gjelder eleven <number>.» after its first clause's opening line, and where it stands. */
function withNumber(dataDir: string): { text: string; line: number; column: number } {
  const lines = git(dataDir, ['show', 'HEAD:avtaler/fjordvik-ramme.md']).split('\n');
  const at = lines.findIndex((text) => text.startsWith(':::ansvar')) + 1;
  lines.splice(at + 1, 0, `${sentence} ${number}.`, '');
  return { text: lines.join('\n'), line: at + 2, column: sentence.length + 2 };
}

const head = (dataDir: string) => git(dataDir, ['rev-parse', 'HEAD']).trim();

describe('a held-back text Gjerde committed itself', () => {
  const server = testGjerdeWithPeople(['redaktor']);
  let held: { line: number; column: number };

  it('is not called a change outside Gjerde by gjerde verify', async () => {
    const { text, line, column } = withNumber(server.dataDir);
    held = { line, column };
    await writeFile(join(server.dataDir, 'avtaler/fjordvik-ramme.md'), text);
    git(server.dataDir, ['commit', '-q', '-am', 'Nytt mål'], {
      GIT_AUTHOR_NAME: editor.name,
      GIT_AUTHOR_EMAIL: editor.email,
      GIT_COMMITTER_NAME: COMMITTER.name,
      GIT_COMMITTER_EMAIL: COMMITTER.email,
    });
    const verify = cli(server.dataDir, 'verify');
    expect(verify.code).toBe(1);
    expect(verify.out).not.toContain('endret utenom Gjerde');
    expect(verify.out).not.toContain('Endret utenom Gjerde');
    expect(verify.out).toContain('Teksten er holdt tilbake');
    expect(verify.out).toContain(`Lagret i Gjerde av ${editor.name}`);
    expect(verify.out).toContain(
      `avtaler/fjordvik-ramme.md:${line}:${column}: Her står det som ser ut som et fødselsnummer`,
    );
    expect(verify.out + verify.err).not.toContain(number);
  });

  it('opens on the edit page as its source with the number masked', async () => {
    const page = (await server.people.redaktor.get('/avtaler/fjordvik-ramme/rediger').expect(200)).text;
    expect(page).not.toContain(number);
    expect(page).not.toContain('# Teksten er holdt tilbake');
    expect(page).toContain(`${sentence} ${maskedNationalId}.`);
    expect(page).toContain(':::ansvar');
  });

  it('refuses saving while the mask is there, and saves the corrected text', async () => {
    const baseRev = head(server.dataDir);
    const stored = git(server.dataDir, ['show', 'HEAD:avtaler/fjordvik-ramme.md']);
    const masked = stored.replace(number, maskedNationalId);
    const refused = await server.people.redaktor
      .put('/api/agreements/fjordvik-ramme')
      .send({ markdown: masked, baseRev, reason: 'Rettet' })
      .expect(422);
    expect(refused.body.messages).toEqual([expect.objectContaining({ ...held, rule: 'personal-data' })]);
    expect(head(server.dataDir)).toBe(baseRev);
    const corrected = masked.replace(`${sentence} ${maskedNationalId}.\n\n`, '');
    const saved = await server.people.redaktor
      .put('/api/agreements/fjordvik-ramme')
      .send({ markdown: corrected, baseRev, reason: 'Fjernet et fødselsnummer' });
    expect({ status: saved.status, body: saved.body.error }).toEqual({ status: 200, body: undefined });
    expect(head(server.dataDir)).not.toBe(baseRev);
    const page = (await server.people.redaktor.get('/avtaler/fjordvik-ramme').expect(200)).text;
    expect(page).not.toContain('Teksten er holdt tilbake');
    expect(page).not.toContain(number);
  });
});

describe('a held-back text committed outside Gjerde', () => {
  const server = testGjerdeWithPeople(['redaktor']);

  it('is called a change outside Gjerde, with the commit that made it', async () => {
    const rev = await commitByHand(
      server.dataDir,
      { 'avtaler/fjordvik-ramme.md': withNumber(server.dataDir).text },
      'La inn en sak',
    );
    const verify = cli(server.dataDir, 'verify');
    expect(verify.code).toBe(1);
    expect(verify.out).toContain('(endret utenom Gjerde)');
    expect(verify.out).toContain(`Endret utenom Gjerde (commit ${rev.slice(0, 7)} av Mona Migrator`);
    expect(verify.out + verify.err).not.toContain(number);
  });
});
