/**
 * A charter lists an embedded player's own `sessionid` under third parties before the platform's
 * `sessionid` under the strictly necessary cookies. The portal's own sessionid matches the first
 * entry of its name (a site's own cookie answers to any section), the player's: the third-party
 * one alone (core/registry/match.ts). The draft writes the necessary section first, so read back
 * the portal's answers to the platform's entry: that entry is the one the portal's cookie is seen
 * through, and the player's row stays under third parties, whichever order the charter wrote them in.
 *
 * Our model, not a portal seen (no network here): the platform's four cookies and their Django
 * names are ../shared/guides/charter-formats.md's; a frame of another Django site (an embedded
 * widget or player) setting its own cookie of such a name is what browsers would record as
 * embedded content's, and a charter declaring them by a prefix (`csrf*`) or under third parties
 * is a shape the parser reads (README, "Drafting a corrected charter"), not one a bundled charter has.
 */
import { describe, expect, it } from 'vitest';
import type { CharterEntry, ParsedCharter } from '../../../src/core/charter/types.ts';
import type { SiteRecord } from '../../../src/core/cookies/site-record.ts';
import { draftCharter } from '../../../src/core/draft/charter-draft.ts';
import { gatherRuns } from '../../../src/core/draft/gather-runs.ts';
import type { CharterDraft } from '../../../src/core/draft/draft-types.ts';
import { keptRun } from '../../../src/core/report/compare-runs.ts';
import { auditSite, NOW_MS, playSite } from '../../support/charter-audit.ts';
import { findingLabels, reaudit } from '../../support/draft-reaudit.ts';

const HOST = 'demo.opendatasoft.com';
const player: CharterEntry = {
  provider: 'Vidéo',
  service: null,
  cookie: 'sessionid',
  match: 'exact',
  purpose: 'Session du lecteur',
  duration: null,
  category: 'third-party',
};
const platform: CharterEntry = {
  provider: 'Huwise',
  service: null,
  cookie: 'sessionid',
  match: 'exact',
  purpose: 'Session',
  duration: null,
  category: 'necessary',
};
const own = playSite(HOST, [{ name: 'sessionid', days: null }], 'accepted');
const frame = playSite(HOST, [{ name: 'sessionid', days: null, domain: 'embed.other.org', context: { via: 'frame' } }], 'refused');
/** The portal's run, its record having lost cookies to storage: some trimmed to fit, or the whole record dropped to make room. */
const lost: Array<[string, SiteRecord]> = [
  ['trimmed to fit', { ...own, droppedCookies: 1 }],
  ['dropped to make room', { ...own, timeline: [{ type: 'evicted', at: NOW_MS - 1, cookies: 2, events: 2 }, ...own.timeline] }],
];
const rows = (draft: CharterDraft) =>
  draft.rows
    .filter((row) => row.entry.cookie === 'sessionid')
    .map((row) => `${row.entry.category} ${row.entry.provider} [${row.marks.filter((mark) => mark !== 'duration-observed').join(',')}]`);

describe.each([
  ['the necessary section first', [platform, player]],
  ['the third-party section first', [player, platform]],
])('a platform cookie’s name declared in both sections, %s', (_, entries) => {
  const charter: ParsedCharter = { portal: HOST, language: 'fr', entries };
  const reports = [auditSite(own, charter), auditSite(frame, charter)];
  const draft = draftCharter(reports);

  it('keeps the platform’s row as seen, and the player’s under third parties', () => {
    expect(rows(draft)).toEqual(['necessary Huwise []', 'third-party Vidéo []']);
  });

  it('audited again against the draft, no run has a finding the charter written necessary section first does not give', () => {
    const necessaryFirst: ParsedCharter = { portal: HOST, language: 'fr', entries: [platform, player] };
    for (const site of [own, frame]) {
      const expected = findingLabels(auditSite(site, necessaryFirst));
      expect(findingLabels(reaudit(site, draft)).filter((finding) => !expected.includes(finding))).toEqual([]);
    }
    // The frame's run: nothing it did not have. The portal's run, with the third-party section first, was
    // audited with the portal's sessionid taken for the player's; against the draft the player's entry is
    // not seen in it (the frame was in the other run), as the charter written in the other order says; a
    // draft of that run alone marks it not observed (the next test).
    expect(findingLabels(reaudit(frame, draft)).filter((finding) => !findingLabels(reports[1]!).includes(finding))).toEqual([]);
    expect(findingLabels(reaudit(frame, draft)).filter((finding) => finding.startsWith('undeclared'))).toEqual([]);
  });

  it('from the portal’s run alone, keeps the player’s row under third parties, marked not observed', () => {
    expect(rows(draftCharter([reports[0]!]))).toEqual(['necessary Huwise []', 'third-party Vidéo [not-observed]']);
  });

  // The frame's sessionid may have been among the cookies lost: the report makes no not-seen finding
  // (absentBecause cookies-dropped), nor does the draft, from the report or from the run kept of it.
  it.each(lost)(
    'from the portal’s run alone, its record %s, leaves the player’s row unmarked, as the report makes no finding',
    (_, site) => {
      const report = auditSite(site, charter);
      expect(report.findings.filter((finding) => finding.kind === 'not-seen')).toEqual([]);
      expect(rows(draftCharter([report]))).toEqual(['necessary Huwise []', 'third-party Vidéo []']);
      const kept = JSON.parse(JSON.stringify(keptRun(report, NOW_MS).report));
      expect(rows(draftCharter([kept]))).toEqual(['necessary Huwise []', 'third-party Vidéo []']);
    },
  );

  // The portal's run that lost nothing did not see it either: not seen, whatever the other run lost.
  it.each(lost)(
    'beside the portal’s run that lost nothing, its record %s, marks the player’s row not observed, in either order',
    (_, site) => {
      const [lostReport, whole] = [auditSite(site, charter), reports[0]!];
      for (const runs of [
        [lostReport, whole],
        [whole, lostReport],
      ]) {
        expect(rows(draftCharter(runs))).toEqual(['necessary Huwise []', 'third-party Vidéo [not-observed]']);
        const known = gatherRuns(runs).declared.find((declared) => declared.entry.category === 'third-party')!;
        expect([known.missing, known.mayHaveBeenLost]).toEqual([true, false]);
      }
    },
  );
});
