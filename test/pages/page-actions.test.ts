// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { downloadFile, preloadFirstView, siteNamedByPage, siteOfPage } from '../../src/pages/page-actions.ts';
import type { SiteQuery } from '../../src/core/message-contract.ts';
import { portalView } from '../support/reports.ts';

describe('siteOfPage', () => {
  it('shows the site the page names, lower-case, in the store it names', async () => {
    const activeTab = vi.fn(async () => undefined);
    expect(await siteOfPage(new URLSearchParams('?host=%20Data.TCO.re%20'), activeTab)).toEqual({ host: 'data.tco.re' });
    expect(await siteOfPage(new URLSearchParams('?host=data.tco.re&store=firefox-private'), activeTab)).toEqual({
      host: 'data.tco.re',
      storeId: 'firefox-private',
    });
    expect(activeTab).not.toHaveBeenCalled();
  });

  it('else shows the active tab’s site, in the tab’s store', async () => {
    expect(
      await siteOfPage(new URLSearchParams(), async () => ({ tabId: 1, url: 'https://Data.tco.re/explore/', storeId: undefined })),
    ).toEqual({ host: 'data.tco.re' });
    expect(await siteOfPage(new URLSearchParams(), async () => ({ tabId: 1, url: 'https://data.tco.re/', storeId: '1' }))).toEqual({
      host: 'data.tco.re',
      storeId: '1',
    });
  });

  it('shows nothing for a tab that is no web site, or one whose address it may not see', async () => {
    expect(await siteOfPage(new URLSearchParams(), async () => ({ tabId: 1, url: 'about:addons', storeId: undefined }))).toBeNull();
    expect(await siteOfPage(new URLSearchParams(), async () => ({ tabId: 1, url: undefined, storeId: undefined }))).toBeNull();
    expect(await siteOfPage(new URLSearchParams(), async () => undefined)).toBeNull();
  });
});

describe('siteNamedByPage', () => {
  it('reads the site the page names at once, and nothing when it names none', () => {
    expect(siteNamedByPage(new URLSearchParams('?host=%20Data.TCO.re%20&store=1'))).toEqual({ host: 'data.tco.re', storeId: '1' });
    expect(siteNamedByPage(new URLSearchParams('?host=%20'))).toBeUndefined();
    expect(siteNamedByPage(new URLSearchParams())).toBeUndefined();
  });
});

describe('preloadFirstView', () => {
  it('asks in the same task when the site is known, before anything else the page does', () => {
    const asked: string[] = [];
    preloadFirstView({ host: 'data.tco.re' }, async (query: SiteQuery) => (asked.push(query.host), portalView([query.host])));
    expect(asked).toEqual(['data.tco.re']);
  });

  it('asks for the first site at once, hands that answer to the first load, and asks again after', async () => {
    const asked: string[] = [];
    const load = preloadFirstView(
      Promise.resolve({ host: 'data.tco.re' }),
      async (query: SiteQuery) => (asked.push(query.host), portalView([query.host])),
    );
    await Promise.resolve();
    await Promise.resolve();
    expect(asked).toEqual(['data.tco.re']);
    expect(await load({ host: 'data.tco.re' })).toEqual(portalView(['data.tco.re']));
    expect(asked).toEqual(['data.tco.re']);
    await load({ host: 'data.tco.re' });
    expect(asked).toEqual(['data.tco.re', 'data.tco.re']);
  });

  it('asks for the site the first load names when the page had none', async () => {
    const asked: string[] = [];
    const load = preloadFirstView(Promise.resolve(null), async (query: SiteQuery) => (asked.push(query.host), portalView([])));
    await load({ host: 'itie.opendatasoft.com' });
    expect(asked).toEqual(['itie.opendatasoft.com']);
  });
});

describe('downloadFile', () => {
  it('clicks a link to the file under its name, then lets the blob go later', async () => {
    const clicked: Array<{ download: string; href: string }> = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    let later: (() => void) | undefined;
    downloadFile({ filename: 'report.json', mimeType: 'application/json', text: '{}' }, document, (run) => (later = run));
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe('report.json');
    expect(clicked[0]!.href).toMatch(/^blob:/);
    expect(document.querySelector('a')).toBeNull();
    expect(revoke).not.toHaveBeenCalled();
    later!();
    expect(revoke).toHaveBeenCalledWith(clicked[0]!.href);
    click.mockRestore();
    revoke.mockRestore();
  });
});
