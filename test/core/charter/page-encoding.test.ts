import { describe, expect, it } from 'vitest';
import { decodePage, ENCODING_PRESCAN_BYTES, pageEncoding } from '../../../src/core/charter/page-encoding.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('pageEncoding', () => {
  it('picks as a browser does: byte order mark, content type, <meta> in the first 1,024 bytes, else UTF-8', () => {
    expect(pageEncoding('text/html; charset=iso-8859-1', Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('utf-8');
    expect(pageEncoding(null, Uint8Array.of(0xff, 0xfe, 0x41, 0))).toBe('utf-16le');
    expect(pageEncoding('text/html; charset=ISO-8859-1', bytes('<meta charset="utf-8">'))).toBe('windows-1252');
    expect(pageEncoding('text/html;charset="latin1"', bytes(''))).toBe('windows-1252');
    expect(pageEncoding('text/html; charset="latin1', bytes(''))).toBe('windows-1252');
    expect(pageEncoding('text/html; charset=utf-8', bytes('<meta charset="iso-8859-15">'))).toBe('utf-8');
    expect(pageEncoding(null, bytes('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=ISO-8859-15">'))).toBe('iso-8859-15');
    expect(pageEncoding('text/html', bytes('<html><head><meta charset=windows-1252 /></head>'))).toBe('windows-1252');
    expect(pageEncoding(null, bytes('no markup at all'))).toBe('utf-8');
  });

  it('reads a <meta> naming UTF-16 as UTF-8, and an unknown label as none, going on to the next <meta>', () => {
    expect(pageEncoding(null, bytes('<meta charset="utf-16">'))).toBe('utf-8');
    expect(pageEncoding('text/html; charset=klingon', bytes('<meta charset="klingon">'))).toBe('utf-8');
    expect(pageEncoding(null, bytes('<meta charset="klingon"><meta charset="iso-8859-2">'))).toBe('iso-8859-2');
  });

  it('looks no further than the first 1,024 bytes', () => {
    const late = `${' '.repeat(ENCODING_PRESCAN_BYTES)}<meta charset="iso-8859-1">`;
    expect(pageEncoding(null, bytes(late))).toBe('utf-8');
    expect(pageEncoding(null, bytes(late.slice(1)))).toBe('utf-8');
    expect(pageEncoding(null, bytes(late.slice(30)))).toBe('windows-1252');
  });

  // A reviewer's cases: each switched a UTF-8 page to windows-1252, and its table was not read.
  it('takes no charset from a <meta> in a comment, from a <meta> that is no http-equiv, nor from inside another parameter', () => {
    const utf8Page = (before: string) => bytes(`<html><head>${before}<meta charset="utf-8"></head>`);
    expect(pageEncoding('text/html', utf8Page('<!-- <meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"> -->'))).toBe(
      'utf-8',
    );
    expect(pageEncoding('text/html', utf8Page('<!--<meta charset="windows-1252">-->'))).toBe('utf-8');
    expect(pageEncoding('text/html', utf8Page('<meta name="description" content="Tools: charset=latin1 converter">'))).toBe('utf-8');
    expect(pageEncoding('text/html; profile="x; charset=iso-8859-1"', utf8Page(''))).toBe('utf-8');
    expect(pageEncoding('text/html; profile="x\\"; charset=iso-8859-1"; charset=iso-8859-2', utf8Page(''))).toBe('iso-8859-2');
  });

  it('reads a Content-Type sent more than once as the Fetch standard does: the last type’s charset, or the first of its run’s', () => {
    const twice = (...values: string[]) => new Headers(values.map((value) => ['content-type', value])).get('content-type');
    expect(pageEncoding(twice('text/html; charset=ISO-8859-1', 'text/html; charset=ISO-8859-1'), bytes('<h2>Dur</h2>'))).toBe(
      'windows-1252',
    );
    expect(pageEncoding(twice('text/html; charset=ISO-8859-2', 'text/html'), bytes(''))).toBe('iso-8859-2');
    expect(pageEncoding(twice('text/plain; charset=ISO-8859-2', 'text/html'), bytes(''))).toBe('utf-8');
    expect(pageEncoding(twice('text/html; charset=ISO-8859-2', 'text/html; charset=windows-1251'), bytes(''))).toBe('windows-1251');
    // A charset in the middle of the run is not carried: the first one's is (Fetch, step 5.5).
    const thrice = new Headers([
      ['content-type', 'text/html;charset=ISO-8859-1'],
      ['content-type', 'text/html;charset=utf-8'],
      ['content-type', 'text/html'],
    ]).get('content-type');
    expect(pageEncoding(thrice, bytes(''))).toBe('windows-1252');
    // A reviewer's cases, compared with undici's extractMimeType: an empty charset is none, and
    // a value that is no MIME type is skipped, not the start of another run.
    expect(pageEncoding('text/html;charset=iso-8859-1, text/html;charset=', bytes(''))).toBe('windows-1252');
    expect(pageEncoding('text/html;charset=iso-8859-1, text/h\u00e9ml, text/html', bytes(''))).toBe('windows-1252');
    expect(pageEncoding('text/html;charset=iso-8859-1, te(xt/html, text/html', bytes(''))).toBe('windows-1252');
    expect(pageEncoding('text/html; profile="a, b"; charset=ISO-8859-2', bytes(''))).toBe('iso-8859-2');
  });
});

describe('decodePage', () => {
  it('decodes windows-1252’s 0x80–0x9F by its own table (Node 20’s decoder gives C1 controls), the five bytes it leaves undefined as controls', () => {
    // The WHATWG Encoding standard's index-windows-1252, 0x80 to 0x9F.
    const table = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
    const high = Uint8Array.from({ length: 32 }, (_, index) => 0x80 + index);
    expect(decodePage(high, 'windows-1252')).toBe(table);
    expect(decodePage(Uint8Array.of(0x64, 0x92, 0x61, 0xe9), 'windows-1252')).toBe('d’aé');
    // Other encodings decode as the decoder does.
    expect(decodePage(new TextEncoder().encode('d’a\u0092'), 'utf-8')).toBe('d’a\u0092');
  });
});
