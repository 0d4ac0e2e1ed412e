import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { removeScratchDirsLeft, scratchDir } from '../../../scripts/browsers/browser-under-test.ts';

describe('removeScratchDirsLeft', () => {
  it('removes the scratch folders not removed yet (a browser profile, its cookies with it), and only those', () => {
    const removed = scratchDir('left-removed');
    const left = scratchDir('left-behind');
    removed.remove();
    removeScratchDirsLeft();
    expect([existsSync(removed.path), existsSync(left.path)]).toEqual([false, false]);
    // Removed once: removing again, or the folder's own remove, is no error.
    expect(() => removeScratchDirsLeft()).not.toThrow();
    expect(() => left.remove()).not.toThrow();
  });
});
