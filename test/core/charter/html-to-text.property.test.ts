/** Whatever the page, htmlToText returns text (never throws) and never lets attribute values or script content through. */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { htmlTextCandidates, htmlToText } from '../../../src/core/charter/html-to-text.ts';
import { readCharterPage } from '../../../src/core/charter/live.ts';
import { CharterError } from '../../../src/core/charter/errors.ts';
import { hostileText } from '../../support/hostile-text.ts';

const HTML_FRAGMENTS = [
  '<a',
  '<body',
  '<!--',
  '-->',
  '&nbsp;',
  '&',
  '&#',
  '&#x',
  '&amp',
  '<div>',
  '</div>',
  '<td>',
  '<tr>',
  '</table>',
  '<table>',
  '<script>',
  '</script>',
  '<style>',
  '<svg>',
  '</svg>',
  '<template>',
  '<main>',
  '</main>',
  '<nav>',
  '<header>',
  '<h2>',
  '<p hidden>',
  '</p>',
  '<ul>',
  '</ul>',
  '<li>',
  '<li hidden>',
  '<dt hidden>',
  '<object>',
  '<td rowspan="3">',
  '<td colspan="3">',
  '<th rowspan=0 colspan=1000>',
  '<tbody>',
  '<pre>',
  '<div role="main">',
  '<footer>',
  '</pre>',
  '\n',
  '<br>',
  '"',
  "'",
  '=',
  '>',
  '<',
  '/',
  '<p title="a > b">',
  '<![CDATA[',
  ']]>',
  '<?',
  '<!doctype html>',
  'Cookie name',
  '\t',
  '_ga',
];

