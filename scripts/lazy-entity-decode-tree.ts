/**
 * A Vite plugin for the background worker's wake (issue #16). htmlparser2's character-reference
 * decoder (the `entities` package, 8.x) builds its HTML decode tree, 13,494 values unpacked from
 * a string, when its module is evaluated. The worker evaluates every module it imports at each
 * wake (a service worker cannot import later), so each wake paid for it, though only reading a
 * charter page needs it: with it lazy, a wake with 2,000 cookies recorded went from 27.0 to
 * 24.2 ms in Chromium (medians of 11 alternating wakes in one browser; the minimal worker 8.4 ms).
 *
 * The tree's array is still created at load (empty, its final length), so every module that
 * holds it keeps the same object; it is filled once, where a decoder is made (EntityDecoder's
 * constructor, which htmlparser2's Tokenizer calls) or where the HTML trie is walked without
 * one (decodeWithTrie, behind decodeHTML). Each pattern must match exactly once: a version of
 * entities that changes them fails the build instead of decoding with an empty tree.
 *
 * Used by the worker's build (scripts/classic-worker.ts); the pages never read a charter page.
 */
import type { Plugin } from 'vite';

/** What a module of entities/dist becomes, or null when the plugin leaves it alone. */
export function transformEntitiesModule(code: string, id: string): string | null {
  const path = id.split('?')[0]!.replace(/\\/g, '/');
  if (!path.includes('/node_modules/entities/dist/')) return null;
  if (path.endsWith('/generated/decode-data-html.js')) {
    return replaceOnce(
      code,
      id,
      /export const htmlDecodeTree = \/\* #__PURE__ \*\/ decodeTrieDict\(("(?:[^"\\]|\\.)*"), ([\d_]+), ([^)]*)\);/,
      (packed, length, rest) =>
        `export const htmlDecodeTree = new Uint16Array(${length});\n` +
        `let htmlDecodeTreeFilled = false;\n` +
        `export function fillHtmlDecodeTree() {\n` +
        `  if (htmlDecodeTreeFilled) return;\n` +
        `  htmlDecodeTree.set(decodeTrieDict(${packed}, ${length}, ${rest}));\n` +
        `  htmlDecodeTreeFilled = true;\n` +
        `}`,
    );
  }
  if (path.endsWith('/dist/decode.js')) {
    let next = replaceOnce(
      code,
      id,
      /import \{ htmlDecodeTree \} from "\.\/generated\/decode-data-html\.js";/,
      () => 'import { fillHtmlDecodeTree, htmlDecodeTree } from "./generated/decode-data-html.js";',
    );
    next = replaceOnce(next, id, /(\n {8}this\.decodeTree = decodeTree;)/, (line) => `\n        fillHtmlDecodeTree();${line}`);
    return replaceOnce(next, id, /(function decodeWithTrie\([^)]*\) \{)/, (head) => `${head}\n    fillHtmlDecodeTree();`);
  }
  return null;
}

function replaceOnce(code: string, id: string, pattern: RegExp, replace: (...groups: string[]) => string): string {
  const count = code.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
  if (count !== 1) throw new Error(`lazyEntityDecodeTree: ${String(pattern)} matched ${count} times in ${id}`);
  const match = pattern.exec(code)!;
  return code.slice(0, match.index) + replace(...match.slice(1)) + code.slice(match.index + match[0].length);
}

export function lazyEntityDecodeTree(): Plugin {
  return {
    name: 'lazy-entity-decode-tree',
    enforce: 'pre',
    transform(code, id) {
      const next = transformEntitiesModule(code, id);
      // No map of its own: it moves no library line but the few it adds (quiets the sourcemap warning of a sourcemap build).
      return next === null ? null : { code: next, map: null };
    },
  };
}
