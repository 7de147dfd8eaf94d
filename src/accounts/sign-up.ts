import { inTx } from '../db/in-tx';
import { CommissionRepository } from '../commissions/repository';
import { signUpFindings } from '../commissions/rules';
import { ReferralRepository } from '../referral/repository';
import type { RequestScope } from '../request/scope';
import { recordSecurityEvent } from '../security/events';
import { AccountRepository, loginTakenBy, type AccountEvent, type CreateUserResult, type NewSession, type NewUser, type SignUpInvite, type SignUpReferral } from './repository';

/**
 * Sign up: the account, its first session (a sign-up never leaves a user without one) and, when
 * the client passes the visitor id it opened share links with, who invited the new user (first
 * touch) and that invite's fraud flags, all in one transaction, with the sign-in's security event.
 */
export async function createAccount(scope: Pick<RequestScope, 'db'>, user: NewUser, referral: SignUpReferral | null, session: NewSession, signIn: AccountEvent): Promise<CreateUserResult> {
  try {
    return await scope.db.writeTx(async (tx) => {
      const t = { accounts: inTx(tx, AccountRepository), referral: inTx(tx, ReferralRepository), commissions: inTx(tx, CommissionRepository) };
      const created = await t.accounts.insertUser(user);
      if ('taken' in created) return created;
      const opened = (await t.accounts.openSession(user.id, session))!;
      // The first session is the account's first sign-in: its device is not new to it afterwards.
      await recordSecurityEvent(tx, { ...signIn, userId: user.id, at: user.now });
      let invite: SignUpInvite | null = null;
      if (referral) {
        const attributed = await t.referral.attributeSignUp(user.id, referral.visitorId, user.now);
        if (attributed) {
          const findings = signUpFindings(attributed.signUpsFromVisitor, referral.maxSignUpsPerVisitor, attributed.code);
          await t.commissions.createFlags('USER', user.id, attributed.code, findings, user.now);
          invite = { sharerId: attributed.sharerId, code: attributed.code, flagged: findings.length > 0 };
        }
      }
      return { user: created.user, invite, session: opened };
    });
  } catch (error) {
    // Lost a race with a concurrent sign-up for the same email or handle.
    const taken = loginTakenBy(error);
    if (taken) return { taken };
    throw error;
  }
}
