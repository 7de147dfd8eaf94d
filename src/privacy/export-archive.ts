import { cypher, type CypherQuery } from '../db/cypher';
import type { Database } from '../db/database';
import { CONSENT_PROPERTY, CONSENT_PURPOSES, isGranted } from './policy';

/**
 * What a data export's archive holds (issue 23 §3): one JSON document of everything about the user,
 * a section per kind. Of other people it holds only what is the user's own relation to them and
 * what the user can already see in the app: the ids and handles of whom they follow and who follows
 * them, the members of their conversations, and the messages of those conversations they can read.
 */
export const ARCHIVE_FORMAT = 'zhongcao-data-export/1';

/** The list sections, in the archive's order; each is read a page at a time, in key order. */
export const ARCHIVE_SECTIONS = [
  'notes',
  'comments',
  'likes',
  'collects',
  'collections',
  'following',
  'followers',
  'orders',
  'commissions',
  'shareLinks',
  'groupMemberships',
  'conversations',
  'messages',
  'pointsLedger',
  'badges',
  'reviews',
  'liveComments',
  'consentHistory',
  'securityEvents',
] as const;
export type ArchiveSection = (typeof ARCHIVE_SECTIONS)[number];

const fileOf = (section: ArchiveSection) => section.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const q = {
  profile: cypher('privacy/export/sections/profile'),
  sections: Object.fromEntries(ARCHIVE_SECTIONS.map((s) => [s, cypher(`privacy/export/sections/${fileOf(s)}`)])) as Record<ArchiveSection, CypherQuery>,
};

/** Rows per read of a section: bounds the memory of one page, whatever the user's history. */
export const ARCHIVE_PAGE = 500;

export interface ArchiveHeader {
  exportId: string;
  userId: string;
  requestedAt: number;
  generatedAt: number;
  /** The privacy policy in force when it was written. */
  policyVersion: string;
}

/** The header's times in ISO 8601; the records keep the stored epoch milliseconds (UTC). */
const iso = (ms: unknown) => (typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : null);

/**
 * Writes the archive through `write`, a section at a time: the header, `profile` (with the current
 * `consents`), then every list section as an array, read page by page so the whole never sits in
 * memory. Returns how many records each section holds.
 */
export async function writeArchive(db: Database, header: ArchiveHeader, write: (chunk: string) => Promise<void>): Promise<Record<ArchiveSection, number>> {
  const [row] = await db.scope().read<{ item: Record<string, unknown> & { consentState: Record<string, boolean | null> } }>(q.profile, { userId: header.userId });
  if (!row) throw new Error(`no user ${header.userId} to export`);
  const { consentState, ...profile } = row.item;
  const consents = CONSENT_PURPOSES.map((purpose) => {
    const stored = consentState[CONSENT_PROPERTY[purpose]] ?? null;
    return { purpose, isGranted: isGranted(purpose, stored), isDefault: stored === null };
  });
  await write(
    `{"format":${JSON.stringify(ARCHIVE_FORMAT)},"exportId":${JSON.stringify(header.exportId)},"userId":${JSON.stringify(header.userId)},` +
      `"requestedAt":${JSON.stringify(iso(header.requestedAt))},"generatedAt":${JSON.stringify(iso(header.generatedAt))},"policyVersion":${JSON.stringify(header.policyVersion)},` +
      `"profile":${JSON.stringify(profile)},"consents":${JSON.stringify(consents)}`,
  );
  const counts = {} as Record<ArchiveSection, number>;
  for (const section of ARCHIVE_SECTIONS) {
    await write(`,${JSON.stringify(section)}:[`);
    let after: string | null = null;
    let count = 0;
    for (;;) {
      const rows: { key: string; item: unknown }[] = await db.scope().read<{ key: string; item: unknown }>(q.sections[section], { userId: header.userId, after, limit: ARCHIVE_PAGE });
      if (rows.length > 0) await write((count > 0 ? ',' : '') + rows.map((r) => JSON.stringify(r.item)).join(','));
      count += rows.length;
      if (rows.length < ARCHIVE_PAGE) break;
      after = rows[rows.length - 1]!.key;
    }
    await write(']');
    counts[section] = count;
  }
  await write(`,"counts":${JSON.stringify(counts)}}`);
  return counts;
}
