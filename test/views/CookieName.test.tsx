// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { CookieName, cookieNameText } from '../../src/views/CookieName.tsx';
import { t } from '../support/render-app.tsx';
import { localeTranslate } from '../support/locale-translate.ts';

afterEach(cleanup);

describe('a cookie’s name inline', () => {
  it('is the name as code, kept within its paragraph', () => {
    const code = render(<CookieName name={'a\u2029b'} t={t} />).container.querySelector('code')!;
    expect(code.textContent).toBe('a\uFFFDb');
    expect(code.className).toBe('');
  });

  it('says an empty name in words, set apart from names, in the page’s language', () => {
    const code = render(<CookieName name="" t={localeTranslate('fr')} />).container.querySelector('code')!;
    expect(code.textContent).toBe('(sans nom)');
    expect(code.className).toBe('nameless');
    expect(cookieNameText('', localeTranslate('en'))).toBe('(no name)');
    expect(cookieNameText('<b>x</b>', t)).toBe('<b>x</b>');
  });
});
