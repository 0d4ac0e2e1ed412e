// @vitest-environment happy-dom
/**
 * The banner clicker, run on documents the test writes (the e2e audit runs it on the demo portal's
 * banner in real browsers). happy-dom lays nothing out: every element is given a box.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { clickConsent } from '../../../scripts/audit/consent-banner.ts';

/** The page the clicker's script runs in: this test's document. */
const page = { evaluateScript: async (source: string) => (0, eval)(source) as unknown } as unknown as PageUnderTest;

// The platform's banner as charter-formats.md describes it: a switch per statistics tool, the
// necessary cookies' switch locked on, and "Sauvegarder mes choix" (the demo portal's census banner).
const PLATFORM_BANNER = `
  <section id="consent-banner" role="dialog" aria-label="Gestion de vos préférences sur les cookies">
    <label><input type="checkbox" id="necessary" checked disabled> Cookies strictement nécessaires</label>
    <label><input type="checkbox" id="matomo" checked> Matomo</label>
    <button type="button" id="save">Sauvegarder mes choix</button>
  </section>`;

const checked = (id: string) => (document.getElementById(id) as HTMLInputElement).checked;

beforeEach(() => {
  Element.prototype.getBoundingClientRect = () => ({
    x: 0,
    y: 0,
    width: 10,
    height: 10,
    top: 0,
    left: 0,
    right: 10,
    bottom: 10,
    toJSON() {},
  });
});
afterEach(() => {
  document.documentElement.removeAttribute('class');
  document.body.replaceChildren();
});

describe('clickConsent', () => {
  it('refuses in the platform’s banner: every switch it may change off, then saved', async () => {
    document.body.innerHTML = PLATFORM_BANNER;
    let saved = false;
    document.getElementById('save')!.addEventListener('click', () => (saved = true));
    expect(await clickConsent(page, 'refuse')).toBe('sauvegarder mes choix, every switch off');
    expect(checked('matomo')).toBe(false);
    expect(checked('necessary')).toBe(true);
    expect(saved).toBe(true);
  });

  it('leaves the page’s own checkboxes alone when the whole page is named after cookies (Modernizr’s <html class="cookies">)', async () => {
    document.documentElement.className = 'js cookies';
    document.body.innerHTML = `<div class="cookie-aware-layout">
        <form><label><input type="checkbox" id="theme-filter" checked> Environnement</label><button type="button" id="filters-save">Enregistrer</button></form>
        ${PLATFORM_BANNER}
      </div>`;
    const clicked: string[] = [];
    for (const id of ['filters-save', 'save']) document.getElementById(id)!.addEventListener('click', () => clicked.push(id));
    expect(await clickConsent(page, 'refuse')).toBe('sauvegarder mes choix, every switch off');
    expect(checked('theme-filter')).toBe(true);
    expect(checked('matomo')).toBe(false);
    expect(clicked).toEqual(['save']);
  });

  it('clicks a one-click button of the banner before a page’s own button of the same words', async () => {
    document.body.innerHTML = `<div class="cookie-page"><button id="page-accept">Accepter</button>
        <div class="cookie-banner"><button id="banner-accept">Accepter</button></div></div>`;
    const clicked: string[] = [];
    for (const id of ['page-accept', 'banner-accept']) document.getElementById(id)!.addEventListener('click', () => clicked.push(id));
    expect(await clickConsent(page, 'accept')).toBe('accepter');
    expect(clicked).toEqual(['banner-accept']);
  });

  it('says no banner button was found when there is none', async () => {
    document.body.innerHTML = '<main><p>Données publiques ouvertes.</p></main>';
    expect(await clickConsent(page, 'refuse')).toBeNull();
  });
});
