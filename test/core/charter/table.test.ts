import { describe, expect, it } from 'vitest';
import {
  isSeparatorRow,
  isStrictRow,
  readTableHeader,
  markdownCellText,
  splitPipeCells,
  splitRow,
  splitTabCells,
  type TableHeader,
} from '../../../src/core/charter/table.ts';
import { unreadReasonText } from '../../../src/core/charter/unread-reason.ts';

/** A split with its reason in English, as the charter CLI prints it. */
const inEnglish = (split: ReturnType<typeof splitRow>) =>
  split.kind === 'unreadable' ? { ...split, reason: unreadReasonText(split.reason) } : split;

const OLD_TAB: TableHeader = { line: 1, layout: 'tab', columns: ['provider', 'service', 'cookie', 'purpose'] };
const NEW_PIPE: TableHeader = { line: 1, layout: 'pipe', columns: ['provider', 'cookie', 'duration', 'purpose'] };
const OLD_SPACE: TableHeader = { line: 1, layout: 'space', columns: ['provider', 'service', 'cookie', 'purpose'] };
const NEW_SPACE: TableHeader = { line: 1, layout: 'space', columns: ['provider', 'cookie', 'duration', 'purpose'] };
const NEW_GLUED: TableHeader = { line: 1, layout: 'glued', columns: ['provider', 'cookie', 'duration', 'purpose'] };

describe('readTableHeader', () => {
  it('reads a tab-separated French old-template header', () => {
    expect(readTableHeader('Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités', 27)).toEqual({ ...OLD_TAB, line: 27 });
  });

  it('reads a markdown pipe header with outer pipes', () => {
    expect(readTableHeader('| Supplier name | Cookie name | Duration | Function |', 3)).toEqual({ ...NEW_PIPE, line: 3 });
  });

  it('reads a pipe header without outer pipes and an English old template', () => {
    expect(readTableHeader('Provider | Service and location | Cookie name | Purpose', 1)).toEqual({
      line: 1,
      layout: 'pipe',
      columns: ['provider', 'service', 'cookie', 'purpose'],
    });
  });

  it('keeps an ignored column in its place', () => {
    expect(readTableHeader('Prestataire\tNom du cookie\tConsentement requis\tDurée\tFinalité', 1)?.columns).toEqual([
      'provider',
      'cookie',
      null,
      'duration',
      'purpose',
    ]);
  });

  it.each([
    ['Nom du prestataire\tNom du cookie\tDurée\tFinalité\tDonnées collectées', ['provider', 'cookie', 'duration', 'purpose', null]],
    ['| Provider | Cookie name | Domain | Duration | Purpose |', ['provider', 'cookie', null, 'duration', 'purpose']],
    ['Outil\tNom du cookie\tTiers\tFinalité', ['provider', 'cookie', null, 'purpose']],
    ['| Company | Cookie | Third party | Purpose | Opt-out |', ['provider', 'cookie', null, 'purpose', null]],
  ] as const)('reads past a column it has no word for: %s', (line, columns) => {
    expect(readTableHeader(line, 1)?.columns).toEqual(columns);
  });

  it('refuses a line whose unknown cell is prose, however many header words its other cells hold', () => {
    expect(
      readTableHeader('To review: Cookie|Purpose|Provider (Provider|Cookie) was observed but the charter does not declare it.', 1),
    ).toBeNull();
    expect(readTableHeader('| Provider | Cookie name | Purpose | See: the site |', 1)).toBeNull();
  });

  it('refuses a line with as many unknown cells as known ones', () => {
    expect(readTableHeader('Prestataire\tNom du cookie\tFinalité\tAcme\tFoo\tBar', 1)).toBeNull();
    expect(readTableHeader('Opendatasoft\tService provider\tCookie\tPurpose\t2 weeks\tsessionid\t_ga', 1)).toBeNull();
  });

  it('reads single-space and unseparated headers', () => {
    expect(readTableHeader('Nom du prestataire Service et emplacement Nom du cookies Finalités', 5)).toEqual({ ...OLD_SPACE, line: 5 });
    expect(readTableHeader('Supplier nameCookie nameDurationFunction', 1)).toEqual(NEW_GLUED);
  });

  it('refuses rows, prose and incomplete headers', () => {
    expect(readTableHeader('Opendatasoft\tAuthentification\tsessionid\tSe souvenir', 1)).toBeNull();
    expect(readTableHeader('Il existe plusieurs types de cookies :', 1)).toBeNull();
    expect(readTableHeader('Nom du cookie\tDurée', 1)).toBeNull();
    expect(readTableHeader('|---|---|---|---|', 1)).toBeNull();
  });

  it('refuses a row whose cells hold header words: a name cell starts with a cookie name', () => {
    // Found by the draft's property test: the draft's own remark holds the word "cookie", and a
    // provider or purpose may hold "Provider" or "Finalité"; the row was taken for a new header and lost.
    expect(
      readTableHeader('| ProviderPurpose | sessionid \\(déplacé \\: cookie de la plateforme\\) |  | Finalité inconnue, à décrire |', 5),
    ).toBeNull();
    expect(readTableHeader('Fournisseur\t_ga (cookie Google)\tFinalité : mesure', 1)).toBeNull();
    expect(readTableHeader('| Prestataire | Nom du cookie | Durée | Finalité |', 1)).not.toBeNull();
    expect(readTableHeader('| Provider | Cookie | Duration | Purpose |', 1)).not.toBeNull();
  });
});

