import { describe, expect, it } from 'vitest';
import { WILDCARD_CHARACTERS, looksLikeCookieName, readNameCell, toCookieName } from '../../../src/core/charter/cells.ts';
import { MAX_CELL_LENGTH, MAX_NAMES_PER_CELL, MAX_PARTS_PER_CELL } from '../../../src/core/charter/limits.ts';
import { unreadReasonText } from '../../../src/core/charter/unread-reason.ts';

/** A cell's reading with its problems in English, as the charter CLI prints them. */
function readInEnglish(cell: string) {
  const { names, problems } = readNameCell(cell);
  return { names, problems: problems.map(unreadReasonText) };
}

/** A token's name, or why it is none in English. */
function nameOrWhy(token: string, isPrefix: boolean) {
  const name = toCookieName(token, isPrefix);
  return 'kind' in name ? unreadReasonText(name) : name;
}

const exact = (cookie: string) => ({ cookie, match: 'exact' as const });
const prefix = (cookie: string) => ({ cookie, match: 'prefix' as const });

describe('readNameCell', () => {
  it('reads one plain name, whatever its shape', () => {
    expect(readInEnglish(' sessionid ')).toEqual({ names: [exact('sessionid')], problems: [] });
    expect(readInEnglish('hubspotutk')).toEqual({ names: [exact('hubspotutk')], problems: [] });
  });

  it('reads several names separated by commas, semicolons, "et", "and", "ou" and slashes', () => {
    expect(readInEnglish('_pk_id.*, _pk_ses.*').names).toEqual([prefix('_pk_id.'), prefix('_pk_ses.')]);
    expect(readInEnglish('_hjSessionUser; _hjid').names).toEqual([exact('_hjSessionUser'), exact('_hjid')]);
    expect(readInEnglish('atuserid et atidvisitor').names).toEqual([exact('atuserid'), exact('atidvisitor')]);
    expect(readInEnglish('_ga and _gid').names).toEqual([exact('_ga'), exact('_gid')]);
    expect(readInEnglish('_ga ou _gat').names).toEqual([exact('_ga'), exact('_gat')]);
    expect(readInEnglish('_ga/_gid').names).toEqual([exact('_ga'), exact('_gid')]);
  });

  it('turns every wildcard form into a prefix without wildcard characters', () => {
    expect(readInEnglish('_ga_<ID>').names).toEqual([prefix('_ga_')]);
    expect(readInEnglish('_ga_<container id>').names).toEqual([prefix('_ga_')]);
    expect(readInEnglish('_gat*').names).toEqual([prefix('_gat')]);
    expect(readInEnglish('_pk_id.*.*').names).toEqual([prefix('_pk_id.')]);
    expect(readInEnglish('_hjSessionUser_{site_id}').names).toEqual([prefix('_hjSessionUser_')]);
    expect(readInEnglish('_ga_XXXXXXXXXX').names).toEqual([prefix('_ga_')]);
    expect(readInEnglish('_pk_ref…').names).toEqual([prefix('_pk_ref')]);
    expect(readInEnglish('_pk_cvar...').names).toEqual([prefix('_pk_cvar')]);
  });

  it('reads a placeholder run of X anywhere in a name as the start of its family', () => {
    expect(readInEnglish('_gat_UA-XXXXX-Y').names).toEqual([prefix('_gat_UA-')]);
    expect(readInEnglish('_gat_gtag_UA_XXXXXXXX_X').names).toEqual([prefix('_gat_gtag_UA_')]);
    expect(readInEnglish('_pk_id.xx.xxxx').names).toEqual([prefix('_pk_id.')]);
    expect(readInEnglish('_ga_XX').names).toEqual([prefix('_ga_')]);
    // Whichever variable part comes first cuts the name.
    expect(readInEnglish('_pk_ses.xx.*').names).toEqual([prefix('_pk_ses.')]);
    expect(readInEnglish('_pk_ref.*.xxxx').names).toEqual([prefix('_pk_ref.')]);
  });

  it('reads a single X or N before a placeholder as the start of its family (`_pk_id.X.XXXX` is `_pk_id.`)', () => {
    for (const name of ['_pk_id.X.XXXX', '_pk_id.x.xxxx', '_pk_id.N.xxxx', '_pk_id.n.XX', '_pk_ses.X.X', '_pk_id.n.n', '_pk_id.N-x']) {
      expect(readInEnglish(name), name).toEqual({ names: [prefix(name.slice(0, name.indexOf('.') + 1))], problems: [] });
    }
    expect(readInEnglish('_gat_UA-X-XXXX').names).toEqual([prefix('_gat_UA-')]);
    // The pair before a sentence's stop, which a `_pk_` name keeps.
    for (const name of ['_pk_ses.n.n.', '_pk_ses.X.X.', '_pk_ses.X.X…']) {
      expect(readInEnglish(name).names, name).toEqual([prefix('_pk_ses.')]);
    }
  });

  it('keeps a one-letter part that no placeholder follows as a letter of the name', () => {
    // `_sn_n` is Sleeknote's cookie (Open Cookie Database); the others have a fixed part after the letter, or one letter alone.
    for (const name of ['_sn_n', 'a_x_b', 'a.n.xy', 'a.x.xxa', 'a.N.NN', 'a.x.x.b', 'a_X', '_X.X', '_.n.n', '_x_x']) {
      expect(readInEnglish(name), name).toEqual({ names: [exact(name)], problems: [] });
    }
    // Separators alone before the letter are no fixed part: never a prefix of separators.
    expect(readInEnglish('__n.xx')).toEqual({ names: [prefix('__n.')], problems: [] });
  });

  it('reads a long hostile run of one-letter parts in one pass, to the name it is', () => {
    const token = `a${'.x'.repeat(4_000)}.b`;
    expect(readInEnglish(token)).toEqual({ names: [exact(token)], problems: [] });
    expect(readInEnglish(`a${'.x'.repeat(4_000)}`).names).toEqual([prefix(`a${'.x'.repeat(3_998)}.`)]);
  });

  it('reads a run of # after a separator as a placeholder part, as a run of X (`_ga_#`, `_pk_id.#.#`)', () => {
    expect(readInEnglish('_ga_#')).toEqual({ names: [prefix('_ga_')], problems: [] });
    expect(readInEnglish('_pk_id.#.#')).toEqual({ names: [prefix('_pk_id.')], problems: [] });
    expect(readInEnglish('_pk_ses.##.###').names).toEqual([prefix('_pk_ses.')]);
    expect(readInEnglish('_gat_UA-#-#').names).toEqual([prefix('_gat_UA-')]);
    // Beside other words, as a name.
    expect(readInEnglish('Cookie _pk_id.#.# (Matomo)').names).toEqual([prefix('_pk_id.')]);
    // Not a part of its own: a character of the name written.
    expect(readInEnglish('a_#b').names).toEqual([exact('a_#b')]);
    expect(readInEnglish('#_x').names).toEqual([exact('#_x')]);
  });

  it('reads `ID`, a run of X or of # straight after a known family’s prefix as its placeholder (`_ga_ID`, `xtanXXXXXX`)', () => {
    for (const [cell, family] of [
      ['_ga_ID', '_ga_'],
      ['_gat_ID', '_gat_'],
      ['_pk_id.ID', '_pk_id.'],
      ['_pk_id.ID.ID', '_pk_id.'],
      ['_hjSessionUser_ID', '_hjSessionUser_'],
      ['xtanXXXXXX', 'xtan'],
      ['xtanX', 'xtan'],
      ['xtan#', 'xtan'],
      ['xtantXXXXXX', 'xtant'],
    ]) {
      expect(readInEnglish(cell!), cell).toEqual({ names: [prefix(family!)], problems: [] });
    }
  });

  it('keeps `ID`, X and # that follow no known family’s prefix, or that are letters of a word, as the name written', () => {
    for (const name of [
      'session_ID',
      'XSRF',
      'XSRF-TOKEN',
      'user_ID',
      'ID',
      'xtan',
      'xtant',
      '_ga_IDENT',
      'xtanXY',
      '_gaID',
      'sessionid',
    ]) {
      expect(readInEnglish(name).names, name).toEqual([exact(name)]);
    }
  });

  it('reads a long run of # or X after a family’s prefix in linear time, to the name it is', () => {
    const hashes = `_ga_${'#'.repeat(9_000)}`;
    expect(readInEnglish(hashes).names).toEqual([prefix('_ga_')]);
    const xs = `xtan${'X'.repeat(9_000)}Y`;
    expect(readInEnglish(xs).names).toEqual([exact(xs)]);
  });

  it('keeps names whose X is a letter of the name, not a placeholder', () => {
    for (const name of ['XSRF-TOKEN', 'xtvrn', 'xtan', 'xx', 'XXX_y', 'Xx_y', 'box_x', 'ax.xy', '_fbx_1', 'a-xxy']) {
      expect(readInEnglish(name).names, name).toEqual([exact(name)]);
    }
  });

  it('reads a placeholder with only separators before it as the name written, not a prefix of separators', () => {
    for (const name of ['_xx', '__XX', '_.xxx', '-XX-y']) {
      expect(readInEnglish(name), name).toEqual({ names: [exact(name)], problems: [] });
    }
    expect(readInEnglish('__a_XX').names).toEqual([prefix('__a_')]);
  });

  it('reads English prose with curly quotes as a prefix', () => {
    expect(readInEnglish('Any cookie starting with “_hs”')).toEqual({ names: [prefix('_hs')], problems: [] });
    expect(readInEnglish('All cookies beginning with "__hs" or "_hs"').names).toEqual([prefix('__hs'), prefix('_hs')]);
  });

  it('reads French prose, with or without « » quotes, as a prefix', () => {
    expect(readInEnglish('tout cookie commençant par _pk_').names).toEqual([prefix('_pk_')]);
    expect(readInEnglish('Tous les cookies commençant par « _pk_ »').names).toEqual([prefix('_pk_')]);
  });

  it('keeps exact names written before the prose', () => {
    expect(readInEnglish('hubspotutk, any cookie starting with _hs').names).toEqual([exact('hubspotutk'), prefix('_hs')]);
  });

  it('strips quotes, backticks, markdown escapes, bold marks and remarks in brackets', () => {
    expect(readInEnglish('« _ga », “_gid”, `_gat`').names).toEqual([exact('_ga'), exact('_gid'), exact('_gat')]);
    expect(readInEnglish('\\_pk\\_id.\\*').names).toEqual([prefix('_pk_id.')]);
    expect(readInEnglish('**csrftoken**').names).toEqual([exact('csrftoken')]);
    expect(readInEnglish('_ga (Universal Analytics), _ga_<ID> (GA4)').names).toEqual([exact('_ga'), prefix('_ga_')]);
  });

  it('reads the name in brackets when nothing outside them is name-shaped', () => {
    expect(readInEnglish('Cookie de session (sessionid)')).toEqual({ names: [exact('sessionid')], problems: [] });
    expect(readInEnglish('(sessionid)')).toEqual({ names: [exact('sessionid')], problems: [] });
    expect(readInEnglish('Session cookie (ODS_SESSION), _ga').names).toEqual([exact('ODS_SESSION'), exact('_ga')]);
    expect(readInEnglish('Cookie de langue (django_language) et cookie de session (sessionid)').names).toEqual([
      exact('django_language'),
      exact('sessionid'),
    ]);
    // A name outside the brackets is the name, and a remark in brackets is never one.
    expect(readInEnglish('sessionid (_old_session)').names).toEqual([exact('sessionid')]);
    expect(readInEnglish('lang (optional)').names).toEqual([exact('lang')]);
    // A lone word that is not name-shaped is a label when its brackets hold a name.
    expect(readInEnglish('Session (sessionid)')).toEqual({ names: [exact('sessionid')], problems: [] });
    expect(readInEnglish('Jeton (csrftoken)')).toEqual({ names: [exact('csrftoken')], problems: [] });
    expect(readInEnglish('Langue (django_language)')).toEqual({ names: [exact('django_language')], problems: [] });
    expect(readInEnglish('_ga (Google)').names).toEqual([exact('_ga')]);
    expect(readInEnglish('_ga (_gid)').names).toEqual([exact('_ga')]);
    for (const cell of ['Cookie de session (optional)', 'Cookie de session (13 mois)', 'Cookie de session (Django)', '(optional)']) {
      expect(readInEnglish(cell).names, cell).toEqual([]);
    }
  });

  it('reads names split by <br> and written with HTML entities, as pages saved to markdown have them', () => {
    expect(readInEnglish('_ga<br>_ga_&lt;ID&gt;').names).toEqual([exact('_ga'), prefix('_ga_')]);
  });

  it('keeps only name-shaped words when an item is a phrase', () => {
    expect(readInEnglish('Cookies Matomo : _pk_id').names).toEqual([exact('_pk_id')]);
  });

  it('drops the colon after a name and a full stop after a known one', () => {
    expect(readInEnglish('_ga: unique visitor ID<br>_gid: daily visitor ID').names).toEqual([exact('_ga'), exact('_gid')]);
    expect(readInEnglish('csrftoken: jeton de sécurité').names).toEqual([exact('csrftoken')]);
    expect(readInEnglish('acme_id:').names).toEqual([exact('acme_id')]);
    expect(readInEnglish('Cookie _ga.').names).toEqual([exact('_ga')]);
    expect(readInEnglish('_gid.').names).toEqual([exact('_gid')]);
  });

  it('keeps the dot of a Matomo family and of a name it does not know', () => {
    expect(readInEnglish('_pk_id.').names).toEqual([exact('_pk_id.')]);
    expect(readInEnglish('_pk_ses.*').names).toEqual([prefix('_pk_ses.')]);
    expect(readInEnglish('acme_id.').names).toEqual([exact('acme_id.')]);
  });

  it('reports an empty cell, or one that says it is empty', () => {
    expect(readInEnglish('')).toEqual({ names: [], problems: ['empty cookie name cell'] });
    expect(readInEnglish('  ')).toEqual({ names: [], problems: ['empty cookie name cell'] });
    expect(readInEnglish('-')).toEqual({ names: [], problems: ['empty cookie name cell'] });
    expect(readInEnglish('N/A')).toEqual({ names: [], problems: ['empty cookie name cell'] });
  });

  it('reports a wildcard with no fixed prefix, and keeps the other names of the cell', () => {
    expect(readInEnglish('*_session, sessionid')).toEqual({
      names: [exact('sessionid')],
      problems: ['“*_session”: a wildcard must follow a fixed prefix'],
    });
  });

  it('reports prose that names no cookie', () => {
    expect(readInEnglish('Voir la politique de Google')).toEqual({
      names: [],
      problems: ['“Voir la politique de Google”: prose, not a cookie name'],
    });
    expect(readInEnglish('any cookie starting with')).toEqual({
      names: [],
      problems: ['“any cookie starting with”: no name after “any cookie starting with”'],
    });
  });

  it('does not repeat a name written twice', () => {
    expect(readInEnglish('_ga, _ga').names).toEqual([exact('_ga')]);
  });
});

