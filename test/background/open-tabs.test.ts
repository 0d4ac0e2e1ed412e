import { describe, expect, it } from 'vitest';
import { createOpenTabs } from '../../src/background/open-tabs.ts';

describe('open tabs', () => {
  it('know the sites shown per cookie store, tabs without a store being in the default one', () => {
    const tabs = createOpenTabs();
    tabs.replaceAll(
      [
        { tabId: 1, url: 'https://data.tco.re/explore/', storeId: undefined },
        { tabId: 2, url: 'https://itie.opendatasoft.com/', storeId: 'firefox-private' },
        { tabId: 3, url: 'about:blank', storeId: undefined },
      ],
      'firefox-default',
    );
    expect(tabs.has('data.tco.re', 'firefox-default')).toBe(true);
    expect(tabs.has('data.tco.re', 'firefox-private')).toBe(false);
    expect([...tabs.hosts('firefox-private')]).toEqual(['itie.opendatasoft.com']);
    expect([...tabs.allHosts()].sort()).toEqual(['data.tco.re', 'itie.opendatasoft.com']);
  });

  it('count the page a tab is loading as shown, and forget a closed tab', () => {
    const tabs = createOpenTabs();
    tabs.update({ tabId: 1, url: 'https://data.tco.re/', pendingUrl: 'https://data.toulouse-metropole.fr/', storeId: undefined });
    expect([...tabs.hosts('0')].sort()).toEqual(['data.tco.re', 'data.toulouse-metropole.fr']);
    tabs.update({ tabId: 1, url: 'https://data.toulouse-metropole.fr/', storeId: undefined });
    expect([...tabs.hosts('0')]).toEqual(['data.toulouse-metropole.fr']);
    tabs.remove(1);
    expect(tabs.allHosts().size).toBe(0);
  });

  it('start afresh from the browser’s tabs at each wake', () => {
    const tabs = createOpenTabs();
    tabs.update({ tabId: 1, url: 'https://data.tco.re/', storeId: undefined });
    tabs.replaceAll([{ tabId: 2, url: 'https://itie.opendatasoft.com/', storeId: undefined }], '0');
    expect([...tabs.allHosts()]).toEqual(['itie.opendatasoft.com']);
  });
});
