/**
 * Clicks the consent banner's button for a choice. The platform's banner ("Gestion de vos
 * préférences sur les cookies") is found by its buttons' words, in French or English, inside
 * the banner when one can be told apart, so a page's other "Accept" buttons are left alone.
 */
import type { PageUnderTest } from '../browsers/browser-under-test.ts';

/** Words of each choice's button, as the platform and common banners write them. */
export const BUTTON_WORDS = {
  accept: ['tout accepter', 'accepter tout', 'accepter', 'accept all', 'accept', 'j’accepte', "j'accepte", 'allow all', 'ok'],
  refuse: [
    'tout refuser',
    'refuser tout',
    'refuser',
    'continuer sans accepter',
    'reject all',
    'refuse all',
    'refuse',
    'reject',
    'decline',
    'deny',
  ],
} as const;

/**
 * Runs in the page. Kept as source text: the TypeScript runner used for scripts rewrites named
 * functions with a helper that does not exist in the page.
 */
const FIND_AND_CLICK = `(words) => {
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && !el.closest('[hidden]');
  };
  const banners = [...document.querySelectorAll('[role="dialog"], [aria-modal="true"], [id*="cookie" i], [class*="cookie" i], [id*="consent" i], [class*="consent" i]')];
  const scopes = banners.length ? banners : [document];
  const label = (el) => (el.textContent || el.value || '').replace(/\\s+/g, ' ').trim().toLowerCase();
  for (const word of words) {
    for (const scope of scopes) {
      const button = [...scope.querySelectorAll('button, [role="button"], a, input[type="button"], input[type="submit"]')]
        .find((el) => visible(el) && label(el) === word);
      if (button) {
        button.click();
        return label(button);
      }
    }
  }
  return null;
}`;

/**
 * Clicks the button for `choice`; resolves to its label, or null when the page shows no banner
 * with such a button (a portal whose trackers need no consent shows none).
 */
export async function clickConsent(page: PageUnderTest, choice: 'accept' | 'refuse'): Promise<string | null> {
  return (await page.evaluateScript(`(${FIND_AND_CLICK})(${JSON.stringify(BUTTON_WORDS[choice])})`)) as string | null;
}
