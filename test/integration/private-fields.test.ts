import { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { startTestApp, TestApp } from '../helpers/app';
import { signUp, follow, postNote, Person, people } from '../helpers/people';
import { signUpAdmin, signUpMerchant, listProduct, setRole, PLACE, orderInput } from '../helpers/commerce';
import { buildAppSchema } from '../../src/server/schema';
import { guardedPrivateFields, PRIVATE_FIELDS } from '../../src/server/visibility';
import {
  CheckInDocument,
  MyPointsDocument,
  PointsPathsDocument,
  EmailPathsDocument,
  MemberMutesDocument,
  MuteMemberAnHourDocument,
  MyEmailDocument,
  MyPurchasePrivacyDocument,
  PrivacyPolicyOfUserDocument,
  PurchasePrivacyPathsDocument,
  SetGroupRoleDocument,
  ShowPurchasesToFriendsDocument,
  VisibilityCreateGroupDocument,
  VisibilityJoinGroupDocument,
} from '../generated/graphql';

/**
 * The fields of people: every field of User and GroupMember is either public (or answers about the
 * viewer's own relations) or private, with a rule in PRIVATE_FIELDS enforced by the schema's
 * guard wherever the object is reached. A new field fails this test until it is placed in one
 * list or the other, and every private field has a case here.
 */

const PUBLIC_FIELDS = [
  'User.id', 'User.handle', 'User.displayName', 'User.bio', 'User.avatarUrl', 'User.role', 'User.createdAt',
  'User.followerCount', 'User.followingCount', 'User.noteCount', 'User.interests', 'User.influence',
  'User.followers', 'User.following',
  // About the viewer's own relations to the user, so the viewer's to know.
  'User.viewerIsFollowing', 'User.isFollowingViewer', 'User.isBlocked', 'User.hasBlockedViewer',
  'User.isMuted', 'User.level',
  'GroupMember.id', 'GroupMember.user', 'GroupMember.role', 'GroupMember.joinedAt',
  // A member's level in the group is as public as the member list that shows it (issue 17: levels are standing).
  'GroupMember.level',
  // A merchant's rating is the public sum of their products' ratings.
  'User.merchantRating',
  // Badges (issue 17 §3) are public: what a user earned and what they show.
  'User.badges', 'User.displayedBadges',
  // A review (issue 17 §1) is public once shown; only who wrote an anonymous one is not.
  'Review.id', 'Review.rating', 'Review.text', 'Review.isAnonymous', 'Review.isVerifiedPurchase', 'Review.hasMedia', 'Review.helpfulCount',
  'Review.createdAt', 'Review.product', 'Review.dimensions', 'Review.media', 'Review.merchantReply', 'Review.viewerHasMarkedHelpful',
];

const ADMIN_EMAIL = `private-${process.pid}@admins.example.com`;
let t: TestApp;
let schema: GraphQLSchema;
let admin: Person;
beforeAll(async () => {
  t = await startTestApp();
  schema = await buildAppSchema();
  admin = await signUpAdmin(t, ADMIN_EMAIL);
});
afterAll(() => t.close());

const CASES: Record<string, () => Promise<void>> = {
  // Only the user reads their email, on every path to the user: me, user(id), a note's author, a follower list.
  'User.email': async () => {
    const [mei, lin] = [await signUp(t, 'pf_mei'), await signUp(t, 'pf_lin')];
    await follow(t, lin, mei);
    const note = await postNote(t, mei);
    expect((await t.ok(MyEmailDocument, {}, mei.token)).me?.email).toBe(mei.email);
    for (const reader of [lin, admin, null]) {
      const data = await t.ok(EmailPathsDocument, { id: mei.id, note: note.id }, reader?.token ?? null);
      expect(data).toEqual({ user: { email: null, followers: { nodes: [{ email: reader === lin ? lin.email : null }] } }, note: { author: { email: null } } });
    }
  },
  // Whether someone shows their purchases to friends is their own setting: nobody else, admins
  // included, learns that a friend hid theirs.
  'User.showsPurchasesToFriends': async () => {
    const [mei, lin] = [await signUp(t, 'pf_spm'), await signUp(t, 'pf_spl')];
    await follow(t, lin, mei);
    await follow(t, mei, lin);
    await t.ok(ShowPurchasesToFriendsDocument, { show: false }, mei.token);
    expect((await t.ok(MyPurchasePrivacyDocument, {}, mei.token)).me?.showsPurchasesToFriends).toBe(false);
    for (const reader of [lin, admin, null]) {
      const data = await t.ok(PurchasePrivacyPathsDocument, { id: lin.id }, reader?.token ?? null);
      expect(data.user?.following.nodes).toEqual([{ showsPurchasesToFriends: null }]);
      expect(data.user?.showsPurchasesToFriends).toBe(reader === lin ? true : null);
    }
  },
  // Where someone stands with the privacy policy is their own business, on every path to them.
  'User.isPolicyAcceptanceNeeded': () => policyStanding(),
  'User.acceptedPolicyVersion': () => policyStanding(),
  // Points are the user's own: not another user, not an admin, not anonymous, on every path to the user.
  'User.points': async () => {
    const [mei, lin] = [await signUp(t, 'pf_pts'), await signUp(t, 'pf_ptl')];
    await follow(t, lin, mei);
    await t.ok(CheckInDocument, {}, mei.token);
    expect((await t.ok(MyPointsDocument, {}, mei.token)).me?.points?.balance).toBeGreaterThan(0);
    for (const reader of [lin, admin, null]) {
      const data = await t.ok(PointsPathsDocument, { id: mei.id }, reader?.token ?? null);
      expect(data.user?.points).toBeNull();
      expect(data.user?.followers.nodes).toEqual([{ points: reader === lin ? expect.objectContaining({ balance: 0 }) : null }]);
    }
  },
  // A mute's end is for the muted member, the group's moderators and admins, not for every reader
  // of an OPEN group's member list.
  'GroupMember.mutedUntil': async () => {
    const { owner, moderator, muted, member, stranger } = await people(t, ['owner', 'moderator', 'muted', 'member', 'stranger']);
    const group = (await t.ok(VisibilityCreateGroupDocument, { input: { name: `Mute circle ${Date.now() % 100000}`, visibility: 'OPEN', rules: 'Be kind.' } }, owner.token)).createGroup.group!.id;
    for (const p of [moderator, muted, member]) await t.ok(VisibilityJoinGroupDocument, { id: group }, p.token);
    await t.ok(SetGroupRoleDocument, { g: group, u: moderator.id, r: 'MODERATOR' }, owner.token);
    await t.ok(MuteMemberAnHourDocument, { g: group, u: muted.id }, moderator.token);
    const mutedUntilAs = async (who: Person | null) => {
      const { nodes, edges } = (await t.ok(MemberMutesDocument, { g: group }, who?.token ?? null)).group!.members;
      const index = nodes.findIndex((n) => n.user.id === muted.id);
      expect(edges[index]?.node.mutedUntil).toBe(nodes[index]?.mutedUntil);
      return nodes[index]?.mutedUntil;
    };
    for (const who of [stranger, member, null]) expect(await mutedUntilAs(who)).toBeNull();
    for (const who of [muted, moderator, owner, admin]) {
      const until = await mutedUntilAs(who);
      expect(until).not.toBeNull();
      expect(Date.parse(until!)).toBeGreaterThan(Date.now() + 50 * 60_000);
    }
  },
};

/** An anonymous review of a product: its buyer, the merchant, a growth staffer, the review's id. */
async function anonymousReview() {
  const merchant = await signUpMerchant(t, admin, 'pf_shop');
  const { buyer, reader, growth } = await people(t, ['buyer', 'reader', 'growth']);
  await setRole(t, admin, growth, 'GROWTH');
  const productId = await listProduct(t, merchant);
  const orderId = (await t.ok(PLACE, { input: orderInput(productId) }, buyer.token)).placeOrder.order!.id;
  const REVIEW = `mutation($o: ID!, $p: ID!) { reviewProduct(input: { orderId: $o, productId: $p, rating: 3, anonymous: true }) { review { id } } }`;
  const id = (await t.ok(REVIEW, { o: orderId, p: productId }, buyer.token)).reviewProduct.review.id as string;
  return { merchant, buyer, reader, growth, productId, orderId, id };
}

// An anonymous review names its author to the author and staff only, on every path: the lookup, the product's list, the order line.
CASES['Review.author'] = async () => {
  const { merchant, buyer, reader, growth, productId, orderId, id } = await anonymousReview();
  const PATHS = `query($id: ID!, $p: ID!) { review(id: $id) { author { id } } product(id: $p) { reviews(sort: LATEST) { nodes { author { id } } edges { node { author { id } } } } } }`;
  for (const who of [reader, merchant, null]) {
    expect(await t.ok(PATHS, { id, p: productId }, who?.token ?? null)).toEqual({ review: { author: null }, product: { reviews: { nodes: [{ author: null }], edges: [{ node: { author: null } }] } } });
  }
  for (const who of [buyer, growth, admin]) expect((await t.ok(PATHS, { id, p: productId }, who.token)).review.author).toEqual({ id: buyer.id });
  // The merchant reads the order (they sold it), and its line's review stays anonymous there too.
  const LINE = `query($o: ID!) { order(id: $o) { items { review { author { id } } } } }`;
  expect((await t.ok(LINE, { o: orderId }, merchant.token)).order.items).toEqual([{ review: { author: null } }]);
};

// Whether a review counts in the rating (held on fraud, say) is for staff: its author is not tipped off.
CASES['Review.isCountedInRating'] = async () => {
  const { merchant, buyer, reader, growth, id } = await anonymousReview();
  const COUNTED = `query($id: ID!) { review(id: $id) { isCountedInRating } }`;
  for (const who of [buyer, reader, merchant, null]) expect((await t.ok(COUNTED, { id }, who?.token ?? null)).review.isCountedInRating).toBeNull();
  for (const who of [growth, admin]) expect((await t.ok(COUNTED, { id }, who.token)).review.isCountedInRating).toBe(true);
};

async function policyStanding() {
  const [mei, lin] = [await signUp(t, 'pf_pol'), await signUp(t, 'pf_pof')];
  await follow(t, lin, mei);
  await t.ok(`mutation($v: String!) { acceptPolicy(input: { version: $v }) { acceptedPolicyVersion } }`, { v: t.deps.config.privacyPolicyVersion }, mei.token);
  expect((await t.ok(PrivacyPolicyOfUserDocument, { id: mei.id }, mei.token)).user).toMatchObject({ isPolicyAcceptanceNeeded: false, acceptedPolicyVersion: t.deps.config.privacyPolicyVersion });
  for (const reader of [lin, admin, null]) {
    const data = await t.ok(PrivacyPolicyOfUserDocument, { id: mei.id }, reader?.token ?? null);
    expect(data.user).toMatchObject({ isPolicyAcceptanceNeeded: null, acceptedPolicyVersion: null });
    expect(data.user?.followers.nodes).toEqual([{ isPolicyAcceptanceNeeded: reader === lin ? true : null, acceptedPolicyVersion: null }]);
  }
}

describe('private fields of people', () => {
  test('every User and GroupMember field is public or private with a rule, and every private field is guarded and has a case', () => {
    const fields = ['User', 'GroupMember', 'Review'].flatMap((name) => Object.keys((schema.getType(name) as GraphQLObjectType).getFields()).map((f) => `${name}.${f}`));
    const privateFields = Object.keys(PRIVATE_FIELDS);
    expect(fields.filter((f) => !PUBLIC_FIELDS.includes(f) && !privateFields.includes(f))).toEqual([]);
    expect(PUBLIC_FIELDS.filter((f) => privateFields.includes(f) || !fields.includes(f))).toEqual([]);
    expect([...guardedPrivateFields].sort()).toEqual([...privateFields].sort());
    expect(Object.keys(CASES).sort()).toEqual([...privateFields].sort());
  });

  test.each(Object.keys(CASES).sort())('%s reaches only those its rule allows', async (coordinate) => {
    await CASES[coordinate]!();
  });
});
