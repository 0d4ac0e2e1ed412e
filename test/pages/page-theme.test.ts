// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { applyTheme, pageTheme } from '../../src/pages/page-theme.ts';

describe('page theme', () => {
  it('takes ?theme first, then DevTools’ theme, else follows the system', () => {
    expect(pageTheme(new URLSearchParams('theme=dark'), 'light')).toBe('dark');
    expect(pageTheme(new URLSearchParams('theme=light'), null)).toBe('light');
    expect(pageTheme(new URLSearchParams('theme=sepia'), 'dark')).toBe('dark');
    expect(pageTheme(new URLSearchParams(), null)).toBeNull();
  });

  it('sets the theme on the page, and removes it to follow the system', () => {
    const root = document.createElement('html');
    applyTheme('dark', root);
    expect(root.dataset.theme).toBe('dark');
    applyTheme(null, root);
    expect(root.hasAttribute('data-theme')).toBe(false);
  });
});