describe('readTableHeader and splitRow: empty header cells', () => {
  it("keeps an empty header cell's column, read past, so the cells after an empty one stay in their columns", () => {
    // A page's last <th></th> over "En savoir plus" links, as html-to-text lays it out.
    const header = readTableHeader('Nom du prestataire\tNom du cookie\tDurée\tFinalité\t', 3);
    expect(header?.columns).toEqual(['provider', 'cookie', 'duration', 'purpose', null]);
    expect(splitRow('Huwise\tsessionid\t\tSession\tEn savoir plus', header!)).toEqual({
      kind: 'row',
      cells: { provider: 'Huwise', cookie: 'sessionid', duration: '', purpose: 'Session' },
    });
    const pipe = readTableHeader('| Provider | Cookie name | | Purpose |', 1);
    expect(pipe?.columns).toEqual(['provider', 'cookie', null, 'purpose']);
    expect(splitRow('| Google | _ga | More | Stats |', pipe!)).toEqual({
      kind: 'row',
      cells: { provider: 'Google', cookie: '_ga', purpose: 'Stats' },
      // A pipe row is markdown: its name cell's `*_ga*` is italics.
      cellText: 'markdown',
    });
  });

  it('still reads rows that leave out the empty header cells (a header aligned with runs of tabs)', () => {
    const header = readTableHeader('Nom du prestataire\t\tNom du cookie\tDurée\tFinalité', 1)!;
    const row = { kind: 'row', cells: { provider: 'Huwise', cookie: 'sessionid', duration: '2 semaines', purpose: 'Session' } };
    expect(splitRow('Huwise\tsessionid\t2 semaines\tSession', header)).toEqual(row);
    expect(splitRow('Huwise\t\tsessionid\t2 semaines\tSession', header)).toEqual(row);
    expect(isStrictRow('Huwise\tsessionid\t2 semaines\tSession', header)).toBe(true);
    const trailing = readTableHeader('Provider | Cookie name | Purpose | |', 1)!;
    expect(splitRow('| Google | _ga | Stats |', trailing)).toEqual({
      kind: 'row',
      cells: { provider: 'Google', cookie: '_ga', purpose: 'Stats' },
      cellText: 'markdown',
    });
  });
});

describe('isSeparatorRow', () => {
  it('recognises markdown rules and tab-separated underline rows', () => {
    expect(isSeparatorRow('|---|---|---|---|')).toBe(true);
    expect(isSeparatorRow('| :--- | :---: |')).toBe(true);
    expect(isSeparatorRow('--------------------\t------------------------\t----------------\t-----------')).toBe(true);
    expect(isSeparatorRow('=====')).toBe(true);
  });

  it('leaves data and short dashes alone', () => {
    expect(isSeparatorRow('| Huwise | sessionid |')).toBe(false);
    expect(isSeparatorRow('--')).toBe(false);
    expect(isSeparatorRow('')).toBe(false);
  });
});

