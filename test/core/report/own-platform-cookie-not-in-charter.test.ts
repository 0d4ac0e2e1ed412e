/**
 * A portal's charter listing three of the platform's four cookies: the portal's own
 * django_language (a year) is not declared, and is described as the platform's published policy
 * describes it (platform-default.ts), not as the Open Cookie Database's generic Django session cookie.
 */
import { describe, expect, it } from 'vitest';
import { parseCharter } from '../../../src/core/charter/index.ts';
import { auditSite, playSite } from '../../support/charter-audit.ts';

const HOST = 'demo.opendatasoft.com';
const CHARTER = `## Cookies

Strictly necessary cookies: These cookies are necessary for the portal to work.

| Supplier name | Cookie name | Duration | Function |
|---|---|---|---|
| Huwise | sessionid | 2 weeks by default | Authentication |
| Huwise | csrftoken | Up to 12 months | Security |
| Huwise | cookies_preferences | 6 months | Cookie preferences |
`;

describe("the portal's own django_language, not in its charter", () => {
  const site = playSite(HOST, [
    { name: 'sessionid', days: 14 },
    { name: 'django_language', days: 365 },
  ]);
  const report = auditSite(site, parseCharter(CHARTER));

  it("is described in the platform's words, and still not declared", () => {
    const row = report.cookies.find((cookie) => cookie.name === 'django_language')!;
    expect(row).toMatchObject({
      status: 'undeclared',
      provider: 'Huwise',
      duration: '12 months',
      category: 'necessary',
      source: 'known-tracker',
      reference: { kind: 'platform-default', cookie: 'django_language' },
    });
    expect(row.purpose).toMatch(/^Language: /);
  });

  it('makes the same "not in the charter" finding, naming the platform', () => {
    const findings = report.findings.filter((finding) => finding.cookie === 'django_language');
    expect(findings.map((finding) => [finding.kind, finding.severity])).toEqual([['undeclared', 'medium']]);
    expect(findings[0]!.detail).toMatchObject({ provider: 'Huwise', category: 'necessary' });
  });
});
