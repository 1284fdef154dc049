/**
 * A draft sent to a party nobody can approve for waits for ever. A county leader who sent a new local agreement
 * to «NAV Havbyen», an office no account approved for, saw only «Venter» beside it; the administrators were told
 * on «Brukere», the sender not. The approval page now says it under the parties. Real HTTP on the seeded
 * examples: only Rita (an editor for Fjordvik) and Kari (NAV Fjordvik's approver) have accounts here, so nobody
 * approves for Fjordvik fylkeskommune.
 */
import { describe, expect, it } from '@jest/globals';
import { testGjerdeWithPeople } from '../helpers/gjerde.js';

const server = testGjerdeWithPeople(['redaktor', 'kari']);
const { redaktor, kari } = server.people;

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

describe('a party nobody can approve for', () => {
  it('is said on the approval page, to the sender and to the other party’s approver', async () => {
    // The seeded draft of Fjordvik's OT–NAV sub-agreement, from 2027: NAV Fjordvik and the county approve it.
    await redaktor.post('/api/agreements/fjordvik-ot-nav/submit').send({}).expect(200);
    const sender = text((await redaktor.get('/avtaler/fjordvik-ot-nav/godkjenn?sendt=1').expect(200)).text);
    expect(sender).toContain(
      'Ingen i Gjerde kan godkjenne for Fjordvik fylkeskommune ennå, så avtalen kan ikke bli godkjent. Be en administrator gi noen rollen godkjenner for parten på «Brukere».',
    );
    // NAV Fjordvik has Kari: not named as missing.
    expect(sender).not.toContain('godkjenne for NAV Fjordvik');
    const approver = text((await kari.get('/avtaler/fjordvik-ot-nav/godkjenn').expect(200)).text);
    expect(approver).toContain('Ingen i Gjerde kan godkjenne for Fjordvik fylkeskommune ennå');
    // NAV's approval given, the county's is still missing: the notice stays.
    await kari
      .post('/api/agreements/fjordvik-ot-nav/approvals')
      .send({ role: 'Direktør', party: 'nav-fjordvik' })
      .expect(201);
    const after = text((await kari.get('/avtaler/fjordvik-ot-nav/godkjenn').expect(200)).text);
    expect(after).toContain('Ingen i Gjerde kan godkjenne for Fjordvik fylkeskommune ennå');
  });

  it('is not said of an agreement that awaits nobody', async () => {
    const page = text((await redaktor.get('/avtaler/strandby-lokal/godkjenn').expect(200)).text);
    expect(page).not.toContain('Ingen i Gjerde kan godkjenne');
  });
});
