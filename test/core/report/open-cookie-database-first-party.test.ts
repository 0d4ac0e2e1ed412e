/**
 * An Open Cookie Database row whose Domain cell has an empty alternative ("google-analytics.com
 * (3rd party) or ": the site's own domain) describes the cookie on the portal too: ga.js's
 * __utmv set before the choice is the high statistics finding its sibling __utma makes, not a
 * medium "unknown cookie".
 */
import { describe, expect, it } from 'vitest';
import { parseCharter } from '../../../src/core/charter/index.ts';
import { auditSite, playSite } from '../../support/charter-audit.ts';

const HOST = 'demo.opendatasoft.com';
const CHARTER = `## Cookies

### Strictly necessary cookies

| Supplier name | Cookie name | Duration | Function |
|---|---|---|---|
| Huwise | sessionid | 2 weeks | Session |
`;

describe('a first-party cookie the Open Cookie Database binds to "x.com (3rd party) or "', () => {
  it('set before the choice, is a high statistics finding, like its sibling', () => {
    const site = playSite(HOST, [
      { name: '__utma', days: 700, domain: `.${HOST}` },
      { name: '__utmv', days: 700, domain: `.${HOST}` },
    ]);
    const report = auditSite(site, parseCharter(CHARTER));
    const beforeChoice = report.findings.filter((finding) => finding.kind === 'before-consent');
    expect(beforeChoice.map((finding) => [finding.cookie, finding.severity, finding.evidence])).toEqual([
      ['__utma', 'high', 'statistics cookie (Google Analytics) set before the visitor chose'],
      ['__utmv', 'high', 'statistics cookie (Google Analytics) set before the visitor chose'],
    ]);
  });
});
