/** Sensitive words that appear in a text (case-insensitive), for pre-moderation. */
export function matchSensitive(text: string, words: string[]): string[] {
  const lowered = text.toLowerCase();
  return words.filter((w) => w.length > 0 && lowered.includes(w.toLowerCase()));
}

export enum ModerationActionKind {
  HIDE = 'HIDE',
  REMOVE = 'REMOVE',
  RESTORE = 'RESTORE',
  MUTE = 'MUTE',
  BAN = 'BAN',
  DISMISS = 'DISMISS',
}

/** What undoing an action on appeal means. */
export const REVERSAL: Partial<Record<ModerationActionKind, 'RESTORE' | 'UNMUTE' | 'UNBAN'>> = {
  HIDE: 'RESTORE',
  REMOVE: 'RESTORE',
  MUTE: 'UNMUTE',
  BAN: 'UNBAN',
};
