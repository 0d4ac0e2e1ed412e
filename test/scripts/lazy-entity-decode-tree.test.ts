import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { transformEntitiesModule } from '../../scripts/lazy-entity-decode-tree.ts';
import { scratchDir } from '../../scripts/browsers/browser-under-test.ts';

/** The entities package htmlparser2 imports (its own copy), as the bundler resolves it. */
const entitiesDecode = createRequire(createRequire(import.meta.url).resolve('htmlparser2')).resolve('entities/decode');
const entitiesDist = dirname(entitiesDecode);
const scratch = scratchDir('lazy-entities');
afterAll(() => scratch.remove());

/** What the test uses of entities/decode (the top-level entities package is another version, without it). */
type DecodeModule = {
  htmlDecodeTree: Uint16Array;
  EntityDecoder: new (tree: Uint16Array, emitCodePoint: (codePoint: number, consumed: number) => void) => unknown;
  decodeHTML(text: string): string;
  decodeHTMLAttribute(text: string): string;
  decodeHTMLStrict(text: string): string;
};

/** A copy of entities/dist with the plugin's transform applied to each module, as the build sees it. */
async function transformedCopy(name: string): Promise<DecodeModule> {
  // One folder per copy: a module is evaluated once per URL.
  const copy = join(scratch.path, name, 'node_modules', 'entities', 'dist');
  cpSync(entitiesDist, copy, { recursive: true, filter: (source) => !source.endsWith('.map') });
  for (const file of ['decode.js', 'generated/decode-data-html.js']) {
    const path = join(copy, file);
    const code = transformEntitiesModule(readFileSync(path, 'utf8'), path);
    expect(code, file).not.toBeNull();
    writeFileSync(path, code!);
  }
  return (await import(pathToFileURL(join(copy, 'decode.js')).href)) as DecodeModule;
}

const SAMPLES = [
  'a &amp; b &eacute;t&eacute; &lt;x&gt; &notin; &notit; &#x1F600; &#39; &#0; &#x110000;',
  '&AMP &amp &nbsp;x &NotNestedGreaterGreater; &zwnj; &fjlig;&acE;&bogus; &am &',
  'Durée : 13&nbsp;mois &ndash; «&nbsp;_ga&nbsp;» &hellip;',
  'no character reference at all',
];

describe('lazy entity decode tree (build plugin)', () => {
  it('leaves the tree empty at load, fills it at the first decoder, and decodes as the library does', async () => {
    const original = (await import(pathToFileURL(entitiesDecode).href)) as DecodeModule;
    const lazy = await transformedCopy('with-decoder');
    expect(lazy.htmlDecodeTree).toHaveLength(original.htmlDecodeTree.length);
    expect(lazy.htmlDecodeTree.every((value) => value === 0)).toBe(true);
    // As htmlparser2's Tokenizer does: a decoder made with the tree fills it.
    new lazy.EntityDecoder(lazy.htmlDecodeTree, () => undefined);
    expect(lazy.htmlDecodeTree).toEqual(original.htmlDecodeTree);
    for (const sample of SAMPLES) {
      expect(lazy.decodeHTML(sample)).toBe(original.decodeHTML(sample));
      expect(lazy.decodeHTMLAttribute(sample)).toBe(original.decodeHTMLAttribute(sample));
      expect(lazy.decodeHTMLStrict(sample)).toBe(original.decodeHTMLStrict(sample));
    }
  });

  it('fills the tree for decodeHTML alone, with no decoder made first', async () => {
    const lazy = await transformedCopy('decode-only');
    expect(lazy.htmlDecodeTree.every((value) => value === 0)).toBe(true);
    expect(lazy.decodeHTML('&eacute;&amp;')).toBe('é&');
  });

  it('fails the build when a pattern it relies on is gone (a new version of entities)', () => {
    const path = join(entitiesDist, 'decode.js');
    const changed = readFileSync(path, 'utf8').replace('this.decodeTree = decodeTree;', 'this.tree = decodeTree;');
    expect(() => transformEntitiesModule(changed, path)).toThrow(/matched 0 times/);
  });

  it('leaves every other module alone', () => {
    expect(transformEntitiesModule('export const x = 1;', '/p/node_modules/htmlparser2/dist/Tokenizer.js')).toBeNull();
    expect(transformEntitiesModule('export const x = 1;', join(entitiesDist, 'encode.js'))).toBeNull();
  });
});
