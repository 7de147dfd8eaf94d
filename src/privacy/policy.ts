/**
 * The privacy rules as pure functions: which purposes a user may consent to, what holds before they
 * decide, and whether they still have to accept the policy in force.
 */

export enum ConsentPurpose {
  PERSONALISED_RECOMMENDATIONS = 'PERSONALISED_RECOMMENDATIONS',
  MARKETING_MESSAGES = 'MARKETING_MESSAGES',
  SHOW_PURCHASES_TO_FRIENDS = 'SHOW_PURCHASES_TO_FRIENDS',
  ANALYTICS = 'ANALYTICS',
}

export const CONSENT_PURPOSES = Object.values(ConsentPurpose);

/**
 * Where each purpose's current answer is kept on the user. SHOW_PURCHASES_TO_FRIENDS is the
 * property friendsWhoBought, discover and product search already read (and updateProfile sets):
 * one truth, whichever of the two mutations changed it.
 */
export const CONSENT_PROPERTY: Record<ConsentPurpose, string> = {
  PERSONALISED_RECOMMENDATIONS: 'consentPersonalisedRecommendations',
  MARKETING_MESSAGES: 'consentMarketingMessages',
  SHOW_PURCHASES_TO_FRIENDS: 'showPurchasesToFriends',
  ANALYTICS: 'consentAnalytics',
};

/**
 * What holds until the user decides. Marketing and analytics are opt-in. Personalisation and the
 * purchase setting keep what the product did before consents existed (both on); either is one
 * setConsent away from off.
 */
export const CONSENT_DEFAULT: Record<ConsentPurpose, boolean> = {
  PERSONALISED_RECOMMENDATIONS: true,
  MARKETING_MESSAGES: false,
  SHOW_PURCHASES_TO_FRIENDS: true,
  ANALYTICS: false,
};

/** The user's stored answer for a purpose, or its default when they never gave one. */
export function isGranted(purpose: ConsentPurpose, stored: boolean | null | undefined): boolean {
  return typeof stored === 'boolean' ? stored : CONSENT_DEFAULT[purpose];
}

/** The consent audit trail is read a page at a time. */
export const CONSENT_HISTORY_PAGE_MAX = 100;

/** A user who has accepted no version, or another one, is asked to accept the version in force. */
export function needsPolicyAcceptance(acceptedVersion: string | null | undefined, current: string): boolean {
  return acceptedVersion !== current;
}
