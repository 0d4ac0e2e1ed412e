/**
 * A charter listing a third party's `sessionid` (Disqus, under "Cookies tiers") before the
 * platform's own necessary row: the portal's own sessionid answers to the necessary row, so its
 * 14 days are judged against "2 semaines", not Disqus's "Session" (a false lifetime finding).
 */
import { describe, expect, it } from 'vitest';
import { parseCharter } from '../../../src/core/charter/index.ts';
import { auditSite, playSite } from '../../support/charter-audit.ts';

const HOST = 'demo.opendatasoft.com';
const CHARTER = `# Charte cookies

## Cookies tiers

| Nom du prestataire | Nom du cookie | Durée | Finalité |
|---|---|---|---|
| Disqus | sessionid, disqus_unique | Session | Commentaires |

## Cookies nécessaires au bon fonctionnement

| Nom du prestataire | Nom du cookie | Durée | Finalité |
|---|---|---|---|
| Huwise | sessionid | 2 semaines | Authentification |
| Huwise | csrftoken | 12 mois | Sécurité |
`;

describe('the portal’s own sessionid beside a third party’s row of that name listed first', () => {
  it('answers to the necessary row, with no lifetime finding', () => {
    const site = playSite(HOST, [
      { name: 'sessionid', days: 14 },
      { name: 'csrftoken', days: 364 },
    ]);
    const report = auditSite(site, parseCharter(CHARTER));
    const sessionid = report.cookies.find((cookie) => cookie.name === 'sessionid')!;
    expect([sessionid.provider, sessionid.category, sessionid.duration]).toEqual(['Huwise', 'necessary', '2 semaines']);
    expect(report.findings.filter((finding) => finding.cookie === 'sessionid' && finding.kind !== 'not-seen')).toEqual([]);
  });

  it('while a Disqus frame’s sessionid answers to the third-party row', () => {
    const site = playSite(HOST, [
      { name: 'sessionid', days: 14 },
      { name: 'sessionid', days: null, domain: '.disqus.com', context: { via: 'frame' } },
    ]);
    const report = auditSite(site, parseCharter(CHARTER));
    const framed = report.cookies.find((cookie) => cookie.name === 'sessionid' && cookie.thirdParty !== null)!;
    expect([framed.provider, framed.category, framed.duration]).toEqual(['Disqus', 'third-party', 'Session']);
  });
});

describe('the portal’s own csrftoken, declared by a necessary prefix, beside a third party’s exact csrftoken', () => {
  const prefixCharter = `# Charte cookies

## Cookies nécessaires au bon fonctionnement

| Nom du prestataire | Nom du cookie | Durée | Finalité |
|---|---|---|---|
| Huwise | sessionid | 2 semaines | Authentification |
| Huwise | csrf* | 12 mois | Sécurité |

## Cookies tiers

| Nom du prestataire | Nom du cookie | Durée | Finalité |
|---|---|---|---|
| Widget | csrftoken | Session | Formulaire intégré |
`;

  it('answers to the prefix, with no lifetime finding', () => {
    const site = playSite(HOST, [
      { name: 'sessionid', days: 14 },
      { name: 'csrftoken', days: 364 },
    ]);
    const report = auditSite(site, parseCharter(prefixCharter));
    const csrftoken = report.cookies.find((cookie) => cookie.name === 'csrftoken')!;
    expect([csrftoken.provider, csrftoken.category, csrftoken.duration]).toEqual(['Huwise', 'necessary', '12 mois']);
    expect(report.findings.filter((finding) => finding.cookie === 'csrftoken' && finding.kind === 'lifetime')).toEqual([]);
  });

  it('while a widget frame’s csrftoken answers to the third-party row', () => {
    const site = playSite(HOST, [{ name: 'csrftoken', days: null, domain: 'widget.example.net', context: { via: 'frame' } }]);
    const report = auditSite(site, parseCharter(prefixCharter));
    const framed = report.cookies.find((cookie) => cookie.name === 'csrftoken')!;
    expect([framed.provider, framed.category, framed.duration]).toEqual(['Widget', 'third-party', 'Session']);
  });
});
