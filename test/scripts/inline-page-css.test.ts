import { describe, expect, it } from 'vitest';
import { inlineStylesheets } from '../../scripts/inline-page-css.ts';

type Bundle = Parameters<typeof inlineStylesheets>[1];
const asset = (fileName: string, source: string | Uint8Array) => ({ [fileName]: { type: 'asset', fileName, source } }) as unknown as Bundle;

describe('inlineStylesheets', () => {
  it('writes each linked stylesheet of the bundle into the page, in place of its link', () => {
    const html = '<head><link rel="stylesheet" crossorigin href="/assets/views-1.css"></head><body></body>';
    expect(inlineStylesheets(html, asset('assets/views-1.css', 'main{color:red}'))).toBe(
      '<head><style>main{color:red}</style></head><body></body>',
    );
    expect(inlineStylesheets(html, asset('assets/views-1.css', new TextEncoder().encode('p{}')))).toContain('<style>p{}</style>');
  });

  it('leaves a page without a stylesheet alone', () => {
    expect(inlineStylesheets('<p>x</p>', {})).toBe('<p>x</p>');
  });

  it('refuses a stylesheet it cannot find, or one that would close the element early', () => {
    const html = '<link rel="stylesheet" href="/assets/a.css">';
    expect(() => inlineStylesheets(html, {})).toThrow(/no stylesheet assets\/a\.css/);
    expect(() => inlineStylesheets(html, asset('assets/a.css', 'p{content:"</STYLE><script>"}'))).toThrow(/<\/style/);
  });
});
