/**
 * Makes a choice in the consent banner. A one-click button ("Tout accepter", "Reject all") is
 * found by its words, in French or English, inside the banner when one can be told apart (those
 * named after cookies or consent by id, class or aria-label first, then those whose words speak of
 * them, innermost first), so a page's other "Accept" buttons, a terms-of-use dialog's included, are
 * left alone. Its words are read as laid out (a line break is a
 * space), without format characters or the symbols around them ("Tout accepter ✓"), and must
 * match exactly: "Personnaliser" or "Refuser" never accepts. Without one, the banner as the platform's is
 * documented (charter-formats.md: "Gestion de vos préférences sur les cookies", a switch per
 * statistics tool, "Sauvegarder mes choix"): every switch it lets the visitor change is set on
 * for "accept", off for "refuse", then the choice is saved. Last, a bare "OK" (BARE_WORDS) accepts,
 * only in a banner that says it is about cookies or consent.
 */
import type { PageUnderTest } from '../browsers/browser-under-test.ts';

/**
 * Words of each choice's button, as the platform (charter-formats.md: "Tout accepter", "Tout
 * refuser") and common banners write them, in French and English: the wordings a review of the
 * audit found missing are in the tests (consent-banner.test.ts). Tried in this order in each banner.
 * An apostrophe matches as any of its forms (', ’, ‘, ʼ). "Accept only necessary" and "Accepter
 * uniquement les cookies nécessaires" refuse the optional cookies: refusals, never acceptances.
 */
export const BUTTON_WORDS = {
  accept: [
    'tout accepter',
    'accepter tout',
    'tout accepter et fermer',
    'accepter tout et fermer',
    'accepter et fermer',
    'accepter & fermer',
    'accepter et continuer',
    'accepter',
    'accept all cookies',
    'accept all',
    'accept and close',
    'accept & close',
    'accept',
    'i accept',
    "j'accepte",
    "ok, j'accepte",
    'allow all cookies',
    'allow all',
    'accepter tous les cookies',
    'accepter les cookies',
    'accept cookies',
  ],
  refuse: [
    'tout refuser',
    'refuser tout',
    'tout rejeter',
    'tout refuser et fermer',
    'refuser et fermer',
    'je refuse',
    'refuser',
    'continuer sans accepter',
    'reject all cookies',
    'reject all',
    'refuse all cookies',
    'refuse all',
    'decline all',
    'deny all',
    'refuse',
    'reject',
    'decline',
    'deny',
    'continue without accepting',
    'refuser tous les cookies',
    'refuser les cookies',
    'reject cookies',
    'uniquement les cookies nécessaires',
    'cookies nécessaires uniquement',
    'accepter uniquement les cookies nécessaires',
    'only necessary',
    'necessary only',
    'only necessary cookies',
    'necessary cookies only',
    'use necessary cookies only',
    'accept only necessary',
    'accept only necessary cookies',
  ],
} as const;

/**
 * Words that make a choice only in a banner that is recognisably about consent (CONSENT_WORDS in
 * its words): a bare "OK" is also a search form's submit or a news dialog's close. Tried last, after
 * every banner button and the switches. No bare refusal: "Non merci" is as often a newsletter's, and
 * a popup without a dialog's role inside a page-wide wrapper named after cookies reads as that
 * wrapper's, whose footer speaks of cookies.
 */
export const BARE_WORDS = { accept: ['ok'], refuse: [] } as const;

/**
 * What a consent banner's own words speak of (lowercase, in its text or aria-label), each a whole
 * word: "consentement" is a banner's word, "vous consentez" a terms-of-use dialog's (the review's
 * case), and a word inside another ("consentez", "cookiecutter") says nothing. English "consent" is
 * a banner's noun ("Manage consent") as well as a terms dialog's verb ("you consent to the terms"):
 * a banner named after cookies or consent (CONSENT_NAME) is tried before one that only says so.
 */
const CONSENT_WORDS = '(?<![\\p{L}\\p{N}])(?:cookies?|consents?|consentements?|traceurs?|trackers?)(?![\\p{L}\\p{N}])';

/**
 * What a consent banner's id or class holds, as its selector picks it ("cookie-banner",
 * "didomi-consent-popup"); "tarteaucitron" as tarteaucitron.js names its banner (#tarteaucitronRoot,
 * #tarteaucitronAlertBig, no "cookie" in them: github.com/AmauriC/tarteaucitron.js, the re-review's
 * case); "gdpr"/"rgpd" the regulation's name in English and French (Regulation (EU) 2016/679);
 * "cmp" a Consent Management Platform's, as IAB Europe's Transparency and Consent Framework calls
 * it (Quantcast's "qc-cmp2-container").
 */
