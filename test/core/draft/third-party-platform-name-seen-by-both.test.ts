/**
 * A charter files `csrftoken` under third parties only (an embedded widget's). The portal sets its
 * own csrftoken, which that entry declares as well (a site's own cookie answers to any section),
 * and the widget's frame sets its own. The portal's is one of the platform's cookies: its row goes
 * to the strictly necessary ones; the third-party row stays for the widget's, which only the
 * third-party section may declare (core/registry/match.ts). Each row's duration is its own side's.
 *
 * Our model, not a portal seen (no network here): the platform's four cookies and their Django
 * names are ../shared/guides/charter-formats.md's; a frame of another Django site (an embedded
 * widget or player) setting its own cookie of such a name is what browsers would record as
 * embedded content's, and a charter declaring them by a prefix (`csrf*`) or under third parties
 * is a shape the parser reads (README, "Drafting a corrected charter"), not one a bundled charter has.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedCharter } from '../../../src/core/charter/types.ts';
import { draftCharter } from '../../../src/core/draft/charter-draft.ts';
import type { CharterDraft } from '../../../src/core/draft/draft-types.ts';
import type { Report } from '../../../src/core/report/report.ts';
import { auditSite, playSite, type PlayedCookie } from '../../support/charter-audit.ts';
import { cookieAnswers, findingLabels, reaudit } from '../../support/draft-reaudit.ts';

const HOST = 'demo.opendatasoft.com';
const charter: ParsedCharter = {
  portal: HOST,
  language: 'fr',
  entries: [
    { provider: 'Huwise', service: null, cookie: 'csrftoken', match: 'exact', purpose: 'Jeton', duration: '1 an', category: 'third-party' },
  ],
};
const own = (days: number): PlayedCookie => ({ name: 'csrftoken', days });
const frame = (days: number): PlayedCookie => ({ name: 'csrftoken', days, domain: 'widget.example.org', context: { via: 'frame' } });
const rows = (draft: CharterDraft) =>
  draft.rows
    .filter((row) => row.entry.cookie === 'csrftoken')
    .map((row) => `${row.entry.category} ${row.entry.provider} ${row.entry.duration} [${row.marks.join(',')}]`);
const frameAnswers = (report: Report) => cookieAnswers(report).filter((answer) => answer.startsWith('csrftoken widget.example.org:'));

describe('a third-party entry named like a platform cookie, matched by the portal’s own and by a frame’s', () => {
  it('is written twice: strictly necessary for the portal’s, third-party for the frame’s', () => {
    const site = playSite(HOST, [own(300), frame(300)]);
    const before = auditSite(site, charter);
    const draft = draftCharter([before]);
    expect(rows(draft)).toEqual(['necessary Huwise 1 an [moved-to-necessary]', 'third-party Huwise 1 an []']);

    const after = reaudit(site, draft);
    expect(findingLabels(after).filter((finding) => !findingLabels(before).includes(finding))).toEqual([]);
    expect(frameAnswers(after)).toEqual(frameAnswers(before));
  });

  it('gives each row the duration its own side lived', () => {
    const site = playSite(HOST, [own(800), frame(300)]);
    const before = auditSite(site, charter);
    const draft = draftCharter([before]);
    expect(rows(draft)).toEqual(['necessary Huwise 27 mois [duration-observed,moved-to-necessary]', 'third-party Huwise 1 an []']);
    expect(findingLabels(reaudit(site, draft)).filter((finding) => finding.startsWith('lifetime'))).toEqual([]);
  });

  it('is one row when only one side set it: this charter has no section but the third-party one', () => {
    // Its only section files the portal's own csrftoken there (a charter with another section keeps the row for a
    // frame's: third-party-platform-name-seen-by-portal-only.test.ts); kept, it would be a "not-seen" the charter did not make.
    const portalOnly = playSite(HOST, [own(300)]);
    const draft = draftCharter([auditSite(portalOnly, charter)]);
    expect(rows(draft)).toEqual(['necessary Huwise 1 an [moved-to-necessary]']);
    expect(findingLabels(reaudit(portalOnly, draft))).toEqual([]);
    expect(rows(draftCharter([auditSite(playSite(HOST, [frame(300)]), charter)]))).toEqual(['third-party Huwise 1 an []']);
  });

  it('is written twice when each side was seen in a run of its own', () => {
    const accepted = playSite(HOST, [own(300)], 'accepted');
    const refused = playSite(HOST, [frame(300)], 'refused');
    const draft = draftCharter([auditSite(accepted, charter), auditSite(refused, charter)]);
    expect(rows(draft)).toEqual(['necessary Huwise 1 an [moved-to-necessary]', 'third-party Huwise 1 an []']);
    expect(findingLabels(reaudit(refused, draft)).filter((finding) => finding.startsWith('undeclared'))).toEqual([]);
  });
});
