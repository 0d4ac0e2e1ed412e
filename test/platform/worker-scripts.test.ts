import { describe, expect, it } from 'vitest';
import { importedScript, importWhileInstalling, loadedScript, type WorkerScope } from '../../src/platform/worker-scripts.ts';

const SCRIPT = { file: 'later-parts.js', global: 'laterParts' };

/** A worker scope whose importScripts notes each file and defines the script's global, as the real script does. */
function scope(state?: string, defines = true): WorkerScope & { imported: string[] } {
  const imported: string[] = [];
  const fake: WorkerScope & { imported: string[] } = {
    imported,
    importScripts: (...files: string[]) => {
      imported.push(...files);
      if (defines) fake[SCRIPT.global] = { parts: true };
    },
  };
  if (state) fake.serviceWorker = { state };
  return fake;
}

describe('the worker’s scripts imported when needed', () => {
  it('imports the script at the top of the run that may install the worker, and not in a worker already activated', () => {
    for (const state of ['parsed', 'installing', undefined]) {
      const installing = scope(state);
      importWhileInstalling(SCRIPT, installing);
      expect(installing.imported, String(state)).toEqual(['later-parts.js']);
    }
    const woken = scope('activated');
    importWhileInstalling(SCRIPT, woken);
    expect(woken.imported).toEqual([]);
  });

  it('does nothing at the top where there is no importScripts (Firefox’s event page: loadedScript adds it when needed)', () => {
    const page: WorkerScope = { [SCRIPT.global]: { parts: true } };
    expect(() => importWhileInstalling(SCRIPT, page)).not.toThrow();
    expect(importedScript(SCRIPT, page)).toEqual({ parts: true });
  });

  it('imports the script the first time it is asked for in a woken worker, and only then', () => {
    const woken = scope('activated');
    expect(importedScript(SCRIPT, woken)).toEqual({ parts: true });
    expect(importedScript(SCRIPT, woken)).toEqual({ parts: true });
    expect(woken.imported).toEqual(['later-parts.js']);
  });

  it('says which script is missing when it cannot be imported or defines nothing', () => {
    expect(() => importedScript(SCRIPT, {})).toThrow(/later-parts\.js is not loaded \(it should define laterParts\)/);
    expect(() => importedScript(SCRIPT, scope('activated', false))).toThrow(/later-parts\.js is not loaded/);
    const refused = scope('activated');
    refused.importScripts = () => {
      throw new DOMException("Failed to execute 'importScripts'", 'NetworkError');
    };
    expect(() => importedScript(SCRIPT, refused)).toThrow(/importScripts/);
  });
});

/** An event page's document whose script elements "load" when appended: each defines the global, or fails. */
function eventPage(outcome: 'load' | 'error' | 'defines nothing' = 'load'): WorkerScope & { added: string[]; removed: string[] } {
  const added: string[] = [];
  const removed: string[] = [];
  const page: WorkerScope & { added: string[]; removed: string[] } = { added, removed };
  const element = {
    src: '',
    onload: null as (() => void) | null,
    onerror: null as (() => void) | null,
    remove(this: { src: string }) {
      removed.push(this.src);
    },
  };
  page.document = {
    createElement: () => ({ ...element }) as unknown as HTMLElement,
    head: {
      append: (node: typeof element) => {
        added.push(node.src);
        setTimeout(() => {
          if (outcome === 'load') page[SCRIPT.global] = { parts: true };
          (outcome === 'error' ? node.onerror : node.onload)?.();
        }, 0);
      },
    } as unknown as HTMLHeadElement,
  };
  return page;
}

describe('the worker’s scripts loaded when needed (loadedScript)', () => {
  it('adds the script to an event page the first time it is asked for, once for callers at the same time, from the package’s root', async () => {
    const page = eventPage();
    const [first, second] = await Promise.all([loadedScript(SCRIPT, page), loadedScript(SCRIPT, page)]);
    expect([first, second]).toEqual([{ parts: true }, { parts: true }]);
    expect(await loadedScript(SCRIPT, page)).toEqual({ parts: true });
    expect(page.added).toEqual(['/later-parts.js']);
    // Another page asking at the same time gets its own element.
    const [one, other] = [eventPage(), eventPage()];
    await Promise.all([loadedScript(SCRIPT, one), loadedScript(SCRIPT, other)]);
    expect([one.added, other.added]).toEqual([['/later-parts.js'], ['/later-parts.js']]);
  });

  it('imports it in a service worker, as importedScript does', async () => {
    const woken = scope('activated');
    expect(await loadedScript(SCRIPT, woken)).toEqual({ parts: true });
    expect(woken.imported).toEqual(['later-parts.js']);
  });

  it('rejects, saying which, when the script cannot be loaded or defines nothing, and tries again when asked again', async () => {
    await expect(loadedScript(SCRIPT, eventPage('error'))).rejects.toThrow(/later-parts\.js could not be loaded/);
    await expect(loadedScript(SCRIPT, eventPage('defines nothing'))).rejects.toThrow(/later-parts\.js is not loaded/);
    await expect(loadedScript(SCRIPT, {})).rejects.toThrow(/later-parts\.js is not loaded/);
    const page = eventPage('error');
    await expect(loadedScript(SCRIPT, page)).rejects.toThrow();
    await expect(loadedScript(SCRIPT, page)).rejects.toThrow();
    expect(page.added).toHaveLength(2);
    // A script that failed is taken out of the page.
    expect(page.removed).toEqual(['/later-parts.js', '/later-parts.js']);
  });
});
