/**
 * The page's theme: `?theme=light|dark` pins one (screenshots, debugging); else DevTools' own
 * theme in the DevTools panel (`devtools.panels.themeName`), which DevTools may not share with
 * the system; else none, and the stylesheet follows the system's (light-dark()).
 */
export function pageTheme(params: URLSearchParams, devtools: 'light' | 'dark' | null): 'light' | 'dark' | null {
  const pinned = params.get('theme');
  if (pinned === 'light' || pinned === 'dark') return pinned;
  return devtools;
}

/** Shows the page in `theme`, or in the system's with null. */
export function applyTheme(theme: 'light' | 'dark' | null, root: HTMLElement = document.documentElement): void {
  if (theme) root.dataset.theme = theme;
  else delete root.dataset.theme;
}
