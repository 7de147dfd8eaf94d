import { badInput, notFound } from '../common/errors';
import { connectionOf } from '../common/connection';
import { encodeCursor, pageRequest, toPage } from '../common/pagination';
import type { Scope } from '../accounts/scope';
import type { CacheInvalidation } from '../events/invalidation';
import type { PrivacyRepository, ConsentState } from './repository';
import { CONSENT_HISTORY_PAGE_MAX, CONSENT_PURPOSES, ConsentPurpose, isGranted, needsPolicyAcceptance } from './policy';
import type { Consent } from './types';
import type { ConsentAccess } from './access';

/** What ConsentService needs, named one by one; wired once per process in src/app/services.ts. */
export interface ConsentServiceDeps {
  repo: (scope: Scope) => PrivacyRepository;
  /** The privacy policy in force (PRIVACY_POLICY_VERSION). */
  policyVersion: string;
  /**
   * Personalisation feeds the viewer's cached discover ranking; the purchase setting is read by
   * other people's rankings and searches, as updateProfile's change of it is.
   */
  invalidation: Pick<CacheInvalidation, 'discoverChanged' | 'usersChanged'>;
}

/** Consents and the privacy policy: what the viewer allows, and whether they accepted the policy in force. */
export class ConsentService implements ConsentAccess {
  constructor(private readonly deps: ConsentServiceDeps) {}

  get policyVersion(): string {
    return this.deps.policyVersion;
  }

  /** The user's consent state, read once per request (the feeds, search and the fields ask it). */
  private state(scope: Scope, userId: string): Promise<ConsentState | null> {
    return scope.slot(`privacy.consentState:${userId}`, () => this.deps.repo(scope).consentState(userId));
  }

  private present(state: ConsentState, purpose: ConsentPurpose): Consent {
    const latest = state.latest.get(purpose);
    const stored = state.stored[purpose];
    return {
      purpose,
      isGranted: isGranted(purpose, stored),
      isDefault: stored === null,
      // The purchase setting may have been turned off before its changes were kept: no time to tell.
      decidedAt: latest ? new Date(latest.changedAt) : null,
      policyVersion: latest?.policyVersion ?? null,
    };
  }

  async consents(scope: Scope): Promise<Consent[]> {
    const viewer = await scope.requireViewer();
    const state = await this.state(scope, viewer.id);
    if (!state) throw notFound('User');
    return CONSENT_PURPOSES.map((purpose) => this.present(state, purpose));
  }

  async setConsent(scope: Scope, purpose: ConsentPurpose, granted: boolean): Promise<Consent> {
    const viewer = await scope.requireViewer();
    if (!CONSENT_PURPOSES.includes(purpose)) throw badInput('purpose', 'is not a consent purpose');
    if (typeof granted !== 'boolean') throw badInput('isGranted', 'must be true or false');
    if (!(await this.deps.repo(scope).setConsent(viewer.id, purpose, granted, this.deps.policyVersion, Date.now()))) throw notFound('User');
    if (purpose === ConsentPurpose.PERSONALISED_RECOMMENDATIONS) this.deps.invalidation.discoverChanged([viewer.id], 'SIGNALS');
    if (purpose === ConsentPurpose.SHOW_PURCHASES_TO_FRIENDS) this.deps.invalidation.usersChanged([viewer.id], 'PROFILE');
    const state = await this.deps.repo(scope).consentState(viewer.id);
    if (!state) throw notFound('User');
    return this.present(state, purpose);
  }

  /** Whether the user allows a purpose now (their answer or its default); false for no such user. */
  async allows(scope: Scope, userId: string, purpose: ConsentPurpose): Promise<boolean> {
    const state = await this.state(scope, userId);
    return state !== null && isGranted(purpose, state.stored[purpose]);
  }

  /** Whether the discover feed and search may rank on the viewer's own signals. */
  isPersonalised(scope: Scope, userId: string): Promise<boolean> {
    return this.allows(scope, userId, ConsentPurpose.PERSONALISED_RECOMMENDATIONS);
  }

  async history(scope: Scope, purpose: ConsentPurpose | null | undefined, first?: number | null, after?: string | null) {
    const viewer = await scope.requireViewer();
    const { limit, after: position } = pageRequest(first, after, { key: 'number', max: CONSENT_HISTORY_PAGE_MAX });
    const repo = this.deps.repo(scope);
    const page = toPage(await repo.consentHistoryPage(viewer.id, purpose ?? null, position, limit + 1), limit);
    const edges = page.items.map((c) => ({ cursor: encodeCursor({ k: c.changedAt, id: c.id }), node: { ...c, changedAt: new Date(c.changedAt) } }));
    return connectionOf(edges, page.hasNextPage, () => repo.countConsentHistory(viewer.id, purpose ?? null));
  }

  /** Accepting the version in force again records it again and succeeds. */
  async acceptPolicy(scope: Scope, version: string): Promise<string> {
    const viewer = await scope.requireViewer();
    if (typeof version !== 'string' || version !== this.deps.policyVersion) throw badInput('version', `is not the policy in force (${this.deps.policyVersion}); show that one`);
    if (!(await this.deps.repo(scope).acceptPolicy(viewer.id, version, Date.now()))) throw notFound('User');
    return version;
  }

  /** For the user themself only (null for anyone else). */
  async acceptedPolicyOf(scope: Scope, userId: string): Promise<{ version: string | null; acceptedAt: Date | null; isAcceptanceNeeded: boolean } | null> {
    if ((await scope.viewerId()) !== userId) return null;
    const state = await this.state(scope, userId);
    if (!state) return null;
    return {
      version: state.acceptedPolicyVersion,
      acceptedAt: state.policyAcceptedAt === null ? null : new Date(state.policyAcceptedAt),
      isAcceptanceNeeded: needsPolicyAcceptance(state.acceptedPolicyVersion, this.deps.policyVersion),
    };
  }
}
