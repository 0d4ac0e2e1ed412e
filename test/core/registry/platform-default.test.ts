import { describe, expect, it } from 'vitest';
import { PLATFORM_DEFAULT_CHARTER } from '../../../src/core/registry/platform-default.ts';

describe('PLATFORM_DEFAULT_CHARTER', () => {
  it('declares the four functional cookies of the platform, as the French charter template words them', () => {
    expect(PLATFORM_DEFAULT_CHARTER.entries).toEqual([
      {
        provider: 'Opendatasoft',
        service: 'Authentification (front et back office)',
        cookie: 'sessionid',
        match: 'exact',
        purpose: "Se souvenir de l'utilisateur d'une page à une autre.",
        duration: null,
        category: 'necessary',
      },
      {
        provider: 'Opendatasoft',
        service: 'Sélection de la langue (front et back office)',
        cookie: 'django_language',
        match: 'exact',
        purpose: 'Se souvenir de la langue du visiteur',
        duration: null,
        category: 'necessary',
      },
      {
        provider: 'Opendatasoft',
        service: 'API (CSRF) (front et back office)',
        cookie: 'csrftoken',
        match: 'exact',
        purpose: 'Récupérer des données via des appels API',
        duration: null,
        category: 'necessary',
      },
      {
        provider: 'Opendatasoft',
        service: 'Choix concernant vos préférences sur les cookies',
        cookie: 'cookies_preferences',
        match: 'exact',
        purpose: 'Permet de se souvenir du choix opéré par le visiteur concernant les cookies',
        duration: null,
        category: 'necessary',
      },
    ]);
    expect(PLATFORM_DEFAULT_CHARTER.language).toBe('fr');
    expect(PLATFORM_DEFAULT_CHARTER.portal).toBeNull();
  });

  it('uses precomposed accents, as the charters do', () => {
    for (const entry of PLATFORM_DEFAULT_CHARTER.entries) {
      expect(entry.purpose).toBe(entry.purpose.normalize('NFC'));
      expect(entry.service).toBe(entry.service?.normalize('NFC'));
    }
  });
});
