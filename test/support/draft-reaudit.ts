/**
 * A site audited again against a charter draft, read back as the extension reads a live charter:
 * what the tests of drafts compare with the audit the draft was made from.
 */
import { readCharterPage } from '../../src/core/charter/live.ts';
import type { SiteRecord } from '../../src/core/cookies/site-record.ts';
import { draftHtml } from '../../src/core/draft/draft-html.ts';
import { draftMarkdown } from '../../src/core/draft/draft-markdown.ts';
import type { CharterDraft } from '../../src/core/draft/draft-types.ts';
import type { Report } from '../../src/core/report/report.ts';
import { auditSite } from './charter-audit.ts';

/** The site's report against the draft read back; throws when the Markdown and HTML pages read back apart. */
export function reaudit(site: SiteRecord, draft: CharterDraft): Report {
  const markdown = readCharterPage(draftMarkdown(draft), 'text/markdown');
  const html = readCharterPage(draftHtml(draft), 'text/html');
  if (JSON.stringify(markdown) !== JSON.stringify(html)) throw new Error('the two formats of the draft read back apart');
  return auditSite(site, markdown);
}

/** A report's findings as `kind cookie domain`, sorted. */
export const findingLabels = (report: Report): string[] =>
  report.findings.map((finding) => `${finding.kind} ${finding.cookie} ${finding.domain}`).sort();

/** How a report files each cookie: `name domain: category, provider, purpose, duration`, sorted (the charter's word when it declares it). */
export const cookieAnswers = (report: Report): string[] =>
  report.cookies
    .map(
      (cookie) =>
        `${cookie.name} ${cookie.domain}: ${cookie.source} ${cookie.category}, ${cookie.provider}, ${cookie.purpose}, ${cookie.duration}`,
    )
    .sort();
