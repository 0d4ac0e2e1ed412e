import { describe, expect, it } from 'vitest';
import { requiredHostOrigins } from '../../src/platform/manifest.ts';

const runtime = (manifest: object) =>
  ({ runtime: { getManifest: () => manifest, getURL: (path: string) => `chrome-extension://id/${path}` } }) as never;

describe('platform manifest', () => {
  it('lists the host permissions the manifest requires, none when it has none', () => {
    expect(requiredHostOrigins(runtime({ host_permissions: ['*://data.tco.re/*'] }))).toEqual(['*://data.tco.re/*']);
    expect(requiredHostOrigins(runtime({}))).toEqual([]);
  });
});
