import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readCharterPageReading } from '../../../src/core/charter/live.ts';
import { draftCharter } from '../../../src/core/draft/charter-draft.ts';
import { draftHtml, htmlRow, htmlText } from '../../../src/core/draft/draft-html.ts';
import { auditSite, charterEntry, playSite } from '../../support/charter-audit.ts';
import type { CharterDraft, DraftRow } from '../../../src/core/draft/draft-types.ts';
import { charterDraft, draftRow } from '../../support/drafts.ts';
import { randomText } from '../../support/hostile-text.ts';

const row = draftRow;
const draft = (rows: DraftRow[], overrides: Partial<CharterDraft> = {}) =>
  charterDraft(rows, { language: 'en', consents: ['refused'], ...overrides });

/** Every element and attribute of a page, as a browser's tokenizer sees them. */
function markup(html: string): { tags: Set<string>; attributes: Set<string> } {
  const tags = new Set<string>();
  const attributes = new Set<string>();
  const parser = new Parser({
    onopentag: (name, attrs) => {
      tags.add(name);
      for (const attribute of Object.keys(attrs)) attributes.add(attribute);
    },
  });
  parser.write(html);
  parser.end();
  return { tags, attributes };
}

const PAGE_TAGS = [
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'h2',
  'h3',
  'p',
  'strong',
  'section',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'code',
  'em',
];

