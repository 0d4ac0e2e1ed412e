import { describe, expect, it } from 'vitest';
import { importedScript, importWhileInstalling, type WorkerScope } from '../../src/platform/worker-scripts.ts';

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

  it('does nothing where there is no importScripts (Firefox’s event page: its manifest lists the script)', () => {
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