describe('splitPipeCells and splitTabCells', () => {
  it('drops outer pipes and keeps escaped pipes inside a cell', () => {
    expect(splitPipeCells('| a | b \\| c | d |')).toEqual([' a ', ' b | c ', ' d ']);
    expect(splitPipeCells('a|b')).toEqual(['a', 'b']);
  });

  it('reads markdown escapes and entities in cells as the characters they stand for, in one pass', () => {
    expect(splitPipeCells('| \\_pk\\_id\\.\\* | Mesure d’audience \\(Matomo\\) | &lt;b&gt; R&amp;D |')).toEqual([
      ' _pk_id.* ',
      ' Mesure d’audience (Matomo) ',
      ' <b> R&D ',
    ]);
    // An escaped backslash before a pipe: the pipe separates cells. An escaped entity stays text.
    expect(splitPipeCells('| a\\\\| b | \\&lt; | &amp;lt; |')).toEqual([' a\\', ' b ', ' &lt; ', ' &lt; ']);
    // A backslash before a letter is text (CommonMark escapes punctuation only).
    expect(splitPipeCells('| C:\\Users |')).toEqual([' C:\\Users ']);
    expect(markdownCellText('a\\|b')).toBe('a|b');
  });

  it('decodes every character reference a markdown renderer decodes, once, and drops the invisible characters they give', () => {
    // A soft hyphen written as an entity, named, decimal or hex, is invisible as the character is.
    expect(markdownCellText('_g&shy;a')).toBe('_ga');
    expect(markdownCellText('_g&#173;a _g&#xAD;a _g&#XaD;a session&#x200B;id')).toBe('_ga _ga _ga sessionid');
    expect(markdownCellText('caf&eacute; &copy; &#x1F36A; &#127850; &NotEqualTilde; &#0;')).toBe('café © 🍪 🍪 ≂̸ \uFFFD');
    // Numbers are code points as CommonMark reads them, not HTML's Windows-1252 remap of 128 to 159.
    expect(markdownCellText('a&#150;b &#128; &#x80; &#xD800; &#1114112; &#1114111;')).toBe(
      'a\u0096b \u0080 \u0080 \uFFFD \uFFFD \u{10FFFF}',
    );
    // Once: an escaped ampersand gives the text of the reference, not its character.
    expect(markdownCellText('_g&amp;shy;a &amp;#173; \\&shy; &amp;amp;')).toBe('_g&shy;a &#173; &shy; &amp;');
    // Not references: no semicolon, an unknown name, a legacy prefix (`&notit;` is not `¬it;` in markdown).
    expect(markdownCellText('&shy &unknown; &notit; &#; &#x; & ; &#12345678;')).toBe('&shy &unknown; &notit; &#; &#x; & ; &#12345678;');
  });

  it('reads 100,000 references, near-references and ampersands in linear time', () => {
    expect(markdownCellText(`${'a&shy;'.repeat(100_000)}b`)).toBe(`${'a'.repeat(100_000)}b`);
    const unread = `${'&#x&abcdefghijklmnopqrstuvwxyz0123456&&amp'.repeat(10_000)}`;
    expect(markdownCellText(unread)).toBe(unread);
  });

  it('fits tab cells to the column count', () => {
    expect(splitTabCells('a\tb\tc\td', 4)).toEqual(['a', 'b', 'c', 'd']);
    expect(splitTabCells('a\t\tb\tc\td\t\t', 4)).toEqual(['a', 'b', 'c', 'd']);
    expect(splitTabCells('a\t\t\td', 4)).toEqual(['a', '', '', 'd']);
    expect(splitTabCells('a\tb\tc', 4)).toEqual({ found: 3 });
  });

  it('fits a line of many tabs without dropping cells one by one', () => {
    expect(splitTabCells(`${'\t'.repeat(200_000)}a\tb\tc\td${'\t'.repeat(200_000)}`, 4)).toEqual(['a', 'b', 'c', 'd']);
    expect(splitTabCells(`a${'\t'.repeat(200_000)}b`, 4)).toEqual({ found: 200_001 });
  });
});

