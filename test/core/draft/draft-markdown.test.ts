import { describe, expect, it } from 'vitest';
import { draftMarkdown, markdownRow } from '../../../src/core/draft/draft-markdown.ts';
import type { CharterDraft, DraftRow } from '../../../src/core/draft/draft-types.ts';
import { charterDraft, draftRow } from '../../support/drafts.ts';

const row = draftRow;
const draft = (rows: DraftRow[], overrides: Partial<CharterDraft> = {}) => charterDraft(rows, { ...overrides });

describe('draftMarkdown', () => {
  it('writes the new template: title, notice, the portal, a category paragraph and a pipe table per category', () => {
    expect(
      draftMarkdown(draft([row('sessionid'), row('_pk_id.', { provider: 'Matomo', match: 'prefix', category: 'statistics' })])).split('\n'),
    ).toEqual([
      '## Charte cookies',
      '',
      'Projet de charte établi par Cookie Charter Inspector d’après les cookies observés sur demo\\.opendatasoft\\.com le 1er décembre 2026 (après acceptation des cookies). Vérifiez chaque point de la liste ci-dessous, puis retirez les remarques entre parenthèses et ce paragraphe avant de publier.',
      '',
      '### À quoi servent les cookies sur la plateforme <https://demo.opendatasoft.com>',
      '',
      '**Cookies strictement nécessaires\u202f:** Ces cookies sont nécessaires au fonctionnement de la plateforme et ne peuvent pas être désactivés.',
      '',
      '| Nom du prestataire | Nom du cookie | Durée | Finalité |',
      '| --- | --- | --- | --- |',
      '| Huwise | sessionid | 12 mois | Se souvenir |',
      '',
      '**Cookies de mesure d’audience\u202f:** Ces cookies nous permettent de mesurer la fréquentation du portail, avec votre accord.',
      '',
      '| Nom du prestataire | Nom du cookie | Durée | Finalité |',
      '| --- | --- | --- | --- |',
      '| Matomo | \\_pk\\_id\\.\\* | 12 mois | Se souvenir |',
      '',
    ]);
  });

  it('keeps the narrow no-break spaces of French typography in its remarks, escaped as before around them', () => {
    expect(markdownRow(row('_ga', { category: 'statistics' }, ['not-observed']), 'fr')).toBe(
      '| Huwise | \\_ga \\(non observé\u202f\\: à garder seulement s’il est encore utilisé\\) | 12 mois | Se souvenir |',
    );
  });

  it('lists what to review, numbered, before the tables', () => {
    const text = draftMarkdown(draft([row('widget', { category: 'other' }, ['to-review'])], { language: 'en' }));
    expect(text).toContain('### To review before publishing\n\n1. To review: widget (Huwise) was observed');
    expect(text.indexOf('### To review')).toBeLessThan(text.indexOf('| Supplier name |'));
  });

  it('keeps hostile text as text: markup, links, pipes and line breaks escaped, an empty duration an empty cell', () => {
    const line = markdownRow(
      row('a|b', { provider: '<img src=x onerror=alert(1)>', purpose: '[click](https://evil.example) `x` *y*\nz', duration: null }, [
        'to-review',
      ]),
      'en',
    );
    expect(line).toBe(
      '| &lt;img src=x onerror=alert\\(1\\)&gt; | a\\|b \\(to review\\) |  | \\[click\\]\\(https\\://evil\\.example\\) \\`x\\` \\*y\\* z |',
    );
  });

  it('sets a nameless cookie’s words apart in italics from a cookie named so, and shows invisible characters as code points', () => {
    const setAside = [
      { name: '', reason: 'unreadable' as const },
      { name: '(no name)', reason: 'unreadable' as const },
      { name: 'a\u200Bb\nc', reason: 'unreadable' as const },
    ];
    const text = draftMarkdown(draft([], { language: 'en', setAside }));
    expect(text).toContain('1. Not written: *\\(no name\\)* cannot');
    expect(text).toContain('2. Not written: \\(no name\\) cannot');
    expect(text).toContain('3. Not written: a&lt;U+200B&gt;b&lt;U+000A&gt;c cannot');
  });

  it('names no portal it cannot write as a plain host', () => {
    expect(draftMarkdown(draft([row('sessionid')], { host: 'a b' }))).toContain('### À quoi servent les cookies sur la plateforme\n');
  });
});
