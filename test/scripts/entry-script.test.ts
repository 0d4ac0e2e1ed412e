import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { isEntryScript } from '../../scripts/entry-script.ts';

describe('isEntryScript', () => {
  it('knows the script run from a folder whose name holds a space, a # or a %', () => {
    for (const path of ['/tmp/my project/scripts/census/main.ts', '/tmp/a#b/main.ts', '/tmp/100%/main.ts', '/tmp/plain/main.ts'])
      expect(isEntryScript(pathToFileURL(path).href, path), path).toBe(true);
  });

  it('is false for another script, and when Node runs none (a REPL)', () => {
    expect(isEntryScript(pathToFileURL('/tmp/p/scripts/bench/main.ts').href, '/tmp/p/scripts/census/main.ts')).toBe(false);
    expect(isEntryScript(pathToFileURL('/tmp/p/main.ts').href, undefined)).toBe(false);
  });
});