describe('readNameCell limits', () => {
  it('reads the first MAX_NAMES_PER_CELL distinct names of a long cell and says the rest were not read', () => {
    const cell = Array.from({ length: 1200 }, (_, i) => `_n${i}`).join(', ');
    expect(cell.length).toBeLessThanOrEqual(MAX_CELL_LENGTH);
    const reading = readInEnglish(cell);
    expect(reading.names).toHaveLength(MAX_NAMES_PER_CELL);
    expect(reading.names.at(-1)).toEqual(exact(`_n${MAX_NAMES_PER_CELL - 1}`));
    expect(reading.problems).toEqual([
      `more than ${MAX_NAMES_PER_CELL} names in one cell: the names after the ${MAX_NAMES_PER_CELL}th are not read`,
    ]);
  });

  it('reads the first MAX_PARTS_PER_CELL parts of a cell, whatever they are, and says the rest were not read', () => {
    const notRead = `more than ${MAX_PARTS_PER_CELL} parts in one cell: the parts after the ${MAX_PARTS_PER_CELL}th are not read`;
    // One name repeated: it never fills the names' limit.
    const repeated = readInEnglish(`${'_a, '.repeat(MAX_PARTS_PER_CELL)}_ga`);
    expect(repeated.names).toEqual([exact('_a')]);
    expect(repeated.problems).toEqual([notRead]);
    // As many names as a cell may give, with words among them: read whole.
    const mixed = Array.from({ length: MAX_NAMES_PER_CELL }, (_, i) => `_n${i} et _n${i}`).join(', ');
    expect(readInEnglish(mixed).names).toHaveLength(MAX_NAMES_PER_CELL);
    // Parts that are no names: ten problems, the count of the others, then the limit, always said.
    const prose = readInEnglish(Array.from({ length: MAX_PARTS_PER_CELL + 100 }, (_, i) => `x y${i}`).join(', '));
    expect(prose.names).toEqual([]);
    expect(prose.problems.slice(-2)).toEqual([`${MAX_PARTS_PER_CELL - 10} more parts of the cell not read`, notRead]);
  });

  it('does not read a cell longer than MAX_CELL_LENGTH, and never overflows on a huge one', () => {
    const huge = '_a, '.repeat(200_000);
    expect(readInEnglish(huge)).toEqual({
      names: [],
      problems: ['cookie name cell of 800,000 characters, over the limit of 10,000: not read'],
    });
  });

  it('keeps ten problems per cell and counts the others', () => {
    const reading = readInEnglish(Array.from({ length: 25 }, (_, i) => `*x${i}`).join(', '));
    expect(reading.problems).toHaveLength(11);
    expect(reading.problems.at(-1)).toBe('15 more parts of the cell not read');
  });
});

