import { NOTICE_CONSENT } from '@layso/protocol';
import { fail } from '../errors.js';

/**
 * A consent to notices is recorded with the version of the text the citizen was shown (Decree 13/2023): a version
 * this server does not show — a page loaded before the text changed, or a forged one — records nothing and is
 * refused, so the page reloads and asks again.
 */
export function requireKnownConsent(version: string): void {
  if (version !== NOTICE_CONSENT.version) fail('LAYSO_CONSENT_VERSION_UNKNOWN');
}