describe('draftHtml', () => {
  it('lays out the new template as the platform’s pages do: a bold category label, then its table', () => {
    const page = draftHtml(draft([row('sessionid'), row('_ga', { provider: 'Google', category: 'statistics' }, ['duration-observed'])]));
    expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(page).toContain('<h3>What cookies are used for on the platform &lt;https://demo.opendatasoft.com&gt;</h3>');
    expect(page).toContain('<p><strong>Strictly necessary cookies:</strong> These cookies are necessary');
    expect(page).toContain('<thead><tr><th>Supplier name</th><th>Cookie name</th><th>Duration</th><th>Function</th></tr></thead>');
    expect(page).toContain('<tr><td>Google</td><td><code>_ga</code> <em class="draft-mark">(duration observed)</em></td><td>12 mois</td>');
    expect(page).toContain('observed on demo.opendatasoft.com on 2026-12-01 (after refusing cookies)');
  });

  it('keeps the narrow no-break spaces of French typography in its own words, and only there', () => {
    const page = draftHtml(
      draft([row('_ga', { provider: 'Google\u202f:', category: 'statistics' }, ['not-observed'])], { language: 'fr' }),
    );
    expect(page).toContain('<p><strong>Cookies de mesure d’audience\u202f:</strong> Ces cookies');
    expect(page).toContain('<tr><td>Google :</td><td><code>_ga</code> <em class="draft-mark">(non observé\u202f: à garder seulement');
    expect(page).toContain('<li>Non observé\u202f: _ga (Google :) est déclaré');
  });

  it('sets a nameless cookie’s words apart in italics from a cookie named so, and shows invisible characters as code points', () => {
    const setAside = [
      { name: '', reason: 'unreadable' as const },
      { name: '(no name)', reason: 'unreadable' as const },
      { name: 'a\u200Bb\nc', reason: 'unreadable' as const },
    ];
    const page = draftHtml(draft([], { setAside }));
    expect(page).toContain('<li>Not written: <em class="nameless">(no name)</em> cannot');
    expect(page).toContain('<li>Not written: (no name) cannot');
    expect(page).toContain('<li>Not written: a&lt;U+200B&gt;b&lt;U+000A&gt;c cannot');
  });

  it('escapes every character that could make markup, and shows bidi controls', () => {
    expect(htmlText(`<script>"a" & 'b'</script>`)).toBe('&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;');
    expect(htmlText('a\u202Eb\n c')).toBe('a&lt;U+202E&gt;b c');
    expect(htmlRow(row('<b>x</b>', { provider: '"><img onerror=x>' }), 'fr')).toBe(
      '<tr><td>&quot;&gt;&lt;img onerror=x&gt;</td><td><code>&lt;b&gt;x&lt;/b&gt;</code></td><td>12 mois</td><td>Se souvenir</td></tr>',
    );
  });

  it('makes no element or attribute of its own out of any text a report holds', () => {
    fc.assert(
      fc.property(randomText(60), randomText(60), randomText(60), (name, provider, purpose) => {
        const page = draftHtml(
          draft([row(name, { provider, purpose, duration: purpose }, ['to-review'])], {
            host: provider,
            setAside: [{ name, reason: 'unreadable' }],
          }),
        );
        const { tags, attributes } = markup(page);
        expect([...tags].filter((tag) => !PAGE_TAGS.includes(tag))).toEqual([]);
        expect([...attributes].filter((attribute) => !['lang', 'charset', 'name', 'content', 'class'].includes(attribute))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('draftHtml: the remarks beside cookie names', () => {
  /** WCAG's contrast ratio of two `#rrggbb` colours. */
  const contrast = (a: string, b: string) => {
    const channel = (hex: string) => {
      const c = parseInt(hex, 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const luminance = (colour: string) =>
      0.2126 * channel(colour.slice(1, 3)) + 0.7152 * channel(colour.slice(3, 5)) + 0.0722 * channel(colour.slice(5, 7));
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light! + 0.05) / (dark! + 0.05);
  };

  it('are written in a colour of 4.5:1 or more on the light page and on the dark one (bold 16px is not large text)', () => {
    const html = draftHtml(draft([row('mystery', {}, ['to-review'])]));
    expect(html).toContain('<em class="draft-mark">');
    const [, light, dark] = /\.draft-mark \{[^}]*color: light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)/.exec(html) ?? [];
    // White: the light scheme's canvas; Firefox's and Chrome's dark canvases.
    expect(contrast(light!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    for (const canvas of ['#1c1b22', '#121212']) expect(contrast(dark!, canvas), canvas).toBeGreaterThanOrEqual(4.5);
    // A browser without light-dark() keeps the light colour.
    expect(html).toMatch(new RegExp(`\\.draft-mark \\{ color: ${light}; color: light-dark\\(`));
  });
});

describe('draftHtml: words in another language than the page (WCAG 3.1.2)', () => {
  const reading = readCharterPageReading(readFileSync('charters/data.tco.re.txt', 'utf8'), null);
  const audited = auditSite(
    playSite(
      'data.tco.re',
      [
        { name: 'sessionid', days: 14 },
        // The database's English, not the known-tracker table's (which has French words for AWSALB).
        { name: 'PHPSESSID', days: 7 },
      ],
      'accepted',
    ),
    reading,
  );

  it('marks a French charter’s words in an English page, and the Open Cookie Database’s English in a French one, with their language', () => {
    const english = draftHtml(draftCharter([audited], { language: 'en' }));
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<td lang="fr">Se souvenir de l&#39;utilisateur d&#39;une page à une autre.</td>');
    const french = draftHtml(draftCharter([audited], { language: 'fr' }));
    expect(french).toContain('<html lang="fr">');
    expect(french).toMatch(/<td lang="en">Cookie generated by applications based on the PHP language/);
    // Words in the page's own language, and a name or a provider, carry none.
    expect(french).toContain('<td>Se souvenir de l&#39;utilisateur d&#39;une page à une autre.</td>');
    expect(french).not.toMatch(/<td lang="[a-z]+">(?:Huwise|Opendatasoft|<code>)/);
  });

  it('marks a duration the charter states in its language, never one observed, written in the page’s', () => {
    const charter = {
      portal: 'data.tco.re',
      language: 'fr' as const,
      entries: [
        charterEntry('sessionid', { duration: '2 semaines', purpose: 'Se souvenir' }),
        charterEntry('csrftoken', { duration: '1 jour', purpose: 'Protéger les formulaires' }),
      ],
    };
    const site = playSite(
      'data.tco.re',
      [
        { name: 'sessionid', days: 14 },
        { name: 'csrftoken', days: 364 },
      ],
      'accepted',
    );
    const english = draftHtml(draftCharter([auditSite(site, charter)], { language: 'en' }));
    expect(english).toMatch(/<code>sessionid<\/code>.*<\/td><td lang="fr">2 semaines<\/td><td lang="fr">Se souvenir<\/td>/);
    expect(english).toMatch(/<code>csrftoken<\/code>.*<\/td><td>1 year<\/td><td lang="fr">Protéger les formulaires<\/td>/);
  });
});