const CONSENT_NAME = ['cookie', 'consent', 'tarteaucitron', 'gdpr', 'rgpd', 'cmp'];

/**
 * A word of the name (split at "-", "_", spaces and a camelCase capital) that is one of these whole,
 * or starts with "cookie" or ends with "consent": one-word names are banners' too ("cookieconsent",
 * "cookiebar", Cookiebot's #CybotCookiebotDialog read as "Cybot Cookiebot Dialog", "gdprconsent": the
 * re-review's cases). A word that only holds one inside ("fortunecookie-card", "consentez-widget")
 * names no banner.
 */
const CONSENT_NAME_WORD = '^(?:cookies?|consents?|consentements?|tarteaucitron|gdpr|rgpd|cmp\\d*|cookie[a-z0-9]*|[a-z0-9]*consents?)$';

/** Words of the button that saves the switches' choice. */
export const SAVE_WORDS = [
  'sauvegarder mes choix',
  'enregistrer mes choix',
  'valider mes choix',
  'sauvegarder',
  'enregistrer',
  'save my choices',
  'save choices',
  'save preferences',
  'save settings',
  'save',
] as const;

/**
 * Runs in the page. Kept as source text: the TypeScript runner used for scripts rewrites named
 * functions with a helper that does not exist in the page.
 */