describe('readNameCell: invisible and invalid names', () => {
  it.each([
    ['a right-to-left override alone', '\u202E', '“U+202E”: not a cookie name (only invisible characters)'],
    ['zero-width characters', '\u200B\u200D', '“U+200BU+200D”: not a cookie name (only invisible characters)'],
    ['a lone surrogate', '\uD800', '“U+D800”: not a cookie name (invalid characters in it)'],
    ['a lone surrogate after letters', '_ga\uDC00', '“_gaU+DC00”: not a cookie name (invalid characters in it)'],
    ['a combining mark alone', '\u0301', '“\u0301”: not a cookie name (only invisible characters)'],
  ])('does not take %s for a cookie, and shows it as code points', (_case, cell, problem) => {
    expect(readInEnglish(cell)).toEqual({ names: [], problems: [problem] });
  });

  it('keeps the visible names beside them', () => {
    expect(readInEnglish('_ga, \u202E, _gid').names).toEqual([exact('_ga'), exact('_gid')]);
  });
});

describe('toCookieName', () => {
  it('gives an exact name, a prefix, or the reason it cannot', () => {
    expect(toCookieName('_ga', false)).toEqual(exact('_ga'));
    expect(toCookieName('_hs', true)).toEqual(prefix('_hs'));
    expect(nameOrWhy('<ID>_x', false)).toBe('“<ID>_x”: a wildcard must follow a fixed prefix');
    // Separators alone are no fixed prefix: `_*` would declare every cookie whose name starts with `_`.
    for (const token of ['_*', '_.*', '-…', '__<ID>'])
      expect(nameOrWhy(token, false), token).toBe(`“${token}”: a wildcard must follow a fixed prefix`);
    expect(nameOrWhy('_', true)).toBe('“_”: a wildcard must follow a fixed prefix');
    expect(toCookieName('_', false)).toEqual(exact('_'));
    expect(toCookieName('_x*', false)).toEqual(prefix('_x'));
    expect(nameOrWhy('a=b', false)).toBe('“a=b”: not a cookie name (spaces, quotes or separators in it)');
  });
});