describe('splitRow', () => {
  it('splits a tab row into cells by role', () => {
    expect(splitRow('Opendatasoft\tAuthentification (front et back office)\tsessionid\tSe souvenir  de l’utilisateur', OLD_TAB)).toEqual({
      kind: 'row',
      cells: {
        provider: 'Opendatasoft',
        service: 'Authentification (front et back office)',
        cookie: 'sessionid',
        purpose: 'Se souvenir de l’utilisateur',
      },
    });
  });

  it('keeps an empty last cell delimited by a trailing tab', () => {
    expect(splitRow('Google\tStats\t_ga\t', OLD_TAB)).toEqual({
      kind: 'row',
      cells: { provider: 'Google', service: 'Stats', cookie: '_ga', purpose: '' },
    });
  });

  it('reports a tab row with the wrong number of cells', () => {
    expect(inEnglish(splitRow('Google\t_ga\tStats', OLD_TAB))).toEqual({
      kind: 'unreadable',
      reason: 'expected 4 cells separated by tabs (provider / service / cookie / purpose), found 3',
    });
  });

  it('reads a row written with spaces inside a tab table when it splits on anchors', () => {
    expect(splitRow('Matomo Statistiques _pk_id Mesure', OLD_TAB)).toEqual({
      kind: 'row',
      cells: { provider: 'Matomo', service: 'Statistiques', cookie: '_pk_id', purpose: 'Mesure' },
    });
  });

  it('says a prose line is not a row', () => {
    expect(splitRow('Vous pouvez changer d’avis à tout moment.', OLD_TAB)).toEqual({ kind: 'not-a-row' });
    expect(splitRow('Google Analytics n’est utilisé qu’avec votre accord', OLD_TAB)).toEqual({ kind: 'not-a-row' });
  });

  it('splits pipe rows with trailing pipes and reports a short one', () => {
    expect(splitRow('| Huwise | sessionid | 2 weeks by default | Keeps you signed in |', NEW_PIPE)).toEqual({
      kind: 'row',
      cells: { provider: 'Huwise', cookie: 'sessionid', duration: '2 weeks by default', purpose: 'Keeps you signed in' },
      cellText: 'markdown',
    });
    expect(inEnglish(splitRow('| Huwise | sessionid |', NEW_PIPE))).toEqual({
      kind: 'unreadable',
      reason: 'expected 4 cells between pipes (provider / cookie / duration / purpose), found 2',
    });
  });

  it('splits single-space and unseparated rows on anchors, and reports what it cannot split', () => {
    expect(splitRow('Opendatasoft API (CSRF) (front et back office) csrftoken Récupérer des données', OLD_SPACE)).toEqual({
      kind: 'row',
      cells: {
        provider: 'Opendatasoft',
        service: 'API (CSRF) (front et back office)',
        cookie: 'csrftoken',
        purpose: 'Récupérer des données',
      },
    });
    expect(splitRow('Huwisecsrftoken12 monthsProtects forms', NEW_GLUED)).toEqual({
      kind: 'row',
      cells: { provider: 'Huwise', cookie: 'csrftoken', duration: '12 months', purpose: 'Protects forms' },
    });
    const unreadable = splitRow('Matomo Statistiques Mesure', OLD_SPACE);
    expect(unreadable.kind).toBe('unreadable');
    expect(splitRow('Vous pouvez changer d’avis à tout moment', OLD_SPACE)).toEqual({ kind: 'not-a-row' });
  });

  it('reports a row naming a cookie after a provider it does not know, instead of ending the table', () => {
    for (const row of ['Acme Statistiques _acme Mesure', 'Acme Corp « acme_vid » 6 mois Audience', 'Acmeacme_id13 moisAudience']) {
      const split = splitRow(row, row.includes(' ') ? OLD_SPACE : NEW_GLUED);
      expect(split.kind, row).toBe('unreadable');
      expect(split.kind === 'unreadable' && unreadReasonText(split.reason), row).toMatch(
        /^does not start with a provider the reader knows/,
      );
    }
    // The name must come among the first words; headings, and tab or pipe tables, are left as they were.
    expect(splitRow('Vous pouvez à tout moment refuser le dépôt du cookie _ga', OLD_SPACE)).toEqual({ kind: 'not-a-row' });
    expect(splitRow('**Cookies _pk_id**', OLD_SPACE)).toEqual({ kind: 'not-a-row' });
    expect(splitRow('Acme acme_id Audience', OLD_TAB)).toEqual({ kind: 'not-a-row' });
    expect(splitRow('Acme acme_id Audience', NEW_PIPE)).toEqual({ kind: 'not-a-row' });
  });

  it('ends the table at a line naming a cookie that does not split like a row', () => {
    for (const line of [
      'Cookies statistiques (_ga, _gid)',
      'Statistiques (_ga, _gid)',
      'Statistics cookies: _ga and _gid measure the audience.',
      'Le cookie _ga est déposé par Google.',
      'The _ga cookie is set by Google Analytics.',
      'Acme acme_id 13',
    ]) {
      expect(splitRow(line, NEW_SPACE), line).toEqual({ kind: 'not-a-row' });
    }
    expect(splitRow('Acme acme_id 13 mois Audience', NEW_SPACE).kind).toBe('unreadable');
  });
});

