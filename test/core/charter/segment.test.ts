import { describe, expect, it } from 'vitest';
import type { Column } from '../../../src/core/charter/columns.ts';
import { segmentRow } from '../../../src/core/charter/segment.ts';

const OLD_TEMPLATE: Column[] = ['provider', 'service', 'cookie', 'purpose'];
const NEW_TEMPLATE: Column[] = ['provider', 'cookie', 'duration', 'purpose'];

describe('segmentRow with single spaces', () => {
  it('splits an old-template row on the provider and the cookie name', () => {
    expect(
      segmentRow(
        "Opendatasoft Authentification (front et back office) sessionid Se souvenir de l'utilisateur d'une page à une autre.",
        OLD_TEMPLATE,
        false,
      ),
    ).toEqual({
      provider: 'Opendatasoft',
      service: 'Authentification (front et back office)',
      cookie: 'sessionid',
      purpose: "Se souvenir de l'utilisateur d'une page à une autre.",
    });
  });

  it('does not take words of the service for the cookie name', () => {
    expect(
      segmentRow(
        'Opendatasoft Choix concernant vos préférences sur les cookies cookies_preferences Permet de se souvenir',
        OLD_TEMPLATE,
        false,
      ),
    ).toEqual({
      provider: 'Opendatasoft',
      service: 'Choix concernant vos préférences sur les cookies',
      cookie: 'cookies_preferences',
      purpose: 'Permet de se souvenir',
    });
  });

  it('splits a new-template row on provider, names and duration', () => {
    expect(segmentRow('Matomo _pk_id.*, _pk_ses.* 13 months / 30 minutes Counts visits anonymously', NEW_TEMPLATE, false)).toEqual({
      provider: 'Matomo',
      cookie: '_pk_id.*, _pk_ses.*',
      duration: '13 months / 30 minutes',
      purpose: 'Counts visits anonymously',
    });
  });

  it('reads free-text durations', () => {
    expect(segmentRow('Huwise sessionid 2 weeks by default Keeps you signed in', NEW_TEMPLATE, false)?.duration).toBe('2 weeks by default');
    expect(segmentRow('Huwise sessionid Session Keeps you signed in', NEW_TEMPLATE, false)?.duration).toBe('Session');
    expect(segmentRow('Matomo _pk_id.* 13 mois Mesure', NEW_TEMPLATE, false)?.duration).toBe('13 mois');
    expect(segmentRow('Huwise csrftoken Up to 12 months Protects forms', NEW_TEMPLATE, false)?.duration).toBe('Up to 12 months');
  });

  it('reads a long free-text duration that ends with a duration, as the platform’s own charter writes csrftoken', () => {
    expect(
      segmentRow(
        'Huwise csrftoken Token reset for each session. Up to 12 months Protects the forms against request forgery',
        NEW_TEMPLATE,
        false,
      ),
    ).toEqual({
      provider: 'Huwise',
      cookie: 'csrftoken',
      duration: 'Token reset for each session. Up to 12 months',
      purpose: 'Protects the forms against request forgery',
    });
    expect(
      segmentRow('Huwise csrftoken Réinitialisé à chaque session. Jusqu’à 12 mois Protège les formulaires', NEW_TEMPLATE, false)?.duration,
    ).toBe('Réinitialisé à chaque session. Jusqu’à 12 mois');
  });

  it('takes the longest known provider and a remark in brackets after it', () => {
    expect(segmentRow('Google Analytics (GA4) _ga, _gid 13 mois Mesure d’audience', NEW_TEMPLATE, false)).toEqual({
      provider: 'Google Analytics (GA4)',
      cookie: '_ga, _gid',
      duration: '13 mois',
      purpose: 'Mesure d’audience',
    });
  });

  it('reads prose prefixes in the name column', () => {
    expect(segmentRow('HubSpot Any cookie starting with “_hs” 13 months Tracks visits', NEW_TEMPLATE, false)?.cookie).toBe(
      'Any cookie starting with “_hs”',
    );
    expect(segmentRow('Matomo Statistiques tout cookie commençant par _pk_ Mesure', OLD_TEMPLATE, false)?.cookie).toBe(
      'tout cookie commençant par _pk_',
    );
    // Capitals, accented ones too, start the same prose.
    expect(segmentRow('HubSpot ANY COOKIE STARTING WITH “_hs” 13 months Tracks visits', NEW_TEMPLATE, false)?.cookie).toBe(
      'ANY COOKIE STARTING WITH “_hs”',
    );
    expect(segmentRow('Matomo Statistiques PRÉFIXE _pk_ Mesure', OLD_TEMPLATE, false)?.cookie).toBe('PRÉFIXE _pk_');
    expect(segmentRow('Matomo Statistiques Les cookies préfixés par _pk_ Mesure', OLD_TEMPLATE, false)?.cookie).toBe(
      'Les cookies préfixés par _pk_',
    );
  });

  it('reads a name in French quotes with spaces inside them, typed or no-break, in spaced and run-together rows', () => {
    for (const space of [' ', '\u00a0', '\u202f']) {
      const quoted = `«${space}_pk_id.*${space}»`;
      expect(segmentRow(`Matomo ${quoted} 13 mois Mesurer l'audience`, NEW_TEMPLATE, false), JSON.stringify(space)).toEqual({
        provider: 'Matomo',
        cookie: quoted,
        duration: '13 mois',
        purpose: "Mesurer l'audience",
      });
      expect(segmentRow(`Matomo${quoted}13 moisMesurer l'audience`, NEW_TEMPLATE, true)?.cookie, JSON.stringify(space)).toBe(quoted);
    }
  });

  it('returns null without a known provider, a cookie name or a duration', () => {
    expect(segmentRow('Acme Tracking _acme 1 year Purpose', NEW_TEMPLATE, false)).toBeNull();
    expect(segmentRow('Matomo Statistiques Mesure d’audience', OLD_TEMPLATE, false)).toBeNull();
    expect(segmentRow('Matomo _pk_id whenever Counts', NEW_TEMPLATE, false)).toBeNull();
  });

  it('returns null when two free-text columns touch', () => {
    expect(segmentRow('Matomo Statistiques _pk_id Mesure', ['provider', 'service', 'purpose', 'cookie'], false)).toBeNull();
  });
});

