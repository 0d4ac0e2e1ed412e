// The portal's own cookie of a platform name (sessionid, csrftoken, django_language,
// cookies_preferences) is not declared by a row of the charter's third-party section that names
// another provider (Disqus's `sessionid`: another site's, in a frame), the mirror of embedded
// content's cookie of such a name never being declared by the portal's own rows
// (core/registry/match.ts). The report says of it exactly what it says with that row absent.
// A third-party row that names the platform itself (Opendatasoft, Huwise, any case) still declares it.
import { describe, it, expect } from 'vitest';
import { parseCharter } from '../../../src/core/charter/index.ts';
import { emptySite, recordCookieChange } from '../../../src/core/cookies/site-record.ts';
import { buildBundledRegistry } from '../../../src/core/registry/bundled.ts';
import { bundledOpenCookieDatabaseRows } from '../../../src/core/registry/bundled-open-cookie-database.ts';
import { withSiteCharter } from '../../../src/core/registry/registry.ts';
import { buildReport, type Report } from '../../../src/core/report/report.ts';
import { PLATFORM_COOKIE_NAMES } from '../../../src/core/report/platform-cookies.ts';
import { browserCookie } from '../../support/cookies.ts';

const NOW = 1_700_000_000_000;
const HOST = 'data.example-ville.fr';
const FRAME = 'disqus.com';

/** A charter in the old template whose necessary section omits `omitted`, with `thirdPartyRows` under "Cookies tiers". */
function charterText(omitted: string, thirdPartyRows: string[]): string {
  const necessary = [
    ['csrftoken', 'Récupérer des données via des appels API'],
    ['sessionid', 'Se souvenir de la connexion'],
    ['django_language', 'Se souvenir de la langue'],
    ['cookies_preferences', 'Se souvenir du choix opéré par le visiteur concernant les cookies'],
  ].filter(([name]) => name !== omitted);
  return [
    '## Charte cookies',
    '',
    '#### Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels',
    '',
    'Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités',
    ...necessary.map(([name, purpose]) => `Opendatasoft\tPlateforme (front et back office)\t${name}\t${purpose}`),
    '',
    '#### Cookies tiers',
    '',
    'Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités',
    ...thirdPartyRows,
    '',
  ].join('\n');
}

/** The report of a site whose own `name` cookie (and, when `framed`, a Disqus frame's of the same name) was seen, against the charter. */
function reportOf(text: string, name: string, framed = false): Report {
  const registry = withSiteCharter(buildBundledRegistry(bundledOpenCookieDatabaseRows()), HOST, parseCharter(text), 'live');
  const site = emptySite(HOST, '0');
  recordCookieChange(site, browserCookie({ name, domain: HOST, expirationDate: NOW / 1000 + 14 * 86400 }), false, NOW);
  if (framed) {
    const frameCookie = browserCookie({ name, domain: `.${FRAME}`, hostOnly: false, expirationDate: NOW / 1000 + 86400 });
    recordCookieChange(site, frameCookie, false, NOW, { via: 'frame' });
  }
  return buildReport(site, registry, NOW);
}

const own = (report: Report, name: string) => report.cookies.find((c) => c.name === name && c.thirdParty === null)!;
const ownFindings = (report: Report, name: string) =>
  report.findings.filter((f) => f.cookie === name && f.domain === HOST && f.kind !== 'not-seen');

describe("the portal's own platform cookie and the charter's third-party section", () => {
  it.each(PLATFORM_COOKIE_NAMES)(
    "another provider's third-party %s does not declare the portal's own: as if the row were absent",
    (name) => {
      const withRow = reportOf(
        charterText(name, [`Disqus\tCommentaires (disqus.com)\tdisqus_unique, ${name}\tCommentaires des jeux de données`]),
        name,
      );
      const withoutRow = reportOf(
        charterText(name, ['Disqus\tCommentaires (disqus.com)\tdisqus_unique\tCommentaires des jeux de données']),
        name,
      );
      expect(own(withRow, name).status).toBe('undeclared');
      expect(own(withRow, name).provider).not.toBe('Disqus');
      expect(own(withRow, name)).toEqual(own(withoutRow, name));
      expect(ownFindings(withRow, name)).toEqual(ownFindings(withoutRow, name));
      expect(ownFindings(withRow, name).map((f) => f.kind)).toContain('undeclared');
    },
  );

  it("another provider's third-party prefix does not declare the portal's own either", () => {
    const report = reportOf(charterText('sessionid', ['Disqus\tCommentaires (disqus.com)\tsession*\tCommentaires']), 'sessionid');
    expect(own(report, 'sessionid').status).toBe('undeclared');
  });

  it('the Disqus row still declares the frame’s cookie of that name, and is then seen', () => {
    const report = reportOf(charterText('sessionid', ['Disqus\tCommentaires (disqus.com)\tsessionid\tCommentaires']), 'sessionid', true);
    const framed = report.cookies.find((c) => c.thirdParty !== null)!;
    expect(framed).toMatchObject({ status: 'declared', provider: 'Disqus', category: 'third-party' });
    expect(own(report, 'sessionid').status).toBe('undeclared');
    expect(report.notSeen.map((e) => e.cookie)).not.toContain('sessionid');
  });

  it.each(['Opendatasoft', 'Huwise', 'HUWISE', 'OpenDataSoft', 'opendatasoft.com', 'Huwise (ex-Opendatasoft)'])(
    'a third-party row of the platform’s own provider (%s) still declares the portal’s own cookie',
    (provider) => {
      for (const name of PLATFORM_COOKIE_NAMES) {
        const report = reportOf(charterText(name, [`${provider}\tPlateforme\t${name}\tFonctionnement de la plateforme`]), name);
        expect(own(report, name)).toMatchObject({ status: 'declared', provider, source: 'charter' });
        expect(report.findings.filter((f) => f.cookie === name)).toEqual([]);
      }
    },
  );

  it('with the charter’s necessary row, the portal’s own cookie is declared by it, whichever row comes first', () => {
    const text = charterText('', ['Disqus\tCommentaires (disqus.com)\tsessionid\tCommentaires']).replace(
      '#### Cookies nécessaires',
      '#### Cookies tiers\n\nNom du prestataire\tService et emplacement\tNom du cookies\tFinalités\nDisqus\tCommentaires\tsessionid\tCommentaires\n\n#### Cookies nécessaires',
    );
    const report = reportOf(text, 'sessionid');
    expect(own(report, 'sessionid')).toMatchObject({ status: 'declared', provider: 'Opendatasoft', category: 'necessary' });
    expect(report.findings.filter((f) => f.cookie === 'sessionid' && f.kind !== 'not-seen')).toEqual([]);
  });
});