describe('looksLikeCookieName', () => {
  it('accepts known names and name shapes', () => {
    for (const token of ['sessionid', 'csrftoken', '_ga', 'django_language', '_pk_id.*', '_ga_<ID>', 'NID', '_ga_XXXX']) {
      expect(looksLikeCookieName(token), token).toBe(true);
    }
  });

  it('refuses words, numbers and URLs', () => {
    for (const token of ['Authentification', 'CSRF', 'front-office', '13', 'https://x.org', '(front']) {
      expect(looksLikeCookieName(token), token).toBe(false);
    }
  });
});

describe('WILDCARD_CHARACTERS', () => {
  it('lists the characters no returned cookie may hold', () => {
    expect(WILDCARD_CHARACTERS).toEqual(['*', '<', '>', '{', '}', '[', ']', '…']);
  });
});

// Models, not seen on a real portal (charter-formats.md lists no such shape; the five real charters hold none):
// inline markup a rich-text editor or a markdown author may put around a name (footnotes, code, italics, links, placeholders), as review parse8 of 2026-12-06 wrote them.
describe('readNameCell: inline markup around a name', () => {
  it('drops a footnote marker in <sup> (a digit, bracketed or in a link), keeping any other <sup> text', () => {
    expect(readNameCell('_ga<sup>1</sup>')).toEqual({ names: [exact('_ga')], problems: [] });
    expect(readNameCell('_ga<sup>[2]</sup>, _gid<sup><a href="#note-2">12</a></sup>').names).toEqual([exact('_ga'), exact('_gid')]);
    expect(readNameCell('mycookie<sup>†</sup>').names).toEqual([exact('mycookie')]);
    // Not a footnote marker: the text stays (an asterisk may be the name's wildcard).
    expect(readNameCell('_ga<sup>*</sup>').names).toEqual([prefix('_ga')]);
  });

  it('unwraps a name in paired inline tags (<code>, <strong>, <em>, <span …>, <a …>)', () => {
    expect(readNameCell('<code>_ga</code>')).toEqual({ names: [exact('_ga')], problems: [] });
    expect(readNameCell('<strong>_gid</strong>')).toEqual({ names: [exact('_gid')], problems: [] });
    expect(readNameCell('<strong><code>_pk_id.*</code></strong>, <em>sessionid</em>').names).toEqual([
      prefix('_pk_id.'),
      exact('sessionid'),
    ]);
    expect(readNameCell('<span class="name">csrftoken</span> ; <a href="#x">_gat</a>').names).toEqual([exact('csrftoken'), exact('_gat')]);
  });

  it('keeps a lone tag-like placeholder: `_ga_<i>` is a wildcard, not a tag', () => {
    expect(readNameCell('_ga_<i>').names).toEqual([prefix('_ga_')]);
    expect(readNameCell('_ga_<ID>').names).toEqual([prefix('_ga_')]);
  });

  it('unwraps markdown italics around a whole name, and a markdown link, in a markdown cell', () => {
    expect(readNameCell('*_ga*', 'markdown')).toEqual({ names: [exact('_ga')], problems: [] });
    expect(readNameCell('*sessionid*, *_gid*', 'markdown').names).toEqual([exact('sessionid'), exact('_gid')]);
    expect(readNameCell('[_gid](#gid)', 'markdown')).toEqual({ names: [exact('_gid')], problems: [] });
    expect(readNameCell('_ga, [csrftoken](https://example.org/a_b)', 'markdown').names).toEqual([exact('_ga'), exact('csrftoken')]);
  });

  it('reads asterisks and brackets as written in text shown as is (a page, a tab row): wildcards, not italics', () => {
    // `*_hj*` on a page is what the page shows: no exact `_hj`, so `_hjid` is not silently undeclared.
    expect(readNameCell('*_hj*').names).toEqual([]);
    expect(readNameCell('*_hj*').problems).toEqual([{ kind: 'not-a-name', token: '*_hj*', why: 'wildcard-first' }]);
    expect(readNameCell('*_ga*', 'text').names).toEqual([]);
    expect(readNameCell('[_gid](#gid)').names).toEqual([]);
  });

  it('leaves asterisks that may be wildcards as they were', () => {
    expect(readNameCell('_ga*, _gid*', 'markdown').names).toEqual([prefix('_ga'), prefix('_gid')]);
    expect(readNameCell('_pk_id.*, *_gid*', 'markdown').names).toEqual([prefix('_pk_id.'), exact('_gid')]);
    // Italics or a wildcard on each side of a family ending in its separator: not guessed.
    expect(readNameCell('*_pk_id.*', 'markdown').names).toEqual([]);
    // Square brackets right after a name are a placeholder, not a link.
    expect(readNameCell('_ga_[ID](GA4)', 'markdown').names).toEqual([prefix('_ga_')]);
  });

  it('reads a <var>, <i> or <em> joined onto a name’s trailing separator as its placeholder, as `_ga_<ID>`', () => {
    for (const source of ['markdown', 'text'] as const) {
      expect(readNameCell('_ga_<var>ID</var>', source)).toEqual({ names: [prefix('_ga_')], problems: [] });
      expect(readNameCell('_ga_<i>CONTAINER-ID</i>', source).names).toEqual([prefix('_ga_')]);
      expect(readNameCell('_pk_id.<em>site</em>', source).names).toEqual([prefix('_pk_id.')]);
      expect(readNameCell('_gat_UA-<var>12345</var>', source).names).toEqual([prefix('_gat_UA-')]);
      expect(readNameCell('<code>_ga_<var>ID</var></code>, _gid', source).names).toEqual([prefix('_ga_'), exact('_gid')]);
      expect(readNameCell('_ga_<var>CONTAINER ID</var>', source).names).toEqual([prefix('_ga_')]);
    }
    // Not after a separator, or another tag: the text as shown.
    expect(readNameCell('<em>sessionid</em>').names).toEqual([exact('sessionid')]);
    expect(readNameCell('session_<code>ID</code>').names).toEqual([exact('session_ID')]);
    // `_ga_ID`, as a live page's text reads `_ga_<var>ID</var>`, is the family: `ID` after a known family's prefix.
    expect(readNameCell('_ga_<code>ID</code>').names).toEqual([prefix('_ga_')]);
    // Separators alone before it are no family.
    expect(readNameCell('_<var>ID</var>').names).toEqual([]);
    // A note in brackets after a name's full stop is no placeholder: the name stays exact (re-review cells10).
    expect(readNameCell('_ga.<i>(Google Analytics)</i>', 'markdown').names).toEqual([exact('_ga')]);
    expect(readNameCell('sessionid.<em>(obligatoire)</em>', 'markdown').names).toEqual([exact('sessionid')]);
  });
});
