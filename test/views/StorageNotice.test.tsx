// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/preact';
import { StorageNotice } from '../../src/views/StorageNotice.tsx';
import { t } from '../support/render-app.tsx';
import { localeTranslate } from '../support/locale-translate.ts';

afterEach(cleanup);

const kept = { sitesDropped: 0, lastDropAt: null, cookiesDropped: 0, unsavedSince: null };
const parts = (container: Element) => [...container.querySelectorAll('[data-notice-part]')].map((p) => p.getAttribute('data-notice-part'));

describe('StorageNotice', () => {
  it('says nothing when everything was kept, in a status line that is there, empty and unstyled', () => {
    const { container } = render(<StorageNotice storage={kept} siteEvicted={false} t={t} language="en" />);
    expect(container.innerHTML).toBe('<div role="status"></div>');
  });

  it('says what is lost while it is shown in the status line that was there, only its text changing', () => {
    const { container, rerender } = render(<StorageNotice storage={kept} siteEvicted={false} t={t} language="en" />);
    const status = container.querySelector('[role="status"]')!;
    rerender(<StorageNotice storage={{ ...kept, cookiesDropped: 3 }} siteEvicted={false} t={t} language="en" />);
    expect(container.querySelector('[role="status"]')).toBe(status);
    expect(status.getAttribute('data-notice')).toBe('storage');
    expect(status.textContent).toBe('storageCookiesDropped 3');
  });

  it('says each thing that could not be kept', () => {
    const { container } = render(
      <StorageNotice storage={{ sitesDropped: 4, lastDropAt: 1, cookiesDropped: 2, unsavedSince: 0 }} siteEvicted t={t} language="en" />,
    );
    expect(parts(container)).toEqual(['site-evicted', 'sites-dropped', 'cookies-dropped', 'unsaved']);
    expect(container.querySelector('[data-notice-part="sites-dropped"]')?.textContent).toBe('storageSitesDropped 4');
  });

  it('says "1 site" with its own message', () => {
    const { container } = render(<StorageNotice storage={{ ...kept, sitesDropped: 1 }} siteEvicted={false} t={t} language="en" />);
    expect(container.textContent).toBe('storageSitesDroppedOne 1');
  });

  it('says one cookie or several, in English and in French', () => {
    const said = (language: 'en' | 'fr', cookiesDropped: number) => {
      const { container } = render(
        <StorageNotice storage={{ ...kept, cookiesDropped }} siteEvicted={false} t={localeTranslate(language)} language={language} />,
      );
      const text = container.querySelector('[data-notice-part="cookies-dropped"]')?.textContent;
      cleanup();
      return text;
    };
    expect(said('en', 1)).toBe('1 older cookie of this site was dropped to keep its record within 2 MB.');
    expect(said('en', 2)).toBe('2 older cookies of this site were dropped to keep its record within 2 MB.');
    expect(said('fr', 1)).toBe('1 cookie plus ancien de ce site a été supprimé pour garder son enregistrement sous 2\u202fMo.');
    expect(said('fr', 2)).toBe('2 cookies plus anciens de ce site ont été supprimés pour garder son enregistrement sous 2\u202fMo.');
  });

  it('says in French that changes could not be saved (« sauvegardés »), not « enregistrés », the word for recording', () => {
    const { container } = render(
      <StorageNotice storage={{ ...kept, unsavedSince: 0 }} siteEvicted={false} t={localeTranslate('fr')} language="fr" />,
    );
    // The time is the machine's: the words around it are checked; spaces that must not break read as spaces.
    const said = container.querySelector('[data-notice-part="unsaved"]')?.textContent?.replace(/[\u00a0\u202f]/g, ' ');
    expect(said).toMatch(/^Les changements depuis \S+ n’ont pas pu être sauvegardés dans le stockage du navigateur : /);
    expect(said).toMatch(/ : ils sont conservés tant que l’extension tourne, et la sauvegarde sera retentée\.$/);
  });

  it('says "unknown time" for a time that cannot be read (NaN), never leaving the report for its error', () => {
    const said = (language: 'en' | 'fr') => {
      const { container } = render(
        <StorageNotice
          storage={{ ...kept, unsavedSince: Number.NaN }}
          siteEvicted={false}
          t={localeTranslate(language)}
          language={language}
        />,
      );
      const text = container.querySelector('[data-notice-part="unsaved"]')?.textContent;
      cleanup();
      return text;
    };
    expect(said('en')).toMatch(/^Changes since unknown time could not be saved/);
    expect(said('fr')).toMatch(/^Les changements depuis heure inconnue n’ont pas pu/);
  });
});
