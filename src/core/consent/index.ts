/** core/consent's public API for Node code: the visitor's choice as the platform records it, and the trackers it names. */
export {
  CONSENT_COOKIE,
  decodeConsent,
  type ConsentState,
  type DecodedConsent,
  type Phase,
  type SiteConsent,
  type TrackerChoices,
} from './consent-choice.ts';
export { TRACKER_NAMES, trackerName } from './tracker-names.ts';
