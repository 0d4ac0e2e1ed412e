/**
 * A charter whose necessary section omits the platform's `sessionid` lists an embedded player's
 * `sessionid` under third parties. The portal's own sessionid is not the player's
 * (core/registry/match.ts: a third-party row of a platform cookie's name declares the site's own
 * only when it names the platform): the report calls it undeclared, and the draft adds the
 * platform's row for it while the player's stays under third parties. A third-party row that
 * names the platform still declares the portal's own cookie, in the report and in the draft.
 */
import { describe, expect, it } from 'vitest';
import type { CharterEntry, ParsedCharter } from '../../../src/core/charter/types.ts';
import { draftCharter } from '../../../src/core/draft/charter-draft.ts';
import type { CharterDraft } from '../../../src/core/draft/draft-types.ts';
import { auditSite, playSite } from '../../support/charter-audit.ts';
import { findingLabels, reaudit } from '../../support/draft-reaudit.ts';

const HOST = 'demo.opendatasoft.com';
const thirdParty = (provider: string): CharterEntry => ({
  provider,
  service: null,
  cookie: 'sessionid',
  match: 'exact',
  purpose: 'Session',
  duration: null,
  category: 'third-party',
});
const own = playSite(HOST, [{ name: 'sessionid', days: null }], 'accepted');
const rows = (draft: CharterDraft) =>
  draft.rows
    .filter((row) => row.entry.cookie === 'sessionid')
    .map((row) => `${row.entry.category} ${row.entry.provider} [${row.marks.filter((mark) => mark !== 'duration-observed').join(',')}]`);

describe('the portal’s own sessionid beside a third-party row of that name', () => {
  it('another provider’s row: undeclared in the report; the draft adds the platform’s row (to review) and keeps the player’s, not observed', () => {
    const charter: ParsedCharter = { portal: HOST, language: 'fr', entries: [thirdParty('Vidéo')] };
    const report = auditSite(own, charter);
    expect(findingLabels(report)).toContain(`undeclared sessionid ${HOST}`);
    const draft = draftCharter([report]);
    expect(rows(draft)).toEqual(['necessary Huwise [to-review]', 'third-party Vidéo [not-observed]']);
    expect(findingLabels(reaudit(own, draft)).filter((finding) => finding.startsWith('undeclared'))).toEqual([]);
  });

  it('the platform’s own row filed under third parties still declares it, in the report and in the draft', () => {
    const charter: ParsedCharter = { portal: HOST, language: 'fr', entries: [thirdParty('Huwise')] };
    const report = auditSite(own, charter);
    expect(findingLabels(report).filter((finding) => finding.includes(' sessionid '))).toEqual([]);
    const draft = draftCharter([report]);
    expect(findingLabels(reaudit(own, draft)).filter((finding) => finding.startsWith('undeclared'))).toEqual([]);
  });
});
