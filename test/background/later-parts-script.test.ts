import { afterEach, describe, expect, it } from 'vitest';
import { laterParts } from '../../src/background/later-parts-script.ts';
import * as parts from '../../src/background/later-parts.ts';
import { LATER_PARTS_SCRIPT } from '../../src/core/later-parts-file.ts';

const scope = globalThis as Record<string, unknown>;

describe('the worker’s second script', () => {
  afterEach(() => {
    delete scope[LATER_PARTS_SCRIPT.global];
  });

  it('gives the charter reader and the exports its global holds', async () => {
    scope[LATER_PARTS_SCRIPT.global] = parts;
    const loaded = await laterParts();
    expect(Object.keys(loaded).sort()).toEqual(['exportCharterDraft', 'exportReport', 'fetchLiveCharter']);
    expect(loaded.exportReport).toBe(parts.exportReport);
  });

  it('rejects, naming the file, where it is not loaded and cannot be (no importScripts here)', async () => {
    await expect(laterParts()).rejects.toThrow(`The worker's script ${LATER_PARTS_SCRIPT.file} is not loaded`);
  });
});
