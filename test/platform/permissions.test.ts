import { describe, expect, it } from 'vitest';
import {
  devtoolsPanelOffered,
  grantedSites,
  hasEmbeddedContentAccess,
  hasHostAccess,
  onHostAccessChanged,
  requestDevtoolsPanel,
  requestEmbeddedContentAccess,
  requestHostAccess,
} from '../../src/platform/permissions.ts';
import { fakeEvent } from '../support/fake-events.ts';

function fakePermissions(origins: string[]) {
  const asked: string[][] = [];
  const onAdded = fakeEvent<() => void>();
  const onRemoved = fakeEvent<() => void>();
  const api = {
    permissions: {
      contains: async ({ origins: wanted }: { origins: string[] }) => wanted.every((origin) => origins.includes(origin)),
      request: async ({ origins: wanted }: { origins: string[] }) => (asked.push(wanted), true),
      getAll: async () => ({ origins, permissions: ['cookies'] }),
      onAdded,
      onRemoved,
    },
  } as never;
  return { api, asked, onAdded, onRemoved };
}

describe('platform permissions', () => {
  it('ask whether one host is accessible, by its pattern', async () => {
    const { api } = fakePermissions(['*://opendata.example.org/*']);
    expect(await hasHostAccess('opendata.example.org', api)).toBe(true);
    expect(await hasHostAccess('example.org', api)).toBe(false);
  });

  it('list the hosts granted one by one, not the wildcard patterns, and whether every site is', async () => {
    const { api } = fakePermissions(['*://*.opendatasoft.com/*', '*://data.tco.re/*', '*://opendata.example.org/*']);
    const granted = await grantedSites(api);
    expect([...granted.hosts]).toEqual(['data.tco.re', 'opendata.example.org']);
    expect(granted.everySite).toBe(false);
    expect((await grantedSites(fakePermissions(['*://*/*', '*://data.tco.re/*']).api)).everySite).toBe(true);
  });

  it('request the origins given, and hear grants and removals', async () => {
    const { api, asked, onAdded, onRemoved } = fakePermissions([]);
    expect(await requestHostAccess(['*://opendata.example.org/*'], api)).toBe(true);
    expect(asked).toEqual([['*://opendata.example.org/*']]);
    let changes = 0;
    onHostAccessChanged(() => changes++, api);
    onAdded.fire();
    onRemoved.fire();
    expect(changes).toBe(2);
  });

  it('ask for the embedded content’s access in one prompt: webRequest and every site', async () => {
    const asked: unknown[] = [];
    let granted = false;
    const api = {
      permissions: {
        contains: async (wanted: { permissions: string[]; origins: string[] }) =>
          granted && wanted.permissions.includes('webRequest') && wanted.origins.includes('*://*/*'),
        request: async (wanted: unknown) => (asked.push(wanted), (granted = true)),
      },
    } as never;
    expect(await hasEmbeddedContentAccess(api)).toBe(false);
    expect(await requestEmbeddedContentAccess(api)).toBe(true);
    expect(asked).toEqual([{ permissions: ['webRequest'], origins: ['*://*/*'] }]);
    expect(await hasEmbeddedContentAccess(api)).toBe(true);
  });
});

describe('the DevTools panel as an optional permission (Firefox)', () => {
  function fakeApi(optional: string[] | undefined, granted: boolean) {
    const asked: unknown[] = [];
    const api = {
      runtime: { getManifest: () => (optional ? { optional_permissions: optional } : {}) },
      permissions: {
        contains: async (wanted: { permissions?: string[] }) => (asked.push(['contains', wanted]), granted),
        request: async (wanted: { permissions?: string[] }) => (asked.push(['request', wanted]), true),
      },
    } as never;
    return { api, asked };
  }

  it('is offered only by a build that makes it optional, and only until granted', async () => {
    expect(await devtoolsPanelOffered(fakeApi(['devtools'], false).api)).toBe(true);
    expect(await devtoolsPanelOffered(fakeApi(['devtools'], true).api)).toBe(false);
    // Chrome's build: devtools_page is always on, nothing to offer.
    expect(await devtoolsPanelOffered(fakeApi(undefined, false).api)).toBe(false);
    expect(await devtoolsPanelOffered(fakeApi(['tabs'], false).api)).toBe(false);
  });

  it('is asked for by name', async () => {
    const { api, asked } = fakeApi(['devtools'], false);
    expect(await requestDevtoolsPanel(api)).toBe(true);
    expect(asked).toEqual([['request', { permissions: ['devtools'] }]]);
  });
});