describe('htmlToText never throws', () => {
  it('on random and structured hostile pages', () => {
    fc.assert(
      fc.property(hostileText(HTML_FRAGMENTS), (html) => {
        expect(typeof htmlToText(html)).toBe('string');
        for (const text of htmlTextCandidates(html)) expect(text.trim()).not.toBe('');
      }),
      { numRuns: 400 },
    );
  });

  it('and the live-page reader gives a charter or a CharterError, nothing else', () => {
    fc.assert(
      fc.property(hostileText(HTML_FRAGMENTS), (html) => {
        try {
          readCharterPage(html, 'text/html');
        } catch (error) {
          if (!(error instanceof CharterError)) throw error;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('htmlToText keeps markup out of the text', () => {
  const attributeValue = fc.string({ unit: fc.constantFrom('a', '>', '<', '/', ' ', '=', '&', ';', '`', '\n', "'"), maxLength: 30 });
  const name = fc.constantFrom('title', 'onclick', 'onerror', 'ng-if', 'data-x', 'href', 'style');

  it('never shows a double-quoted attribute value, whatever it holds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, attributeValue), { maxLength: 4 }),
        fc.constantFrom('p', 'td', 'a', 'img', 'div', 'h3'),
        (attributes, tag) => {
          const html = `<table><tr><td><${tag} ${attributes.map(([key, value]) => `${key}="LEAK${value.replaceAll('"', '')}LEAK"`).join(' ')}>word</${tag}></td></tr></table>`;
          const text = htmlToText(html);
          expect(text).not.toContain('LEAK');
          expect(text).toContain('word');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never shows what raw-text and hidden elements hold', () => {
    const content = fc.string({ unit: fc.constantFrom('a', '<', '>', '/', '"', '-', '!', ' ', 'p', 'd'), maxLength: 40 });
    fc.assert(
      fc.property(fc.constantFrom('script', 'style', 'textarea', 'title', 'template', 'noscript', 'svg'), content, (tag, inner) => {
        const safe = inner.replaceAll(`</${tag}`, '');
        const text = htmlToText(`<p>before</p><${tag}>HIDDEN${safe}HIDDEN</${tag}><p>after</p>`);
        // Raw text ends only at its end tag; in the others a "<" may open markup that a browser would show, or a
        // tag or comment that swallows the end tag: there, only markup-free content is checked.
        if (['script', 'style', 'textarea', 'title'].includes(tag) || !safe.includes('<')) {
          expect(text).not.toContain('HIDDEN');
          expect(text).toContain('after');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('htmlToText on hostile shapes', () => {
  it('keeps a <pre> of many lines and tabs as that many lines of cells, no more', () => {
    for (const size of [1_000, 10_000]) {
      const text = htmlToText(`<pre>${'a\t\tb\r\n\n'.repeat(size)}</pre>`);
      expect(text.split('\n').filter((line) => line === 'a\t\tb')).toHaveLength(size);
      expect(text.length).toBeLessThan(6 * size);
    }
  });

  it('repeats spanning cells within a budget: the text never grows past twice the page and 100,000 characters, however many rows and columns they span', () => {
    const cell = `<td rowspan="65534" colspan="1000">${'x'.repeat(40)}</td>`;
    for (const rows of [100, 1_000, 10_000]) {
      const html = `<table><tr>${cell.repeat(64)}</tr>${'<tr><td>y'.repeat(rows)}</table>`;
      const text = htmlToText(html);
      expect(text.length).toBeLessThanOrEqual(2 * html.length + 100_000);
      // Every row still reads: copies stop, rows do not.
      expect(text.split('\n').filter((line) => line.split('\t').includes('y'))).toHaveLength(rows);
    }
    const wide = `<table>${'<tr><td>a<td colspan="1000">b'.repeat(5_000)}</table>`;
    expect(htmlToText(wide).length).toBeLessThanOrEqual(2 * wide.length + 100_000);
    // A few spans, as real charters have, are all repeated.
    expect(
      htmlToText(`<table><tr><td>a<td rowspan=64 colspan=64>b${'<tr><td>c'.repeat(63)}</table>`)
        .split('\n')
        .filter(Boolean)[63],
    ).toBe(`c\t${Array.from({ length: 63 }, () => 'b').join('\t')}`);
  });

  it('pays for copying a spanning cell before copying it: spanning cells nested in spanning cells copy work linear in the page, not in its square', () => {
    // Each nested cell holds the text of all the cells inside it; its rowspan is never written (its table ends first).
    const nested = (depth: number) => '<table><tr><td rowspan=2>x'.repeat(depth) + '</td></tr></table>'.repeat(depth);
    // The work counted: the elements of every array joined (a cell's copy is its pieces joined).
    const joined = (html: string) => {
      const join = Array.prototype.join;
      let elements = 0;
      const spy = vi.spyOn(Array.prototype, 'join').mockImplementation(function (this: unknown[], separator?: string) {
        elements += this.length;
        return join.call(this, separator);
      });
      try {
        htmlToText(html);
      } finally {
        spy.mockRestore();
      }
      return elements;
    };
    for (const depth of [1_000, 4_000]) {
      const html = nested(depth);
      expect(joined(html)).toBeLessThanOrEqual(4 * html.length);
    }
    // Within the budget, nested spans are still repeated: the inner cell's rowspan fills the next row.
    expect(htmlToText('<table><tr><td rowspan=2>a<table><tr><td rowspan=2>b<tr><td>c</table><tr><td>d</table>')).toBe(
      'a\n\nb\n\nb\tc\n\na b b c\td',
    );
  });

  it('reads on after many scripts the standard ends past their first end tag: every one hidden, all text after them kept', () => {
    for (const size of [1_000, 10_000]) {
      const text = htmlToText(`<p>${'<script><!--<script></script>x--></script>y'.repeat(size)}</p>`);
      expect(text).toBe('y'.repeat(size));
    }
  });

  it('closes each of many unclosed hidden paragraphs and list items at the next one: what follows shows, and text grows with the page', () => {
    for (const size of [1_000, 10_000]) {
      const paragraphs = htmlToText(`${'<p hidden>x'.repeat(size)}<h2>after</h2>${'<p>y'.repeat(size)}`);
      expect(paragraphs.startsWith('## after\n')).toBe(true);
      expect(paragraphs.split('\n').filter((line) => line === 'y')).toHaveLength(size);
      const items = htmlToText(`<ul>${'<li hidden>x'.repeat(size)}</ul>${'<li>y'.repeat(size)}`);
      expect(items.split('\n').filter((line) => line === 'y')).toHaveLength(size);
      expect(items).not.toContain('x');
    }
  });
});
