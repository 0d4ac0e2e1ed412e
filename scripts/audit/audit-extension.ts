/**
 * The build an audit loads: the audit build of its browser (scripts/audit-variant.ts), which
 * requires access to every site and webRequest, so the run sees cookies of embedded content
 * without a prompt headless Chromium could never answer. Every site granted, the worker records
 * any site, a portal on its own domain included (README, "Third-party cookies").
 */
import { extensionDir } from '../browsers/browser-under-test.ts';

/** The build to audit with, and how to remove it after the run (the shared build itself: nothing). */
export function auditExtension(target: 'chrome' | 'firefox'): { dir: string; remove: () => void } {
  return { dir: extensionDir(`${target}-audit`), remove: () => undefined };
}
