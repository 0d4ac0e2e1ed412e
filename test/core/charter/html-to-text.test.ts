import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../../src/core/charter/html-to-text.ts';
import { parseCharter } from '../../../src/core/charter/parse.ts';
import { charterPage, DEMO_CHARTER } from '../../../scripts/demo-portal/charters.ts';

describe('htmlToText', () => {
  it('lays a platform charter page out for the parser: headings, tab-separated rows', () => {
    const text = htmlToText(charterPage('demo.opendatasoft.com', DEMO_CHARTER));
    expect(text).toContain('## Charte cookies');
    expect(text).toContain('### A quoi servent les cookies sur la plateforme <https://demo.opendatasoft.com>');
    expect(text).toContain('Huwise\tsessionid\t2 semaines\tSe souvenir de l\'utilisateur d\'une page à une autre');
    expect(parseCharter(text).entries).toHaveLength(7);
  });

  it('drops scripts, styles and comments without running anything', () => {
    const text = htmlToText('<body><script>document.write("<td>_evil</td>")</script><style>td{}</style><!-- <td>x</td> --><p>Hello</p></body>');
    expect(text).toBe('Hello');
  });

  it('keeps markup-looking text as text and decodes entities', () => {
    expect(htmlToText('<p>&lt;b&gt;x&lt;/b&gt; &amp; &#39;a&#x27; &eacute;t&eacute; &unknown;</p>')).toBe("<b>x</b> & 'a' été &unknown;");
    expect(decodeEntities('&#0; &#x110000;')).toBe('&#0; &#x110000;');
  });

  it('ends lines at block elements and <br>', () => {
    expect(htmlToText('<div>a</div><div>b<br>c</div><ul><li>d</li><li>e</li></ul>').split('\n').filter(Boolean)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