const FIND_AND_CLICK = `(words, bareWords, saveWords, choiceWords, on, onHost, consentBannersOnly) => {
  // Nothing is clicked on another host than the one audited (a timed redirect during the wait).
  if (onHost !== null && location.hostname.toLowerCase() !== onHost) return null;
  // Once per element: a button is looked at from each banner holding it.
  // Whether an element or one above it is [hidden], found once per element on the way up: a look
  // up from each of nested buttons was quadratic (the re-review's count.test.ts).
  const hiddens = new Map();
  const hidden = (el) => {
    const path = [];
    let up = el;
    while (up && !hiddens.has(up) && !up.hasAttribute('hidden')) {
      path.push(up);
      up = up.parentElement;
    }
    const verdict = !!up && (hiddens.has(up) ? hiddens.get(up) : true);
    for (const on of path) hiddens.set(on, verdict);
    if (up && !hiddens.has(up)) hiddens.set(up, true);
    return verdict;
  };
  const visibles = new Map();
  const visible = (el) => {
    if (!visibles.has(el)) {
      const box = el.getBoundingClientRect();
      visibles.set(el, box.width > 0 && box.height > 0 && !hidden(el));
    }
    return visibles.get(el);
  };
  const BUTTONS = 'button, [role="button"], a, input[type="button"], input[type="submit"]';
  // Never the whole page (Modernizr writes <html class="cookies">), and the innermost first: a
  // page-wide wrapper named so would hold the catalogue's own filters and buttons.
  // Every element's size is counted in one pass from the page's end (a child is counted before its
  // parent), not by listing each banner's elements: nested banners made that quadratic (the
  // re-review's count.test.ts).
  const sizes = new Map();
  const all = document.getElementsByTagName('*');
  for (let at = all.length - 1; at >= 0; at--) {
    const parent = all[at].parentElement;
    if (parent) sizes.set(parent, (sizes.get(parent) || 0) + (sizes.get(all[at]) || 0) + 1);
  }
  const size = (el) => sizes.get(el) || 0;
  const namedSelector = ${JSON.stringify(CONSENT_NAME)}.map((name) => '[id*="' + name + '" i], [class*="' + name + '" i]').join(', ');
  const nameWord = new RegExp(${JSON.stringify(CONSENT_NAME_WORD)});
  const namedAfterConsent = (el) =>
    ((el.id || '') + ' ' + (el.getAttribute('class') || ''))
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .split(/[^A-Za-z0-9]+/)
      .some((word) => nameWord.test(word.toLowerCase()));
  // An <article> or <main> is the page's content (HTML's "self-contained composition", "dominant
  // contents"), never a banner by its name alone: <article class="cookie-recipe"> with its
  // ingredients' checkboxes and "Save" (the re-review's case).
  const isDialog = (el) => el.matches('[role="dialog"], [aria-modal="true"]');
  const banners = [...document.querySelectorAll('[role="dialog"], [aria-modal="true"], ' + namedSelector)]
    .filter((el) => isDialog(el) || (namedAfterConsent(el) && !el.matches('article, main')))
    // Nor a button named so (<button id="cookie-accept">): it holds no buttons, and its words are a choice.
    .filter((el) => el !== document.documentElement && el !== document.body && !el.matches(BUTTONS))
    .map((el) => [size(el), el])
    .sort((a, b) => a[0] - b[0])
    .map(([, el]) => el);
  // What a banner's own words say: whether it has any, and whether they speak of cookies or
  // consent (CONSENT_WORDS, each a whole word: no word spans two texts, read apart). The page's
  // texts are read once, each marking the elements above it up to one already marked, rather than
  // each banner's subtree read again for each level of nesting (the re-review's count.test.ts).
  // Its words without its links' words too: a terms dialog that only links to the "politique de
  // cookies" is no notice that says it uses cookies (the re-review's tarteaucitron case).
  const markings = new Map();
  const marked = (links) => {
    if (markings.has(links)) return markings.get(links);
    const words = new Set();
    const consent = new Set();
    // A link's words are the notice's own ("Ce site utilise des <a>cookies</a>"); a button's are a
    // choice: its whole subtree is left out, in one step rather than by a look up from each text.
    const skip = 'button, [role="button"], script, style' + (links ? '' : ', a');
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => node.nodeType === Node.TEXT_NODE ? NodeFilter.FILTER_ACCEPT : node.matches(skip) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP,
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!/\\S/.test(node.data)) continue;
      for (let up = node.parentElement; up && !words.has(up); up = up.parentElement) words.add(up);
      if (!aboutConsent.test(node.data.toLowerCase())) continue;
      for (let up = node.parentElement; up && !consent.has(up); up = up.parentElement) consent.add(up);
    }
    markings.set(links, { words, consent });
    return markings.get(links);
  };
  const ariaLabel = (el) => (el.getAttribute('aria-label') || '').toLowerCase();
  const hasWords = (el) => ariaLabel(el).trim() !== '' || marked(true).words.has(el);
  const saysConsent = (el, links = true) => aboutConsent.test(ariaLabel(el)) || marked(links).consent.has(el);
  const aboutConsent = new RegExp(${JSON.stringify(CONSENT_WORDS)}, 'u');
  // One-click buttons are looked for banner by banner, each banner's words in order before the
  // next banner's. First the banners named after cookies or consent (id, class or aria-label),
  // innermost first: the structure says what a banner is, where a terms-of-use dialog's text may
  // say "you consent" or link to the "politique de cookies" (the review's cases: its "Accepter"
  // was clicked for the cookie banner's). Then those that only say so in their words, innermost
  // first, those that say so outside their links before those whose links alone do (a terms
  // dialog linking to the "politique de cookies" beside tarteaucitron's #tarteaucitronAlertBig,
  // whose id holds no "cookie": the re-review's case). Last, the named ones that hold another of
  // these: a page-wide wrapper named after cookies comes after the banner inside it (its footer's
  // "Refuser les cookies" link is not the banner's "Refuser"). Then, if none is shown, the other
  // dialogs.
  const namedForConsent = (el) =>
    (namedAfterConsent(el) && !el.matches('article, main')) ||
    aboutConsent.test(ariaLabel(el));
  const named = new Set(banners.filter(namedForConsent));
  const forConsent = banners.filter((el) => named.has(el) || saysConsent(el));
  const consentSet = new Set(forConsent);
  // Each banner's buttons (and switches), in the page's order, from one look over the page rather
  // than one per banner: the page matched each nested banner's whole subtree against the selector
  // again (the re-review's count.test.ts: 1,000 nested wrappers took 17 s).
  const bannerIs = new Set(banners);
  const listedBy = (selector, keep) => {
    const page = [...document.querySelectorAll(selector)].filter(keep);
    const lists = new Map();
    for (const el of page) {
      for (let up = el.parentElement; up; up = up.parentElement) {
        if (!bannerIs.has(up)) continue;
        if (!lists.has(up)) lists.set(up, []);
        lists.get(up).push(el);
      }
    }
    return (scope) => (scope === document ? page : lists.get(scope) || []);
  };
  const buttonsOf = listedBy(BUTTONS, visible);
  const SAVES = 'button, [role="button"], input[type="button"], input[type="submit"]';
  const switchesOf = listedBy('input[type="checkbox"], [role="switch"]', () => true);
  // A button's words as the page lays them out: a line break or a block (a flex item too) between
  // two words is a space, adjacent inline elements are not (<span>Tout</span><span>accepter</span>
  // reads "Toutaccepter" on screen too), hidden ones count for nothing. Then format characters
  // (zero-width spaces, soft hyphens) go, and the symbols and punctuation around the words
  // ("Tout accepter ✓", "Continuer sans accepter →"): the words themselves must match exactly.
  // Once per element: a button inside another (nested role="button") is read for both, and each
  // level read its whole subtree's styles again (the re-review's count.test.ts).
  const texts = new Map();
  const textOf = (node) => {
    if (texts.has(node)) return texts.get(node);
    let text = '';
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) text += child.data;
      if (child.nodeType !== Node.ELEMENT_NODE) continue;
      const tag = child.tagName.toLowerCase();
      if (tag === 'br') text += ' ';
      // An icon's SVG (its <title> included) is no words on screen.
      if (['br', 'script', 'style', 'template', 'noscript', 'svg', 'math'].includes(tag)) continue;
      const display = getComputedStyle(child).display;
      if (display === 'none') continue;
      // '' where nothing is laid out (a test's DOM gives no style to a span): inline, as a span is.
      text += display === '' || display.startsWith('inline') || display === 'contents' ? textOf(child) : ' ' + textOf(child) + ' ';
    }
    texts.set(node, text);
    return text;
  };
  // The symbols and punctuation around the words go by a walk from each end, not by a pattern
  // anchored at the end, which tries again from every symbol of a run that stops short of the end
  // ("a ✓ ✓ … ✓ a": 20,000 of them took 35 s): a page's text is read in linear time, whatever it is.
  const edge = /[\\s\\p{S}\\p{P}]/u;
  const trimEdges = (text) => {
    const chars = [...text];
    let start = 0;
    let end = chars.length;
    while (start < end && edge.test(chars[start])) start++;
    while (end > start && edge.test(chars[end - 1])) end--;
    return chars.slice(start, end).join('');
  };
  const labels = new Map();
  const label = (el) => {
    if (!labels.has(el)) {
      const text = el.matches('input') ? el.value || '' : textOf(el);
      labels.set(el, trimEdges(text.replace(/\\p{Cf}/gu, '').replace(/\\s+/g, ' ').toLowerCase()));
    }
    return labels.get(el);
  };
  // An apostrophe is one, whichever the page typed: "J’accepte", "J‘accepte", "Jʼaccepte".
  const apostrophes = (text) => text.replace(/[\\u2018\\u2019\\u02bc]/g, "'");
  // Each button's words as matched, and each banner's buttons by those words, made once: a word
  // was compared with every button of every banner, 30 times over in nested wrappers.
  const keys = new Map();
  const key = (el) => {
    if (!keys.has(el)) keys.set(el, apostrophes(label(el)));
    return keys.get(el);
  };
  // Each element is walked past once: above one already walked, every banner is already marked.
  // A named one is a wrapper when it holds a dialog (role="dialog", aria-modal: a page-wide
  // <div id="app" class="cookie-consent-shown"> holding a newsletter's dialog and the banner, the
  // re-review's case: the newsletter's "Decline" was clicked as the refusal, an "Alertes" dialog's
  // switch unchecked and saved), or a separate banner: one with a choice's button whose own words
  // (or aria-label) speak of cookies or consent (a page-wide wrapper's footer link "Refuser les
  // cookies" is not the banner's "Refuser"). Its own named parts make it none: a row of buttons
  // (#cookie-banner > .cookie-banner__actions, no words of its own) or its text (tarteaucitron's
  // #tarteaucitronDisclaimerAlert, no button); a named banner holding its buttons' row was tried
  // last, after a terms dialog's "Refuser" (the re-review's case). A wrapper's own buttons and
  // switches alone are its: not those inside the dialogs and banners it holds, tried on their own.
  const choiceSet = new Set(choiceWords.map(apostrophes));
  const choosing = (el) => buttonsOf(el).some((button) => choiceSet.has(key(button)));
  // A banner named after cookies counts with words of its own of any kind ("Nous respectons votre
  // vie privée"): a page-wide wrapper's footer links "Refuser les cookies" were clicked for its
  // "Refuser" (the third re-review's case, a regression on the landed code).
  const inner = banners.filter(
    (el) => isDialog(el) || (consentSet.has(el) && choosing(el) && (saysConsent(el) || (named.has(el) && hasWords(el)))),
  );
  const wrapping = new Set();
  const walked = new Set();
  for (const el of inner) {
    for (let up = el.parentElement; up && !walked.has(up); up = up.parentElement) {
      walked.add(up);
      if (named.has(up)) wrapping.add(up);
    }
  }
  // The nearest dialog, banner or wrapper above an element, found once per element on the way.
  const cuts = new Set([...inner, ...wrapping]);
  const cutOf = new Map();
  const nearestCut = (el) => {
    const path = [];
    let up = el.parentElement;
    while (up && !cuts.has(up) && !cutOf.has(up)) {
      path.push(up);
      up = up.parentElement;
    }
    const cut = !up ? null : cuts.has(up) ? up : cutOf.get(up);
    for (const on of path) cutOf.set(on, cut);
    return cut;
  };
  const own = (scope, list) => (wrapping.has(scope) ? list.filter((el) => nearestCut(el) === scope) : list);
  const ownButtons = (scope) => own(scope, buttonsOf(scope));
  const rank = (el) => (named.has(el) ? (wrapping.has(el) ? 3 : 0) : saysConsent(el, false) ? 1 : 2);
  const consentScopes = forConsent.map((el, at) => [rank(el), at, el]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , el]) => el);
  const wanted = words.map(apostrophes);
  // Once a cookie banner is found, no other dialog's button is clicked: a newsletter's "Decline"
  // beside a banner whose refusal reads otherwise is no refusal. The other dialogs are tried only
  // when no banner about cookies or consent is. Found when one is shown with a button that makes
  // or saves a choice (any choice's words, BUTTON_WORDS, BARE_WORDS or SAVE_WORDS), or when a
  // banner named after cookies or consent (no wrapper) is shown with a button of any words
  // ("Non merci", "OK pour moi": the re-review's case, the newsletter's "Decline" was clicked):
  // then no choice is made. A link is no such button: a footer's <div class="footer-cookies">
  // holding its "Charte cookies" link is no banner, and the privacy dialog beside it must still be
  // tried (the re-review's case: nothing was clicked).
  const found = consentScopes.some(
    (el) =>
      visible(el) &&
      ownButtons(el).some(
        (button) => choiceSet.has(key(button)) || (named.has(el) && !wrapping.has(el) && button.matches(SAVES)),
      ),
  );
  const scopes = !banners.length ? [document] : found ? consentScopes : [...consentScopes, ...banners.filter((el) => !consentSet.has(el))];
  // Within each rank (the named banners, those whose own words speak of cookies or consent, those
  // whose links alone do, the wrappers, then the other dialogs), the wordings of more than one word
  // ("tout accepter", "refuser les cookies") are tried in every banner before the bare ones
  // ("accepter", "refuser"): a text-recognised terms dialog's bare "Accepter" is no cookie banner's
  // "Tout accepter" (the re-review's tarteaucitron case). A rank is fully tried, both rounds, before
  // the next: a terms dialog's "Accepter et continuer" beside #cookie-banner's "Accepter" is not the
  // banner's (the re-review's case), nor a wrapper's footer link "Refuser les cookies" its "Refuser".
  // While the banner wait looks again, only a banner about cookies or consent: a newsletter's
  // dialog or a form's "Refuser" drawn before a late cookie banner is no refusal.
  const others = consentBannersOnly ? [] : scopes.filter((el) => !consentSet.has(el));
  const groups = [0, 1, 2, 3].map((at) => consentScopes.filter((el) => rank(el) === at)).concat([others]);
  const tiers = [wanted.filter((word) => word.includes(' ')), wanted.filter((word) => !word.includes(' '))];
  for (const group of groups) {
    for (const tier of tiers) {
      for (const scope of group) {
        const byKey = new Map();
        for (const el of ownButtons(scope)) if (!byKey.has(key(el))) byKey.set(key(el), el);
        for (const word of tier) {
          const button = byKey.get(word);
          if (button) {
            button.click();
            return label(button);
          }
        }
      }
    }
  }
  // No one-click button: a banner of switches and a button that saves them. Only inside a banner
  // about cookies or consent, in the order above (named first): a page's own checkboxes are left
  // alone, and so is another dialog's beside the banner (an "Alertes" dialog's checkbox and its
  // "Enregistrer", smaller than the platform's banner, were set and saved as the choice). A switch
  // may be drawn over a hidden input: not boxes, only [hidden] rule it out.
  for (const scope of consentScopes) {
    if (hidden(scope)) continue;
    const save = ownButtons(scope).find((el) => el.matches(SAVES) && saveWords.includes(label(el)));
    const switches = own(scope, switchesOf(scope))
      .filter((el) => !hidden(el) && !el.disabled && el.getAttribute('aria-disabled') !== 'true');
    if (!save || switches.length === 0) continue;
    for (const el of switches) {
      const checked = el.matches('input') ? el.checked : el.getAttribute('aria-checked') === 'true';
      if (checked !== on) el.click();
    }
    save.click();
    return label(save) + (on ? ', every switch on' : ', every switch off');
  }
  // Last, a bare word ("OK"): only inside a banner whose own words (its text beside its buttons, or
  // its aria-label) speak of cookies or consent, judged on the innermost banner that has words of
  // its own (a news dialog's "OK" within a page-wide wrapper named after cookies is not one). Never
  // page-wide, never a form's submit beside the form's fields (a search form's "OK").
  const besideFields = (el) => {
    const form = el.closest('form');
    return !!form && [...form.querySelectorAll('input, select, textarea')]
      // A banner's switches are no fields to fill in: a form of them with its "OK" is a banner's.
      .some((field) => field !== el && !['hidden', 'submit', 'button', 'reset', 'image', 'checkbox', 'radio'].includes((field.type || '').toLowerCase()));
  };
  // Judged once per button, from the button outwards, stopping at the first banner with words:
  // each level's words were read for every containing banner and every scope (200 nested wrappers
  // named after consent took 4 s).
  const bannerSet = new Set(banners);
  const spokenOfConsent = new Map();
  const speaksOfConsent = (el) => {
    if (!spokenOfConsent.has(el)) {
      let verdict = false;
      for (let up = el; up; up = up.parentElement) {
        if (!bannerSet.has(up)) continue;
        if (!hasWords(up)) continue;
        verdict = saysConsent(up);
        break;
      }
      spokenOfConsent.set(el, verdict);
    }
    return spokenOfConsent.get(el);
  };
  // In the order above, named banners first: a terms-of-use dialog saying "you consent" speaks of
  // consent too, and its "OK", smaller, was clicked before the cookie notice's.
  for (const word of bareWords) {
    for (const scope of consentScopes) {
      const button = ownButtons(scope).find((el) => label(el) === word && !besideFields(el) && speaksOfConsent(el));
      if (button) {
        button.click();
        return label(button);
      }
    }
  }
  return null;
}`;

