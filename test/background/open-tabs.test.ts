import { readFileSync } from 'node:fs';
import ts from 'typescript';
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

  it('keep a page webRequest saw start loading while the tabs were being read at a wake', () => {
    const tabs = createOpenTabs();
    // The worker asked for the tabs; meanwhile a new tab starts loading the portal (Firefox's answer predates it).
    tabs.navigating(7, 'https://data.tco.re/');
    tabs.replaceAll([{ tabId: 1, url: 'https://itie.opendatasoft.com/', storeId: undefined }], '0');
    // Counted once its store is heard (its creation names none: a normal window's).
    expect(tabs.pageOf('data.tco.re', '0')).toBeNull();
    tabs.tabHeard(7, undefined);
    expect(tabs.pageOf('data.tco.re', '0')).toBe('/');
    // The same when the answer has the tab, still blank.
    tabs.navigating(8, 'https://opendata.example.org/explore/');
    tabs.replaceAll([{ tabId: 8, url: 'about:blank', storeId: undefined }], '0');
    expect(tabs.pageOf('opendata.example.org', '0')).toBe('/explore/');
  });

  it('know the page a site’s tab shows or loads, the address webRequest saw first until the tab shows it', () => {
    const tabs = createOpenTabs();
    tabs.replaceAll([{ tabId: 1, url: 'https://data.tco.re/', storeId: undefined }], '0');
    expect(tabs.pageOf('data.tco.re', '0')).toBe('/');
    // Firefox reports the new page's cookies before the tab's address changes.
    tabs.navigating(1, 'https://data.tco.re/explore/dataset/demo/map/?basemap=jawg.light');
    tabs.update({ tabId: 1, url: 'https://data.tco.re/', storeId: undefined });
    expect(tabs.pageOf('data.tco.re', '0')).toBe('/explore/dataset/demo/map/');
    tabs.update({ tabId: 1, url: 'https://data.tco.re/explore/dataset/demo/map/?basemap=jawg.light', storeId: undefined });
    tabs.update({ tabId: 1, url: 'https://data.tco.re/explore/', storeId: undefined });
    expect(tabs.pageOf('data.tco.re', '0')).toBe('/explore/');
    // Chrome's pendingUrl is the page being loaded.
    tabs.update({ tabId: 1, url: 'https://data.tco.re/explore/', pendingUrl: 'https://data.tco.re/pages/home/', storeId: undefined });
    expect(tabs.pageOf('data.tco.re', '0')).toBe('/pages/home/');
  });

  it('know no single page when two tabs of the site show different ones, or none does', () => {
    const tabs = createOpenTabs();
    tabs.replaceAll(
      [
        { tabId: 1, url: 'https://data.tco.re/', storeId: undefined },
        { tabId: 2, url: 'https://data.tco.re/explore/', storeId: undefined },
        { tabId: 3, url: 'https://itie.opendatasoft.com/', storeId: 'private' },
      ],
      '0',
    );
    expect(tabs.pageOf('data.tco.re', '0')).toBeNull();
    expect(tabs.pageOf('itie.opendatasoft.com', '0')).toBeNull();
    expect(tabs.pageOf('itie.opendatasoft.com', 'private')).toBe('/');
    tabs.tabHeard(4, undefined);
    tabs.navigating(4, 'https://opendata.example.org/');
    expect(tabs.has('opendata.example.org', '0')).toBe(true);
  });

  it('know a tab’s store once a change of it is heard, before the change is applied, and no longer once it is closed', () => {
    const tabs = createOpenTabs();
    tabs.replaceAll([{ tabId: 1, url: 'https://a.opendatasoft.com/', storeId: 'firefox-container-2' }], 'firefox-default');
    expect(tabs.storeOfTab(1)).toBe('firefox-container-2');
    expect(tabs.storeOfTab(2)).toBeNull();
    // Its creation heard, naming no store: the default store, its page not yet applied nor its hosts counted.
    tabs.tabHeard(2, undefined);
    expect(tabs.storeOfTab(2)).toBe('firefox-default');
    expect(tabs.pageOfTab(2)).toBeNull();
    expect(tabs.has('b.opendatasoft.com', 'firefox-default')).toBe(false);
    // A wake's restore keeps it: the change is still to come.
    tabs.replaceAll([], 'firefox-default');
    expect(tabs.storeOfTab(2)).toBe('firefox-default');
    tabs.navigating(2, 'https://b.opendatasoft.com/');
    expect(tabs.pageOfTab(2)).toMatchObject({ host: 'b.opendatasoft.com', storeId: 'firefox-default' });
    // A private tab's update heard, its navigation applied first: the store the browser named.
    tabs.tabHeard(3, 'firefox-private');
    tabs.navigating(3, 'https://b.opendatasoft.com/');
    expect(tabs.storeOfTab(3)).toBe('firefox-private');
    tabs.remove(3);
    expect(tabs.storeOfTab(3)).toBeNull();
  });

  it('count a tab in no store while its store is not known: its top-frame request heard before any change of it (Chrome’s names none)', () => {
    const tabs = createOpenTabs();
    tabs.replaceAll([{ tabId: 1, url: 'https://www.tco.re/', storeId: 'firefox-default' }], 'firefox-default');
    // A private window's new tab starts loading the portal before its update, naming its store, is heard.
    tabs.navigating(7, 'https://data.tco.re/explore/');
    expect(tabs.has('data.tco.re', 'firefox-default')).toBe(false);
    expect(tabs.pageOf('data.tco.re', 'firefox-default')).toBeNull();
    expect(tabs.pageOfTab(7)).toBeNull();
    expect(tabs.storeOfTab(7)).toBeNull();
    // Still a host in use: no private session's record of it is forgotten while it shows.
    expect(tabs.allHosts().has('data.tco.re')).toBe(true);
    // Its store heard: the page it loads is that store's.
    tabs.tabHeard(7, 'firefox-private');
    expect(tabs.has('data.tco.re', 'firefox-private')).toBe(true);
    expect(tabs.has('data.tco.re', 'firefox-default')).toBe(false);
    expect(tabs.pageOfTab(7)).toEqual({ host: 'data.tco.re', path: '/explore/', storeId: 'firefox-private' });
    // A normal window's tab, heard naming no store: the default one's.
    tabs.navigating(8, 'https://opendata.example.org/');
    tabs.tabHeard(8, undefined);
    expect(tabs.pageOf('opendata.example.org', 'firefox-default')).toBe('/');
  });

  it('take a tab’s store from its top-frame request: the one it names, else the one heard, else the default store', () => {
    const tabs = createOpenTabs();
    tabs.replaceAll([{ tabId: 5, url: undefined, storeId: '1' }], '0');
    // Firefox names it.
    tabs.requestHeard(7, 'firefox-private');
    expect(tabs.storeOfTab(7)).toBe('firefox-private');
    // Chrome names none: a store heard (incognito tab 5, read at the wake) stays.
    tabs.requestHeard(5, undefined);
    expect(tabs.storeOfTab(5)).toBe('1');
    // None heard (a prerendered page's tab, or a tab whose creation is not heard yet): the default store.
    tabs.requestHeard(9, undefined);
    tabs.navigating(9, 'https://b.opendatasoft.com/');
    expect(tabs.storeOfTab(9)).toBe('0');
    expect(tabs.has('b.opendatasoft.com', '0')).toBe(true);
    // Its update names its store: that one.
    tabs.update({ tabId: 9, url: 'https://b.opendatasoft.com/', storeId: '1' });
    expect(tabs.has('b.opendatasoft.com', '0')).toBe(false);
    expect(tabs.has('b.opendatasoft.com', '1')).toBe(true);
  });

  it('know the store of a tab whose address the browser hides at a wake: the page it then loads counts in it', () => {
    // The entry reads every tab at a wake, not only those whose address it may see.
    const path = 'src/background/index.ts';
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    let read = '';
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'readOpenTabs') read = node.initializer.getText(source);
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(read).toContain('everyTab()');
    const tabs = createOpenTabs();
    tabs.replaceAll([{ tabId: 5, url: undefined, storeId: '1' }], '0');
    expect(tabs.allHosts().size).toBe(0);
    expect(tabs.storeOfTab(5)).toBe('1');
    // Chrome's incognito tab goes to a portal: its request names no store, its store is known.
    tabs.navigating(5, 'https://data.tco.re/');
    expect(tabs.has('data.tco.re', '1')).toBe(true);
    expect(tabs.has('data.tco.re', '0')).toBe(false);
  });

  it('tell the page one tab shows or loads, with its store', () => {
    const tabs = createOpenTabs();
    tabs.replaceAll(
      [
        { tabId: 1, url: 'https://data.tco.re/explore/?q=a', storeId: undefined },
        { tabId: 2, url: 'about:blank', storeId: undefined },
      ],
      'firefox-default',
    );
    expect(tabs.pageOfTab(1)).toEqual({ host: 'data.tco.re', path: '/explore/', storeId: 'firefox-default' });
    expect(tabs.pageOfTab(2)).toBeNull();
    expect(tabs.pageOfTab(3)).toBeNull();
    tabs.navigating(2, 'https://opendata.example.org/pages/home/');
    expect(tabs.pageOfTab(2)).toMatchObject({ host: 'opendata.example.org', path: '/pages/home/' });
  });

  it('keep a page’s path without its parameters: a servlet session id is a cookie’s value', () => {
    const tabs = createOpenTabs();
    tabs.replaceAll([{ tabId: 1, url: 'https://shop.example/login;jsessionid=9F1C2A7B3D4E5F60?next=/account', storeId: undefined }], '0');
    expect(tabs.pageOf('shop.example', '0')).toBe('/login');
    expect(tabs.pageOfTab(1)).toEqual({ host: 'shop.example', path: '/login', storeId: '0' });
    // Two tabs on the same page, one with the session id in its path: one page.
    tabs.update({ tabId: 2, url: 'https://shop.example/login', storeId: undefined });
    expect(tabs.pageOf('shop.example', '0')).toBe('/login');
    tabs.tabHeard(3, undefined);
    tabs.navigating(3, 'https://shop.example/a;x=1/b;y');
    expect(tabs.pageOfTab(3)?.path).toBe('/a/b');
  });

  it('count a tab showing the page it was loading when the server added a session id to its path', () => {
    const tabs = createOpenTabs();
    tabs.navigating(1, 'https://shop.example/login');
    tabs.update({ tabId: 1, url: 'https://shop.example/login;jsessionid=9F1C2A7B3D4E5F60', storeId: undefined });
    // The tab shows what it was loading: its next address is the page, not the one webRequest saw.
    tabs.update({ tabId: 1, url: 'https://shop.example/account', storeId: undefined });
    expect(tabs.pageOf('shop.example', '0')).toBe('/account');
  });

  it('count no site in a tab the browser unloaded (discarded) until it loads again, its store and its site kept in use', () => {
    const tabs = createOpenTabs();
    // Firefox restores a session's tabs unloaded, and either browser unloads tabs under memory pressure.
    tabs.replaceAll(
      [
        { tabId: 1, url: 'http://nantesmetropole.fr/', storeId: undefined, discarded: true },
        { tabId: 2, url: 'http://data.nantesmetropole.fr/', storeId: undefined },
      ],
      '0',
    );
    // No page of it can write a cookie: the portal is the one site open under .nantesmetropole.fr.
    expect([...tabs.hosts('0')]).toEqual(['data.nantesmetropole.fr']);
    expect(tabs.has('nantesmetropole.fr', '0')).toBe(false);
    expect(tabs.pageOf('nantesmetropole.fr', '0')).toBeNull();
    expect(tabs.storeOfTab(1)).toBe('0');
    // Still a site in use: its record is not the first dropped for room, nor a private session's forgotten.
    expect(tabs.allHosts().has('nantesmetropole.fr')).toBe(true);
    // Unloaded while open, then loaded again.
    tabs.update({ tabId: 1, url: 'http://nantesmetropole.fr/', storeId: undefined });
    expect(tabs.has('nantesmetropole.fr', '0')).toBe(true);
    tabs.update({ tabId: 1, url: 'http://nantesmetropole.fr/', storeId: undefined, discarded: true });
    expect(tabs.has('nantesmetropole.fr', '0')).toBe(false);
    // Its reload seen starting (webRequest) before the tab says it is no longer unloaded.
    tabs.navigating(1, 'http://nantesmetropole.fr/actualites/');
    expect(tabs.pageOf('nantesmetropole.fr', '0')).toBe('/actualites/');
    // An update still saying unloaded while that reload is under way: it is loading.
    tabs.update({ tabId: 1, url: 'http://nantesmetropole.fr/', storeId: undefined, discarded: true });
    expect(tabs.has('nantesmetropole.fr', '0')).toBe(true);
  });

  it('count no site in a tab unloaded after a load of it that never committed (a download, a 204)', () => {
    const tabs = createOpenTabs();
    tabs.replaceAll(
      [
        { tabId: 1, url: 'http://nantesmetropole.fr/actualites/', storeId: undefined },
        { tabId: 2, url: 'http://data.nantesmetropole.fr/', storeId: undefined },
      ],
      '0',
    );
    // A PDF served as an attachment: webRequest sees the tab's top-frame request, the browser
    // downloads it, and the tab stays on /actualites/.
    tabs.navigating(1, 'http://nantesmetropole.fr/deliberation.pdf');
    tabs.update({ tabId: 1, url: 'http://nantesmetropole.fr/actualites/', storeId: undefined, discarded: true });
    expect([...tabs.hosts('0')]).toEqual(['data.nantesmetropole.fr']);
    expect(tabs.has('nantesmetropole.fr', '0')).toBe(false);
    expect(tabs.pageOf('nantesmetropole.fr', '0')).toBeNull();
    // Loaded again as its reload starts.
    tabs.navigating(1, 'http://nantesmetropole.fr/actualites/');
    tabs.update({ tabId: 1, url: 'http://nantesmetropole.fr/actualites/', storeId: undefined, discarded: true });
    expect(tabs.has('nantesmetropole.fr', '0')).toBe(true);
  });

  it('count a tab first heard loading as open when its update says unloaded: it may be one loading again', () => {
    const tabs = createOpenTabs();
    // Heard loading at a wake before the browser's list of tabs came, that list saying unloaded.
    tabs.navigating(1, 'http://nantesmetropole.fr/');
    tabs.replaceAll([{ tabId: 1, url: 'http://nantesmetropole.fr/', storeId: undefined, discarded: true }], '0');
    expect(tabs.has('nantesmetropole.fr', '0')).toBe(true);
    // Until the browser says it loaded, then unloaded it again.
    tabs.update({ tabId: 1, url: 'http://nantesmetropole.fr/', storeId: undefined });
    tabs.update({ tabId: 1, url: 'http://nantesmetropole.fr/', storeId: undefined, discarded: true });
    expect(tabs.has('nantesmetropole.fr', '0')).toBe(false);
  });
});