describe('segmentRow with no separator', () => {
  it('splits an old-template row on a known provider and a known cookie name', () => {
    expect(
      segmentRow("OpendatasoftAuthentification (front et back office)sessionidSe souvenir de l'utilisateur", OLD_TEMPLATE, true),
    ).toEqual({
      provider: 'Opendatasoft',
      service: 'Authentification (front et back office)',
      cookie: 'sessionid',
      purpose: "Se souvenir de l'utilisateur",
    });
  });

  it('finds a known name that the service ran into', () => {
    expect(segmentRow('OpendatasoftSélection de la languedjango_languageSe souvenir de la langue', OLD_TEMPLATE, true)).toEqual({
      provider: 'Opendatasoft',
      service: 'Sélection de la langue',
      cookie: 'django_language',
      purpose: 'Se souvenir de la langue',
    });
  });

  it('splits a new-template row, ending names at wildcards and durations at the next capital', () => {
    expect(segmentRow('Huwisesessionid2 weeks by defaultKeeps you signed in between pages', NEW_TEMPLATE, true)).toEqual({
      provider: 'Huwise',
      cookie: 'sessionid',
      duration: '2 weeks by default',
      purpose: 'Keeps you signed in between pages',
    });
    expect(segmentRow('Matomo_pk_id.*, _pk_ses.*13 months / 30 minutesCounts visits anonymously', NEW_TEMPLATE, true)).toEqual({
      provider: 'Matomo',
      cookie: '_pk_id.*, _pk_ses.*',
      duration: '13 months / 30 minutes',
      purpose: 'Counts visits anonymously',
    });
    expect(segmentRow('Google Analytics_ga_<ID>13 moisMesure d’audience', NEW_TEMPLATE, true)?.cookie).toBe('_ga_<ID>');
  });

  it('cuts an unknown name at a lower-to-upper case change', () => {
    expect(segmentRow('Matomo Statistiques_custom_tokenMesure', OLD_TEMPLATE, true)).toEqual({
      provider: 'Matomo',
      service: 'Statistiques',
      cookie: '_custom_token',
      purpose: 'Mesure',
    });
  });
});

