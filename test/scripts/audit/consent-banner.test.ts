// @vitest-environment happy-dom
/**
 * The banner clicker, run on documents the test writes (the e2e audit runs it on the demo portal's
 * banner in real browsers). happy-dom lays nothing out: every element is given a box.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageUnderTest } from '../../../scripts/browsers/browser-under-test.ts';
import { clickConsent, clickConsentOnceShown } from '../../../scripts/audit/consent-banner.ts';
import { choiceNotMade, exitCode } from '../../../scripts/audit/audit-output.ts';
import { report } from '../../support/reports.ts';

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

/** The label clicked for `choice` on this document, and the ids of the buttons clicked. */
const clickedFor = async (choice: 'accept' | 'refuse') => {
  const clicked: string[] = [];
  for (const el of document.querySelectorAll('button, a, [role="button"]'))
    el.addEventListener('click', (event) => (event.preventDefault(), clicked.push(el.id)));
  return [await clickConsent(page, choice), clicked];
};

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

  it('clicks no search form’s “OK” on a page with no banner: no choice, and --strict does not fail', async () => {
    document.body.innerHTML = `<header><form id="search"><input name="q" placeholder="Rechercher des cookies"><input type="submit" id="go" value="OK"></form></header>
      <main><p>Données publiques ouvertes.</p></main>`;
    let clicked = false;
    document.getElementById('go')!.addEventListener('click', (event) => {
      clicked = true;
      event.preventDefault();
    });
    const label = await clickConsent(page, 'accept');
    expect({ label, clicked }).toEqual({ label: null, clicked: false });
    const notMade = choiceNotMade('accept', { report: report([]), clicked: label });
    expect(notMade?.strict).toBe(false);
    expect(exitCode([report([])], true, notMade?.strict ? 1 : 0)).toBe(0);
  });

  it('sets the platform banner’s switches rather than click another dialog’s “OK”', async () => {
    document.body.innerHTML = `<div role="dialog" id="news"><p>Nouveau : API v2.1</p><button id="ok">OK</button></div>${PLATFORM_BANNER}`;
    document.getElementById('matomo')!.removeAttribute('checked');
    (document.getElementById('matomo') as HTMLInputElement).checked = false;
    const clicked: string[] = [];
    for (const id of ['ok', 'save']) document.getElementById(id)!.addEventListener('click', () => clicked.push(id));
    expect(await clickConsent(page, 'accept')).toBe('sauvegarder mes choix, every switch on');
    expect(checked('matomo')).toBe(true);
    expect(clicked).toEqual(['save']);
  });

  it('clicks a bare “OK” only in a banner that speaks of cookies or consent', async () => {
    const ok = async (html: string) => {
      document.body.innerHTML = html;
      let clicked = false;
      document.getElementById('ok')?.addEventListener('click', (event) => {
        clicked = true;
        event.preventDefault();
      });
      return { label: await clickConsent(page, 'accept'), clicked };
    };
    const yes = { label: 'ok', clicked: true };
    const no = { label: null, clicked: false };
    // A cookie notice whose only button is "OK", its words beside the button or in its aria-label.
    expect(
      await ok(
        '<div class="cookie-notice"><p>Ce site utilise des cookies.</p><div class="actions"><button id="ok">OK</button></div></div>',
      ),
    ).toEqual(yes);
    expect(await ok('<div role="dialog" aria-label="Consentement"><button id="ok">OK</button></div>')).toEqual(yes);
    // The notice's word in a link is still its own; its switches in a form with the "OK" are no fields to fill in.
    expect(
      await ok(
        '<div class="cookie-notice" role="dialog"><p>Ce site utilise des <a href="/cookies">cookies</a>.</p><button id="ok">OK</button></div>',
      ),
    ).toEqual(yes);
    expect(
      await ok('<div id="cookie-bar">We use <a href="/privacy">cookies</a> to improve this site. <button id="ok">OK</button></div>'),
    ).toEqual(yes);
    expect(
      await ok(
        '<div id="cookie-banner"><p>Nous utilisons des cookies.</p><form><label><input type="checkbox" name="stats"> Statistiques</label><button id="ok" type="submit">OK</button></form></div>',
      ),
    ).toEqual(yes);
    // A dialog, or a form, that says nothing of cookies; a page-wide wrapper's word does not count for a dialog that has its own.
    expect(await ok('<div role="dialog"><p>Nouveau : API v2.1</p><button id="ok">OK</button></div>')).toEqual(no);
    expect(
      await ok(
        '<div class="cookie-aware-layout"><footer>Politique de cookies</footer><div role="dialog"><p>Nouveau</p><button id="ok">OK</button></div></div>',
      ),
    ).toEqual(no);
    expect(await ok('<p>Ce site utilise des cookies.</p><button id="ok">OK</button>')).toEqual(no);
    // Inside a banner, never a form's submit beside its fields.
    expect(
      await ok('<div class="cookie-banner"><p>Cookies</p><form><input name="q"><input type="submit" id="ok" value="OK"></form></div>'),
    ).toEqual(no);
  });

  it('never takes a bare “Non merci” for a refusal: a newsletter’s popup says it too, inside a page-wide wrapper named after cookies', async () => {
    document.body.innerHTML = `<div class="cookie-aware-layout">
        <div class="newsletter-popup"><p>Abonnez-vous à notre lettre.</p><button id="no">Non merci</button></div>
        <footer><a href="/cookies">Gestion des cookies</a></footer>
        <div class="cookie-banner"><p>Nous utilisons des cookies.</p><button>Accepter</button><button>Personnaliser</button></div>
      </div>`;
    let clicked = false;
    document.getElementById('no')!.addEventListener('click', () => (clicked = true));
    expect(await clickConsent(page, 'refuse')).toBeNull();
    expect(clicked).toBe(false);
  });

  it.each(['accept', 'refuse'] as const)(
    '%s: clicks the cookie banner’s own button, not a terms-of-use dialog’s shorter “Accepter” or “Refuser”',
    async (choice) => {
      document.body.innerHTML = `<div role="dialog" aria-modal="true" aria-label="Conditions de réutilisation">
        <p>Pour télécharger ce jeu de données, acceptez sa licence.</p>
        <button id="terms-accept">Accepter</button><button id="terms-refuse">Refuser</button>
      </div>
      <div id="cookie-banner"><p>Ce site utilise des cookies de mesure d'audience.</p>
        <button id="cookies-accept">Accepter les cookies</button><button id="cookies-refuse">Refuser les cookies</button>
      </div>`;
      const clicked: string[] = [];
      for (const button of document.querySelectorAll('button')) button.addEventListener('click', () => clicked.push(button.id));
      expect(await clickConsent(page, choice)).toBe(`${choice === 'accept' ? 'accepter' : 'refuser'} les cookies`);
      expect(clicked).toEqual([`cookies-${choice}`]);
    },
  );

  it('clicks the banner’s own “Refuser” before a footer’s “Refuser les cookies” link in a page-wide wrapper named after cookies', async () => {
    document.body.innerHTML = `<div class="cookie-aware-layout">
        <main><p>Catalogue</p></main>
        <footer><a id="footer" href="#politique">Refuser les cookies</a></footer>
        <div class="cookie-banner"><p>Nous utilisons des cookies.</p><button>Accepter</button><button id="refuse">Refuser</button></div>
      </div>`;
    const clicked: string[] = [];
    for (const id of ['footer', 'refuse'])
      document.getElementById(id)!.addEventListener('click', (event) => (event.preventDefault(), clicked.push(id)));
    expect(await clickConsent(page, 'refuse')).toBe('refuser');
    expect(clicked).toEqual(['refuse']);
  });

  it('prefers a banner’s own accept button to its “OK”', async () => {
    document.body.innerHTML = `<div class="cookie-banner"><p>Nous utilisons des cookies.</p><button>OK</button><button>Tout accepter</button></div>`;
    expect(await clickConsent(page, 'accept')).toBe('tout accepter');
  });

  describe('reads a button’s words as the page shows them, and matches them exactly', () => {
    /** The label clicked for `choice` in a banner of three buttons, `html` the first's contents. */
    const clickedIn = async (choice: 'accept' | 'refuse', ...buttons: string[]) => {
      document.body.innerHTML = `<div class="cookie-banner"><p>Nous utilisons des cookies.</p>${buttons.map((html) => `<button>${html}</button>`).join('')}</div>`;
      return clickConsent(page, choice);
    };

    it.each([
      ['a line break', 'Tout<br>accepter', 'tout accepter'],
      ['a line break, with the spaces around it', 'Tout <br/> accepter', 'tout accepter'],
      [
        'words in blocks (flex items are blocks)',
        '<span style="display: block">Tout</span><span style="display: block">accepter</span>',
        'tout accepter',
      ],
      ['a soft hyphen', 'Tout accep\u00adter', 'tout accepter'],
      ['a zero-width space beside a space', 'Tout \u200baccepter', 'tout accepter'],
      ['a zero-width joiner and a byte-order mark', '\ufeffTout acc\u200depter', 'tout accepter'],
      ['a no-break space', 'Tout\u00a0accepter', 'tout accepter'],
      ['a decorative glyph after', 'Tout accepter <span aria-hidden="true">✓</span>', 'tout accepter'],
      ['an icon with its SVG title', 'Tout accepter<svg viewBox="0 0 1 1"><title>coche</title></svg>', 'tout accepter'],
      ['an arrow and punctuation around', '→ Tout accepter !', 'tout accepter'],
      ['a hidden helper text', 'Tout accepter<span style="display: none"> les cookies de mesure</span>', 'tout accepter'],
      ['an apostrophe inside', 'J&#39;accepte', "j'accepte"],
      ['a common wording', 'Accepter et fermer', 'accepter et fermer'],
      ['a common English wording', 'Accept All Cookies', 'accept all cookies'],
      ['"Accepter les cookies"', 'Accepter les cookies', 'accepter les cookies'],
      ['"Accepter tous les cookies"', 'Accepter tous les cookies', 'accepter tous les cookies'],
      ['"Accept cookies"', 'Accept cookies', 'accept cookies'],
      ['"Accept and close"', 'Accept and close', 'accept and close'],
      ['"Accept & close"', 'Accept &amp; close', 'accept & close'],
      ['"Accepter & fermer"', 'Accepter &amp; Fermer', 'accepter & fermer'],
      ['"Allow all cookies"', 'Allow all cookies', 'allow all cookies'],
      ['"I accept"', 'I accept', 'i accept'],
      ['"Accepter et continuer"', 'Accepter et continuer', 'accepter et continuer'],
      ['"Tout accepter et fermer"', 'Tout accepter et fermer', 'tout accepter et fermer'],
      ['"Accepter tout et fermer"', 'Accepter tout et fermer', 'accepter tout et fermer'],
      ['"OK, j’accepte"', 'OK, j’accepte', 'ok, j’accepte'],
      ['"J‘accepte", a turned comma for its apostrophe', 'J‘accepte', 'j‘accepte'],
      ['"Jʼaccepte", a modifier letter for its apostrophe', 'J\u02bcaccepte', 'j\u02bcaccepte'],
    ])('accepts through %s', async (_, html, label) => {
      expect(await clickedIn('accept', 'Personnaliser', html, 'Tout refuser')).toBe(label);
    });

    it.each([
      ['a line break', 'Tout<br>refuser', 'tout refuser'],
      ['an arrow after', 'Continuer sans accepter →', 'continuer sans accepter'],
      ['"Tout rejeter"', 'Tout rejeter', 'tout rejeter'],
      ['"Je refuse"', 'Je refuse', 'je refuse'],
      ['"Refuser et fermer"', 'Refuser et fermer', 'refuser et fermer'],
      ['"Reject All Cookies"', 'Reject All Cookies', 'reject all cookies'],
      ['"Refuser les cookies"', 'Refuser les cookies', 'refuser les cookies'],
      ['"Refuser tous les cookies"', 'Refuser tous les cookies', 'refuser tous les cookies'],
      ['"Reject cookies"', 'Reject cookies', 'reject cookies'],
      ['"Only necessary"', 'Only necessary', 'only necessary'],
      ['"Necessary only"', 'Necessary only', 'necessary only'],
      ['"Only necessary cookies"', 'Only necessary cookies', 'only necessary cookies'],
      ['"Use necessary cookies only"', 'Use necessary cookies only', 'use necessary cookies only'],
      ['"Continue without accepting"', 'Continue without accepting', 'continue without accepting'],
      ['"Decline all"', 'Decline all', 'decline all'],
      ['"Deny all"', 'Deny all', 'deny all'],
      ['"Refuse all cookies"', 'Refuse all cookies', 'refuse all cookies'],
      ['"Uniquement les cookies nécessaires"', 'Uniquement les cookies nécessaires', 'uniquement les cookies nécessaires'],
      ['"Cookies nécessaires uniquement"', 'Cookies nécessaires uniquement', 'cookies nécessaires uniquement'],
      ['"Tout refuser et fermer"', 'Tout refuser et fermer', 'tout refuser et fermer'],
      ['"Accept only necessary", a refusal of the optional cookies', 'Accept only necessary', 'accept only necessary'],
      [
        '"Accepter uniquement les cookies nécessaires"',
        'Accepter uniquement les cookies nécessaires',
        'accepter uniquement les cookies nécessaires',
      ],
    ])('refuses through %s', async (_, html, label) => {
      expect(await clickedIn('refuse', 'Tout accepter ✓', 'Personnaliser', html)).toBe(label);
    });

    it('never takes another button for accepting, decorated or not', async () => {
      expect(await clickedIn('accept', 'Personnaliser', 'Paramétrer →', 'Refuser ✓', '« Refuser »', 'Tout refuser')).toBeNull();
      expect(await clickedIn('accept', 'Accepter la sélection ?', 'Paramétrer les cookies', 'Non merci')).toBeNull();
      expect(await clickedIn('refuse', 'Tout accepter ✓', 'Personnaliser →', 'Paramétrer')).toBeNull();
      // Accepting only the necessary cookies refuses the others: never an acceptance.
      expect(
        await clickedIn('accept', 'Accept only necessary', 'Accept only necessary cookies', 'Accepter uniquement les cookies nécessaires'),
      ).toBeNull();
    });

    it('trims the symbols around a button’s words, however many, and leaves those between them', async () => {
      const n = 20_000;
      expect(await clickedIn('accept', 'a' + ' ✓'.repeat(n) + 'a', 'Personnaliser', 'Tout accepter')).toBe('tout accepter');
      expect(await clickedIn('accept', '✓ '.repeat(n) + 'Tout accepter' + ' ✓'.repeat(n), 'Personnaliser')).toBe('tout accepter');
      expect(await clickedIn('accept', 'Tout' + ' ✓'.repeat(n) + ' accepter', 'Personnaliser')).toBeNull();
      expect(await clickedIn('accept', '\u{1F36A} Tout accepter \u{1F36A}', 'Personnaliser')).toBe('tout accepter');
    });

    it('reads adjacent inline words, or words joined by a zero-width space alone, as one word, as the screen shows them', async () => {
      expect(await clickedIn('accept', '<span>Tout</span><span>accepter</span>', 'Tout\u200baccepter')).toBeNull();
    });
  });

  describe('takes a banner named after cookies or consent before a dialog that only speaks of them', () => {
    it.each([
      ['vous consentez', '<p>En cliquant sur Accepter, vous consentez à la licence de réutilisation.</p>'],
      ['you consent', '<p>By downloading you consent to the terms of use.</p>'],
      [
        'a link to the cookie policy',
        '<p>Conditions d’utilisation. Voir aussi la <a href="/terms/cookies-policy/">politique de cookies</a>.</p>',
      ],
    ])('%s in a terms-of-use dialog', async (_, words) => {
      for (const choice of ['accept', 'refuse'] as const) {
        document.body.innerHTML = `<div role="dialog" aria-modal="true" aria-label="Conditions de réutilisation">${words}
          <button id="terms-accept">Accepter</button><button id="terms-refuse">Refuser</button></div>
          <div id="cookie-banner"><p>Ce site utilise des cookies de mesure d'audience.</p><div><div><div>
          <button id="cookies-accept">Accepter les cookies</button><button id="cookies-refuse">Refuser les cookies</button></div></div></div></div>`;
        const clicked: string[] = [];
        for (const button of document.querySelectorAll('button')) button.addEventListener('click', () => clicked.push(button.id));
        expect(await clickConsent(page, choice)).toBe(`${choice === 'accept' ? 'accepter' : 'refuser'} les cookies`);
        expect(clicked).toEqual([`cookies-${choice}`]);
      }
    });

    it('takes a named banner first when its parts and buttons are named after cookies too', async () => {
      document.body.innerHTML = `<div role="dialog" aria-label="Conditions"><p>By downloading you consent to the terms of use.</p><button id="terms">Accept</button></div>
        <div class="cookie-banner"><p class="cookie-banner__text">We use cookies.</p>
          <div class="cookie-banner__actions"><button id="cookie-accept">Accept</button><button id="cookie-settings">Settings</button></div></div>`;
      const clicked: string[] = [];
      for (const button of document.querySelectorAll('button')) button.addEventListener('click', () => clicked.push(button.id));
      expect(await clickConsent(page, 'accept')).toBe('accept');
      expect(clicked).toEqual(['cookie-accept']);
    });

    it('takes a banner recognised by its words before a page-wide wrapper named after cookies around it', async () => {
      document.body.innerHTML = `<div class="cookie-aware-layout"><main><button id="page">Accepter</button></main>
        <div role="dialog"><p>Nous utilisons des traceurs.</p><div><div><button id="banner">Accepter</button></div></div></div></div>`;
      const clicked: string[] = [];
      for (const button of document.querySelectorAll('button')) button.addEventListener('click', () => clicked.push(button.id));
      expect(await clickConsent(page, 'accept')).toBe('accepter');
      expect(clicked).toEqual(['banner']);
    });

    it('clicks the named banner’s bare “OK” before a terms-of-use dialog’s that says “you consent”', async () => {
      document.body.innerHTML = `<div role="dialog"><p>By downloading you consent to the terms of use.</p><button id="terms">OK</button></div>
        <div id="cookie-notice"><p>We use cookies.</p><div><div><button id="cookies">OK</button></div></div></div>`;
      const clicked: string[] = [];
      for (const button of document.querySelectorAll('button')) button.addEventListener('click', () => clicked.push(button.id));
      expect(await clickConsent(page, 'accept')).toBe('ok');
      expect(clicked).toEqual(['cookies']);
    });

    it('names a banner by its aria-label as by its id or class', async () => {
      document.body.innerHTML = `<div role="dialog" aria-label="Conditions"><p>Voir la politique de cookies.</p><button id="terms">Accepter</button></div>
        <div role="dialog" aria-label="Préférences de cookies"><p>Mesure d’audience.</p><div><div><button id="cookies">Accepter</button></div></div></div>`;
      const clicked: string[] = [];
      for (const button of document.querySelectorAll('button')) button.addEventListener('click', () => clicked.push(button.id));
      expect(await clickConsent(page, 'accept')).toBe('accepter');
      expect(clicked).toEqual(['cookies']);
    });

    it('reads "consent" as a word: "vous consentez" is no banner’s, "consentement" is', async () => {
      const ok = async (html: string) => {
        document.body.innerHTML = html;
        return clickConsent(page, 'accept');
      };
      expect(
        await ok('<div role="dialog"><p>En continuant, vous consentez aux conditions d’utilisation.</p><button>OK</button></div>'),
      ).toBeNull();
      expect(await ok('<div role="dialog"><p>Nos conditions : voir consentez.html</p><button>OK</button></div>')).toBeNull();
      expect(await ok('<div role="dialog"><p>Gestion de votre consentement.</p><button>OK</button></div>')).toBe('ok');
      expect(await ok('<div role="dialog"><p>We need your consent.</p><button>OK</button></div>')).toBe('ok');
    });
  });

  it('clicks no other dialog’s button once a cookie banner is found: a newsletter’s “Decline” is no refusal', async () => {
    document.body.innerHTML = `<div role="dialog" aria-label="Lettre d'information"><p>Recevez nos nouveaux jeux de données.</p><button id="news-decline">Decline</button></div>
      <div id="cookie-banner"><p>We use cookies.</p><button id="accept">Accept all</button><button id="personalise">Personalise</button></div>`;
    const clicked: string[] = [];
    for (const button of document.querySelectorAll('button')) button.addEventListener('click', () => clicked.push(button.id));
    expect(await clickConsent(page, 'refuse')).toBeNull();
    expect(clicked).toEqual([]);
  });

  it('makes no choice when a named cookie banner shows buttons of no known words: a newsletter’s “Decline” is no refusal', async () => {
    document.body.innerHTML = `<div id="cookie-banner"><p>Nous utilisons des cookies.</p><button id="b-no">Non merci</button><button id="b-ok">OK pour moi</button></div>
      <div role="dialog" id="nl"><p>Recevez notre lettre</p><button id="nl-dec">Decline</button><button id="nl-acc">Accept</button></div>`;
    expect(await clickedFor('refuse')).toEqual([null, []]);
    expect(await clickedFor('accept')).toEqual([null, []]);
  });

  it('sets the switches of the cookie banner only, not another dialog’s beside it', async () => {
    document.body.innerHTML = `<div role="dialog" aria-label="Alertes"><label><input type="checkbox" id="alert"> Me prévenir des mises à jour du jeu de données</label><button id="alert-save">Enregistrer</button></div>
      ${PLATFORM_BANNER}`;
    document.getElementById('matomo')!.removeAttribute('checked');
    (document.getElementById('matomo') as HTMLInputElement).checked = false;
    const clicked: string[] = [];
    for (const button of document.querySelectorAll('button')) button.addEventListener('click', () => clicked.push(button.id));
    expect(await clickConsent(page, 'accept')).toBe('sauvegarder mes choix, every switch on');
    expect({ alert: checked('alert'), matomo: checked('matomo'), clicked }).toEqual({ alert: false, matomo: true, clicked: ['save'] });
  });

  it('sets no switches in a dialog that says nothing of cookies', async () => {
    document.body.innerHTML = `<div role="dialog" aria-label="Alertes"><label><input type="checkbox" id="alert"> Me prévenir</label><button id="alert-save">Enregistrer</button></div>`;
    expect(await clickConsent(page, 'accept')).toBeNull();
    expect(checked('alert')).toBe(false);
  });

  it('judges a bare “OK” by the innermost banner with words, however deep the wrappers named after consent', async () => {
    const depth = 400;
    const wrapped = (dialog: string) => '<div class="consent-wrap">'.repeat(depth) + dialog + '</div>'.repeat(depth);
    document.body.innerHTML = wrapped(`<div role="dialog"><p>${'Nouveau. '.repeat(100)}</p><button>OK</button></div>`);
    expect(await clickConsent(page, 'accept')).toBeNull();
    document.body.innerHTML = wrapped(`<div role="dialog"><p>${'Nous utilisons des cookies. '.repeat(100)}</p><button>OK</button></div>`);
    expect(await clickConsent(page, 'accept')).toBe('ok');
    document.body.innerHTML =
      '<div role="dialog">'.repeat(depth) + '<p>Nous utilisons des cookies.</p><button>OK</button>' + '</div>'.repeat(depth);
    expect(await clickConsent(page, 'accept')).toBe('ok');
  });

  it('tries the other dialogs when the only element named after cookies holds no choice: a footer’s “Charte cookies” link is no banner', async () => {
    document.body.innerHTML = `<div role="dialog" aria-modal="true" aria-label="Vie privée"><p>Nous respectons votre vie privée : mesure d'audience et vidéos.</p>
        <button id="all">Tout accepter</button><button id="none">Tout refuser</button></div>
      <footer><div class="footer-cookies"><a id="charte" href="/terms/cookies-policy/">Charte cookies</a></div></footer>`;
    const clicked: string[] = [];
    for (const el of document.querySelectorAll('button, a'))
      el.addEventListener('click', (event) => (event.preventDefault(), clicked.push(el.id)));
    expect(await clickConsent(page, 'refuse')).toBe('tout refuser');
    expect(clicked).toEqual(['none']);
  });

  it.each(['accept', 'refuse'] as const)(
    '%s: clicks tarteaucitron’s banner (not named after cookies), not a terms dialog’s “Accepter” beside it that links to the cookie policy',
    async (choice) => {
      // tarteaucitron's markup (tarteaucitron.js): its ids and classes hold no "cookie".
      document.body.innerHTML = `<div role="dialog" aria-modal="true" aria-label="Conditions de réutilisation"><p>Voir aussi la <a href="/terms/cookies-policy/">politique de cookies</a>.</p>
        <button id="terms-accept">Accepter</button><button id="terms-refuse">Refuser</button></div>
      <div id="tarteaucitronRoot"><div id="tarteaucitronAlertBig" class="tarteaucitronAlertBigBottom"><span id="tarteaucitronDisclaimerAlert">Ce site utilise des cookies et vous donne le contrôle sur ceux que vous souhaitez activer</span>
        <button type="button" class="tarteaucitronCTAButton tarteaucitronAllow" id="tarteaucitronPersonalize2">✓ Tout accepter</button>
        <button type="button" class="tarteaucitronCTAButton tarteaucitronDeny" id="tarteaucitronAllDenied2">✗ Tout refuser</button>
        <button type="button" id="tarteaucitronCloseAlert">Personnaliser</button></div></div>`;
      const clicked: string[] = [];
      for (const button of document.querySelectorAll('button')) button.addEventListener('click', () => clicked.push(button.id));
      expect(await clickConsent(page, choice)).toBe(choice === 'accept' ? 'tout accepter' : 'tout refuser');
      expect(clicked).toEqual([choice === 'accept' ? 'tarteaucitronPersonalize2' : 'tarteaucitronAllDenied2']);
    },
  );

  it.each(['accept', 'refuse'] as const)(
    '%s: a dialog that only links to the cookie policy comes after one whose own words say it uses cookies',
    async (choice) => {
      document.body.innerHTML = `<div role="dialog" aria-label="Conditions"><p>Voir la <a href="/cookies">politique de cookies</a>.</p>
        <button id="terms-accept">Accepter</button><button id="terms-refuse">Refuser</button></div>
      <div role="dialog"><p>Ce site utilise des cookies de mesure d'audience.</p><div><div>
        <button id="cookies-accept">Accepter</button><button id="cookies-refuse">Refuser</button></div></div></div>`;
      const clicked: string[] = [];
      for (const button of document.querySelectorAll('button')) button.addEventListener('click', () => clicked.push(button.id));
      expect(await clickConsent(page, choice)).toBe(choice === 'accept' ? 'accepter' : 'refuser');
      expect(clicked).toEqual([`cookies-${choice}`]);
    },
  );

  describe('searches a page-wide wrapper named after cookies only outside the dialogs it holds', () => {
    it('clicks no newsletter’s “Decline” in it as the refusal', async () => {
      document.body.innerHTML = `<div id="app" class="cookie-consent-shown"><main><p>Catalogue</p></main>
        <div role="dialog" aria-label="Lettre d'information"><p>Recevez nos nouveaux jeux de données.</p><button id="news-decline">Decline</button></div>
        <div id="cookie-banner"><p>We use cookies.</p><button id="accept">Accept all</button><button id="personalise">Personalise</button></div></div>`;
      const clicked: string[] = [];
      for (const button of document.querySelectorAll('button')) button.addEventListener('click', () => clicked.push(button.id));
      expect(await clickConsent(page, 'refuse')).toBeNull();
      expect(clicked).toEqual([]);
    });

    it('sets and saves no “Alertes” dialog’s switch in it', async () => {
      document.body.innerHTML = `<div id="app" class="cookie-consent-shown"><main><p>Catalogue</p></main>
        <div role="dialog" aria-label="Alertes"><label><input type="checkbox" id="alert" checked> Me prévenir</label><button id="alert-save">Enregistrer</button></div>
        <div id="cookie-banner"><p>We use cookies.</p><button id="accept">Accept all</button><button id="personalise">Personalise</button></div></div>`;
      const clicked: string[] = [];
      for (const button of document.querySelectorAll('button')) button.addEventListener('click', () => clicked.push(button.id));
      expect(await clickConsent(page, 'refuse')).toBeNull();
      expect({ alert: checked('alert'), clicked }).toEqual({ alert: true, clicked: [] });
    });
  });

  describe('searches a page-wide wrapper named after cookies after the named banner inside it', () => {
    it('clicks the banner’s “Refuser”, not the wrapper’s footer link “Refuser les cookies”, though the banner’s words name no cookie (the third re-review’s case)', async () => {
      document.body.innerHTML = `<div id="app" class="cookie-consent-shown"><footer><a href="#" id="footer-refuse">Refuser les cookies</a><a href="#" id="footer-accept">Accepter les cookies</a></footer>
        <div class="cookie-banner"><p>Nous respectons votre vie privée. <a href="/p">Politique de confidentialité</a></p><button id="refuse">Refuser</button><button id="accept">Accepter</button></div></div>`;
      expect(await clickedFor('refuse')).toEqual(['refuser', ['refuse']]);
      expect(await clickedFor('accept')).toEqual(['accepter', ['accept']]);
    });
  });

  describe('reads a banner’s name word by word', () => {
    it.each([
      ['a word holding “cookie”', '<div class="fortunecookie-card">'],
      ['a word holding “consent”', '<div id="consentez-widget">'],
      ['a recipe article named after cookies', '<article class="cookie-recipe"><h2>Chocolate chip cookies</h2>'],
    ])('sets and saves no switches in %s', async (_, open) => {
      const close = open.startsWith('<article') ? '</article>' : '</div>';
      document.body.innerHTML = `${open}<label><input type="checkbox" id="flour" checked> 250 g flour</label>
          <button id="card-save">Save</button>${close}
        <div role="dialog" aria-label="Privacy"><p>We use cookies to measure our audience.</p><button id="accept">Accept all</button><button id="manage">Manage options</button></div>`;
      const clicked: string[] = [];
      for (const button of document.querySelectorAll('button')) button.addEventListener('click', () => clicked.push(button.id));
      expect(await clickConsent(page, 'refuse')).toBeNull();
      expect({ flour: checked('flour'), clicked }).toEqual({ flour: true, clicked: [] });
    });

    it.each([
      'cookieBanner',
      'cookie_notice',
      'site-cookies-bar',
      'gdpr-popup',
      'rgpd-bandeau',
      'qc-cmp2-container',
      'cookienotice',
      'gdprconsent',
    ])('takes %s for a banner’s name', async (name) => {
      document.body.innerHTML = `<div role="dialog" aria-label="Conditions"><p>Voir la <a href="/cookies">politique de cookies</a>.</p><button id="terms">Accepter</button></div>
          <div class="${name}"><p>Mesure d’audience.</p><button id="banner">Accepter</button></div>`;
      const clicked: string[] = [];
      for (const button of document.querySelectorAll('button')) button.addEventListener('click', () => clicked.push(button.id));
      expect(await clickConsent(page, 'accept')).toBe('accepter');
      expect(clicked).toEqual(['banner']);
    });
  });

  describe('tries a named banner’s every wording, one word too, before a dialog that only speaks of cookies', () => {
    const banner = `<div id="cookie-banner"><p>Nous utilisons des cookies.</p><button id="b-ref">Refuser</button><button id="b-acc">Accepter</button></div>`;
    it('accepts in #cookie-banner, not with a terms dialog’s “Accepter et continuer”', async () => {
      document.body.innerHTML = `${banner}
        <div role="dialog" id="terms"><p>En continuant vous acceptez nos conditions et notre <a href="/c">politique de cookies</a>.</p><button id="t-acc">Accepter et continuer</button></div>`;
      expect(await clickedFor('accept')).toEqual(['accepter', ['b-acc']]);
    });

    it('refuses in #cookie-banner, not with a newsletter dialog’s “Refuser et fermer”', async () => {
      document.body.innerHTML = `${banner}
        <div role="dialog" id="nl"><p>Notre lettre, sans <a href="/c">cookies</a> publicitaires.</p><button id="nl-ref">Refuser et fermer</button></div>`;
      expect(await clickedFor('refuse')).toEqual(['refuser', ['b-ref']]);
    });
  });

  describe('takes a named banner holding its named row of buttons for the banner, not a wrapper', () => {
    it('refuses with #cookie-banner’s own “Refuser” beside its .cookie-banner__actions, not a terms dialog’s', async () => {
      document.body.innerHTML = `<div id="cookie-banner"><p>Nous utilisons des cookies.</p><div class="cookie-banner__actions"><button id="b-acc">Accepter</button></div><a id="b-ref" href="#">Refuser</a></div>
        <div role="dialog" id="terms"><p>Nos <a href="/c">cookies</a>.</p><button id="t-ref">Refuser</button></div>`;
      expect(await clickedFor('refuse')).toEqual(['refuser', ['b-ref']]);
    });

    it('refuses in OneTrust’s banner inside its #onetrust-consent-sdk, its hidden preference centre left alone', async () => {
      document.body.innerHTML = `<div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk" role="region" aria-label="Cookie banner"><p>We use cookies</p><button id="ot-rej">Reject All</button><button id="ot-acc">Accept All Cookies</button></div>
        <div id="onetrust-pc-sdk" role="dialog" aria-modal="true" hidden><button id="pc-rej">Reject All</button><button id="pc-save">Confirm My Choices</button></div></div>`;
      expect(await clickedFor('refuse')).toEqual(['reject all', ['ot-rej']]);
    });

    it('refuses in the platform’s banner inside a page-wide wrapper named after cookies', async () => {
      document.body.innerHTML = `<div id="app" class="cookie-consent-shown"><section id="consent-banner" role="dialog" aria-label="Gestion de vos préférences sur les cookies">
        <label><input type="checkbox" id="necessary" checked disabled> nécessaires</label><label><input type="checkbox" id="matomo" checked> Matomo</label>
        <button type="button" id="save">Sauvegarder mes choix</button><button id="ta">Tout accepter</button><button id="tr">Tout refuser</button></section></div>`;
      expect(await clickedFor('refuse')).toEqual(['tout refuser', ['tr']]);
    });

    it('refuses in Osano’s cookieconsent banner, its buttons links with role="button"', async () => {
      document.body.innerHTML = `<div role="dialog" aria-label="cookieconsent" class="cc-window cc-banner"><span>This website uses cookies.</span><a id="cc-deny" role="button" class="cc-btn cc-deny">Decline</a><a id="cc-allow" role="button" class="cc-btn cc-allow">Allow cookies</a></div>`;
      expect(await clickedFor('refuse')).toEqual(['decline', ['cc-deny']]);
    });
  });

  describe('takes a one-word name for a banner’s: “cookieconsent”, “cookiebar”, Cookiebot’s “CybotCookiebotDialog”', () => {
    it('refuses in #cookieconsent, not a newsletter dialog’s “Decline”', async () => {
      document.body.innerHTML = `<div id="cookieconsent"><p>Nous utilisons des cookies.</p><button id="b-ref">Refuser</button><button id="b-acc">Accepter</button></div>
        <div role="dialog" id="nl"><p>Recevez notre lettre</p><button id="nl-dec">Decline</button></div>`;
      expect(await clickedFor('refuse')).toEqual(['refuser', ['b-ref']]);
    });

    it('sets and saves #cookiebar’s switches, not a newsletter dialog’s “OK”', async () => {
      document.body.innerHTML = `<div id="cookiebar"><p>Ce site utilise des traceurs.</p><label><input type="checkbox" id="sw" checked> Matomo</label><button id="b-save">Sauvegarder mes choix</button></div>
        <div role="dialog" id="nl"><p>Recevez notre lettre</p><button id="nl-dec">OK</button></div>`;
      expect(await clickedFor('refuse')).toEqual(['sauvegarder mes choix, every switch off', ['b-save']]);
      expect(checked('sw')).toBe(false);
    });

    it.each([
      [
        'Ce site utilise des cookies',
        'Refuser',
        'Autoriser tous les cookies',
        'Vous devez avoir 18 ans. Nous enregistrons votre réponse dans un cookie.',
      ],
      ['This website uses cookies', 'Deny', 'Allow all', 'Are you 18 or older? We keep your answer in a cookie.'],
    ])('refuses in Cookiebot’s dialog (%s), not an age dialog’s that speaks of a cookie', async (text, deny, all, age) => {
      document.body.innerHTML = `<div id="CybotCookiebotDialog" role="dialog" aria-modal="true"><p>${text}</p><button id="cb-deny">${deny}</button><button id="cb-all">${all}</button></div>
        <div role="dialog" id="age"><p>${age}</p><button id="age-deny">${deny}</button></div>`;
      expect(await clickedFor('refuse')).toEqual([deny.toLowerCase(), ['cb-deny']]);
    });
  });

  it('reads nested buttons’ styles once per element and queries no banner’s subtree, however deep', async () => {
    const depth = 400;
    const styles = vi.spyOn(globalThis, 'getComputedStyle');
    const queries = vi.spyOn(Element.prototype, 'querySelectorAll');
    const listings = vi.spyOn(Element.prototype, 'getElementsByTagName');
    try {
      document.body.innerHTML =
        '<div id="cookie-banner"><p>cookies</p>' + '<span role="button">x '.repeat(depth) + '</span>'.repeat(depth) + '</div>';
      expect(await clickConsent(page, 'refuse')).toBeNull();
      document.body.innerHTML = '<div class="consent-wrap"><button>x</button>'.repeat(depth) + '</div>'.repeat(depth);
      expect(await clickConsent(page, 'refuse')).toBeNull();
      expect(styles.mock.calls.length).toBeLessThan(2 * depth);
      expect(queries.mock.calls.length + listings.mock.calls.length).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('reads the page’s words once, however deep the dialogs', async () => {
    const depth = 400;
    const steps = vi.spyOn(TreeWalker.prototype, 'nextNode');
    try {
      document.body.innerHTML = '<div role="dialog"><p>Nouveau.</p>'.repeat(depth) + '</div>'.repeat(depth);
      expect(await clickConsent(page, 'refuse')).toBeNull();
      expect(steps.mock.calls.length).toBeLessThan(8 * depth);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('says no banner button was found when there is none', async () => {
    document.body.innerHTML = '<main><p>Données publiques ouvertes.</p></main>';
    expect(await clickConsent(page, 'refuse')).toBeNull();
  });

  it('clicks a banner drawn after the first look, and gives up on none after the wait given', async () => {
    document.body.innerHTML = '<main><p>Données publiques ouvertes.</p></main>';
    setTimeout(() => document.body.insertAdjacentHTML('beforeend', PLATFORM_BANNER), 600);
    expect(await clickConsentOnceShown(page, 'refuse', 3_000)).toBe('sauvegarder mes choix, every switch off');
    document.body.innerHTML = '<main><p>Données publiques ouvertes.</p></main>';
    const started = Date.now();
    expect(await clickConsentOnceShown(page, 'refuse', 600)).toBeNull();
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  describe('while it waits, clicks only in a banner about cookies or consent', () => {
    const BANNER = `<div id="cookie-banner"><p>Nous utilisons des cookies.</p><button id="refuse">Tout refuser</button><button id="accept">Tout accepter</button></div>`;
    /** What the wait clicked, `first` drawn at 300 ms and the cookie banner at 700 ms (or never). */
    const waitWith = async (first: string, banner = true) => {
      document.body.innerHTML = '<main><p>Données publiques ouvertes.</p></main>';
      const clicked: string[] = [];
      const record = (event: Event) => clicked.push((event.target as Element).id);
      document.addEventListener('click', record, true);
      const timers = [setTimeout(() => document.body.insertAdjacentHTML('beforeend', first), 300)];
      if (banner) timers.push(setTimeout(() => document.body.insertAdjacentHTML('beforeend', BANNER), 700));
      try {
        return { label: await clickConsentOnceShown(page, 'refuse', 1_500), clicked };
      } finally {
        // A wait that ended early leaves no drawing for the next test.
        timers.forEach(clearTimeout);
        document.removeEventListener('click', record, true);
      }
    };

    it('not a newsletter dialog drawn before the late cookie banner', async () => {
      const newsletter = `<div role="dialog" aria-label="Lettre d'information"><p>Recevez nos nouveaux jeux de données.</p><button id="news-decline">Decline</button></div>`;
      expect(await waitWith(newsletter)).toEqual({ label: 'tout refuser', clicked: ['refuse'] });
    });

    it('not the page’s own "Refuser" drawn by script before it', async () => {
      const form = '<form><p>Demande d’accès</p><button id="deny" type="button">Refuser</button></form>';
      expect(await waitWith(form)).toEqual({ label: 'tout refuser', clicked: ['refuse'] });
    });

    it('the other dialogs at its last look, when no cookie banner came', async () => {
      const dialog = '<div role="dialog"><p>Nos conditions.</p><button id="deny">Tout refuser</button></div>';
      expect(await waitWith(dialog, false)).toEqual({ label: 'tout refuser', clicked: ['deny'] });
    });
  });

  it('clicks nothing once the page is on another host than the one audited (a timed redirect during the wait)', async () => {
    document.body.innerHTML = PLATFORM_BANNER;
    const [other, here] = [`not-${location.hostname}`, location.hostname];
    expect(await clickConsentOnceShown(page, 'refuse', 300, other)).toBeNull();
    expect(checked('matomo')).toBe(true);
    expect(await clickConsentOnceShown(page, 'refuse', 300, here)).toBe('sauvegarder mes choix, every switch off');
  });
});