/**
 * Makes `choice`; resolves to the label of the button clicked (with how the switches were set,
 * when there were switches to set), or null when the page shows no banner with such a button (a
 * portal whose trackers need no consent shows none).
 */
export async function clickConsent(
  page: PageUnderTest,
  choice: 'accept' | 'refuse',
  { onHost = null, consentBannersOnly = false }: { onHost?: string | null; consentBannersOnly?: boolean } = {},
): Promise<string | null> {
  const choiceWords = [...BUTTON_WORDS.accept, ...BUTTON_WORDS.refuse, ...BARE_WORDS.accept, ...BARE_WORDS.refuse, ...SAVE_WORDS];
  const args = [BUTTON_WORDS[choice], BARE_WORDS[choice], SAVE_WORDS, choiceWords, choice === 'accept', onHost, consentBannersOnly]
    .map((arg) => JSON.stringify(arg))
    .join(', ');
  return (await page.evaluateScript(`(${FIND_AND_CLICK})(${args})`)) as string | null;
}

/**
 * How long the audit looks again for a banner not shown yet, and how often: a consent manager's
 * script may draw it seconds after the page loaded and its cookie events settled (the review's
 * banner drawn 1.5 s late was never clicked). A page with no banner costs this much more.
 */
export const BANNER_WAIT_MS = 5_000;
const BANNER_LOOK_EVERY_MS = 250;

/**
 * clickConsent, tried again every BANNER_LOOK_EVERY_MS until a button is clicked or `waitMs` has
 * passed, in a banner about cookies or consent only until the last look; with `onHost`, nothing
 * is clicked once the page is on another host.
 */
export async function clickConsentOnceShown(
  page: PageUnderTest,
  choice: 'accept' | 'refuse',
  waitMs = BANNER_WAIT_MS,
  onHost: string | null = null,
): Promise<string | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    // Another dialog or the whole page only at the last look: one drawn before a late cookie
    // banner (a newsletter's "Decline") was clicked as the choice.
    const lastLook = Date.now() >= deadline;
    const clicked = await clickConsent(page, choice, { onHost, consentBannersOnly: !lastLook });
    if (clicked !== null || lastLook) return clicked;
    await new Promise((resolve) => setTimeout(resolve, BANNER_LOOK_EVERY_MS));
  }
}