describe('segmentRow limits', () => {
  it('ends on rows made to make an anchored search try everything', () => {
    for (const row of [`Matomo Statistiques ${'a_'.repeat(985)}`, `Matomo Stats ${'aB_'.repeat(660)}`, `Opendatasoft${'aB'.repeat(990)}`]) {
      expect(segmentRow(row, OLD_TEMPLATE, true)).toBeNull();
      expect(segmentRow(row, OLD_TEMPLATE, false)).toBeNull();
    }
  });

  it('carries nothing from one row to the next (the tables are reused)', () => {
    // Glued rows of known names, wildcards, case changes and durations, the same each run.
    const parts = [
      'Statistiques',
      'Mesure',
      '_pk_id',
      '.*',
      '_ga',
      '_gid',
      'sessionid',
      'django_language',
      '13 mois',
      'aB',
      'c9',
      '*',
      '_XXX',
      ' ',
      '…',
      '“',
      'é',
    ];
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const rows = Array.from({ length: 200 }, (_, i) => {
      let row = ['Matomo', 'Opendatasoft', 'Huwise', 'Google Analytics'][i % 4]!;
      for (let count = 2 + Math.floor(next() * 8); count > 0; count--) row += parts[Math.floor(next() * parts.length)];
      return { row, columns: i % 2 ? OLD_TEMPLATE : NEW_TEMPLATE };
    });
    const first = rows.map(({ row, columns }) => segmentRow(row, columns, true));
    expect(first.filter((cells) => cells !== null).length).toBeGreaterThan(50);
    // Each again, after long rows that fill every table (cuts, known names, spaces) past its length.
    const poison = [
      `Matomo${'_gid*aBc9'.repeat(220)}`,
      `Huwise${'sessionid_pk_id.*aB3'.repeat(99)}`,
      `Opendatasoft ${'“_a… '.repeat(390)}`,
    ];
    const again = rows.map(({ row, columns }) => {
      for (const long of poison) for (const glued of [true, false]) segmentRow(long, OLD_TEMPLATE, glued);
      return segmentRow(row, columns, true);
    });
    expect(again).toEqual(first);
  });

  it('gives up on very long rows and ends on pathological text', () => {
    expect(segmentRow(`Matomo ${'a '.repeat(1500)}`, OLD_TEMPLATE, false)).toBeNull();
    expect(segmentRow(`Matomo${'_'.repeat(1900)}`, OLD_TEMPLATE, true)).toBeNull();
    const row = segmentRow(`Matomo ${'_a '.repeat(600)}`, OLD_TEMPLATE, false);
    // Names separated by spaces make one list, of 20 names at most (the list's limit).
    const names = Array.from({ length: 20 }, () => '_a').join(' ');
    expect([row?.service, row?.cookie, row?.purpose?.length]).toEqual(['_a', names, 1806 - 'Matomo _a '.length - `${names} `.length]);
  });
});

// Models, not seen on a real portal (charter-formats.md lists no such shape; the five real charters hold none):
// a single-space row (a real variant: charter-formats.md) listing its names with spaces alone, as review parse8 of 2026-12-06 wrote them.
describe('segmentRow: names separated by a space', () => {
  it('reads a list of cookie-shaped names separated by single spaces', () => {
    expect(segmentRow("Google Analytics _ga _gid 13 mois Mesure d'audience", NEW_TEMPLATE, false)).toEqual({
      provider: 'Google Analytics',
      cookie: '_ga _gid',
      duration: '13 mois',
      purpose: "Mesure d'audience",
    });
    expect(segmentRow('Matomo _pk_id.* _pk_ses.* 13 mois Mesure', NEW_TEMPLATE, false)?.cookie).toBe('_pk_id.* _pk_ses.*');
  });

  it('never takes a duration or a purpose word into the list', () => {
    expect(segmentRow('Huwise sessionid Session Keeps you signed in', NEW_TEMPLATE, false)).toEqual({
      provider: 'Huwise',
      cookie: 'sessionid',
      duration: 'Session',
      purpose: 'Keeps you signed in',
    });
    expect(segmentRow('Matomo Statistiques _pk_id.* Mesure _pk_ses', OLD_TEMPLATE, false)?.cookie).toBe('_pk_id.*');
  });

  it('starts a purpose after the duration, not at the full stop ending it', () => {
    expect(segmentRow('Google _ga 13 mois. Mesure', NEW_TEMPLATE, false)?.purpose).toBe('Mesure');
  });

  it('leaves out of a free cell the stop ending the cell before, and only that stop (the property test relies on it)', () => {
    const namesThenPurpose: Column[] = ['provider', 'cookie', 'purpose'];
    expect(segmentRow('Google _ga, _gid, Mesure d’audience', namesThenPurpose, false)).toEqual({
      provider: 'Google',
      cookie: '_ga, _gid',
      purpose: 'Mesure d’audience',
    });
    // A stop with no space after it is the cell's own text.
    expect(segmentRow('Google _ga,Mesure', namesThenPurpose, true)?.purpose).toBe(',Mesure');
    // Fast-check seed -232412720: ", " ends the name list, the purpose is the "," left.
    expect(segmentRow('Matomo a_a_, , ', OLD_TEMPLATE, true)).toEqual({ provider: 'Matomo', service: 'a', cookie: '_a_', purpose: ',' });
  });
});
