import type { SiteView } from '../../src/core/message-contract.ts';
import { REPORT_VERSION, type Report, type ReportCookie } from '../../src/core/report/report.ts';
import { SEVERITY, type Finding } from '../../src/core/report/findings.ts';
/** The registry's answer for a cookie nothing declares nor describes. */
export { UNKNOWN_MATCH } from '../../src/core/registry/match.ts';

/** A report cookie with plausible defaults. */
export function reportCookie(overrides: Partial<ReportCookie> & Pick<ReportCookie, 'name'>): ReportCookie {
  return {
    domain: 'data.tco.re',
    path: '/',
    hostOnly: true,
    secure: true,
    httpOnly: false,
    sameSite: 'lax',
    partitionKey: null,
    expires: 1_800_000_000,
    lifetimeSeconds: 1_209_600,
    firstSeen: 1,
    lastChanged: 1,
    removed: null,
    firstPhase: 'before-choice',
    firstPage: '/',
    thirdParty: null,
    originUnknown: false,
    status: 'declared',
    provider: 'Opendatasoft',
    service: 'Authentification',
    purpose: 'Se souvenir de l’utilisateur',
    duration: null,
    category: 'necessary',
    categoryInferred: null,
    source: 'charter',
    rule: 'exact',
    reference: null,
    ...overrides,
  };
}

/** A cookie an embedded frame set on its own domain (`.video.example`), as a report files it. */
export function frameCookie(name: string, domain: string, overrides: Partial<ReportCookie> = {}): ReportCookie {
  return reportCookie({ name, domain, hostOnly: false, thirdParty: { via: 'frame' }, ...overrides });
}

/** A report on `host` with these cookies and nothing else. */
export function report(cookies: ReportCookie[], overrides: Partial<Report> = {}): Report {
  return {
    version: REPORT_VERSION,
    host: 'data.tco.re',
    storeId: '0',
    generatedAt: 1,
    charter: { kind: 'bundled', portal: 'data.tco.re', language: 'fr', entries: 4, live: null, changes: null },
    consent: { state: 'none', changedAt: null, trackers: {} },
    cookies,
    notSeen: [],
    findings: [],
    timeline: { droppedEvents: 0, events: [] },
    storage: { sitesDropped: 0, lastDropAt: null, cookiesDropped: 0, unsavedSince: null },
    ...overrides,
  };
}

/** The popup's view of a portal whose present cookies are `names`. */
export function portalView(names: string[]): SiteView {
  return { kind: 'report', report: report(names.map((name) => reportCookie({ name }))), charterPending: false };
}

/** A finding with plausible defaults. */
export function finding(overrides: Partial<Finding> & Pick<Finding, 'kind' | 'cookie'>): Finding {
  return {
    severity: SEVERITY[overrides.kind],
    domain: overrides.kind === 'not-seen' ? null : 'data.tco.re',
    evidence: `${overrides.kind} evidence`,
    detail: { provider: 'Hotjar', category: 'other', source: 'open-cookie-database' },
    ...overrides,
  };
}
