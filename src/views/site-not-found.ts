/**
 * The site a page was asked to show cannot be found: a tab that does not exist, an address that
 * is not a tab number. Its message, in the UI language, is shown as it is (never a blank page).
 */
export class SiteNotFound extends Error {
  override name = 'SiteNotFound';
}