describe('splitRow: runs of spaces and markdown line breaks', () => {
  it('takes runs of two or more spaces as separators under a single-space header when the count fits', () => {
    expect(splitRow('Acme Corp    Tracking pixel    acme_id    Counts visits', OLD_SPACE)).toEqual({
      kind: 'row',
      cells: { provider: 'Acme Corp', service: 'Tracking pixel', cookie: 'acme_id', purpose: 'Counts visits' },
    });
  });

  it('turns <br> inside a pipe cell into a space, and into a name separator in the cookie cell', () => {
    expect(splitRow('| Matomo | _pk_id.*<br>_pk_ses.* | 13 mois | Mesure<br/>d’audience |', NEW_PIPE)).toEqual({
      kind: 'row',
      cells: { provider: 'Matomo', cookie: '_pk_id.*, _pk_ses.*', duration: '13 mois', purpose: 'Mesure d’audience' },
      cellText: 'markdown',
    });
    expect(splitRow('| Vimeo | vuid<br>__cf_bm | 2 years | Embedded<br>videos |', NEW_PIPE)).toEqual({
      kind: 'row',
      cells: { provider: 'Vimeo', cookie: 'vuid, __cf_bm', duration: '2 years', purpose: 'Embedded videos' },
      cellText: 'markdown',
    });
  });
});

describe('splitRow: a spaced header, rows whose cells ran together', () => {
  it('still reads a row whose provider ran into the next cell', () => {
    expect(splitRow('OpendatasoftAuthentification sessionid Se souvenir', OLD_SPACE)).toEqual({
      kind: 'row',
      cells: { provider: 'Opendatasoft', service: 'Authentification', cookie: 'sessionid', purpose: 'Se souvenir' },
    });
  });

  it('does not search for glued cells in a row that shows none', () => {
    expect(splitRow(`Matomo Statistiques ${'a_'.repeat(900)}`, OLD_SPACE).kind).toBe('unreadable');
  });
});

describe('splitRow: rows longer than their cells can be', () => {
  it('reports them at once, with the limit, when they hold the table’s separators', () => {
    expect(inEnglish(splitRow(`a\t${'\t'.repeat(50_000)}b`, OLD_TAB))).toEqual({
      kind: 'unreadable',
      reason: 'a row of 50,003 characters: longer than 4 cells of at most 10,000 characters can be',
    });
    expect(splitRow(`|${'|'.repeat(2_000_000)}`, NEW_PIPE).kind).toBe('unreadable');
    expect(isStrictRow(`a\t${'\t'.repeat(50_000)}b`, OLD_TAB)).toBe(false);
  });

  it('leaves a long line without separators to be prose', () => {
    expect(splitRow('x'.repeat(50_000), OLD_TAB)).toEqual({ kind: 'not-a-row' });
  });
});

describe('isStrictRow', () => {
  it('needs the exact cell count for tab and pipe tables', () => {
    expect(isStrictRow('a\tb\tc\td', OLD_TAB)).toBe(true);
    expect(isStrictRow('a\tb\tc', OLD_TAB)).toBe(false);
    expect(isStrictRow('| a | b | c | d |', NEW_PIPE)).toBe(true);
    expect(isStrictRow('|---|---|---|---|', NEW_PIPE)).toBe(false);
  });

  it('needs a clean anchored split without separators', () => {
    expect(isStrictRow('Matomo _pk_id 13 mois Mesure', NEW_GLUED)).toBe(true);
    expect(isStrictRow('Matomo Mesure', NEW_GLUED)).toBe(false);
  });
});
