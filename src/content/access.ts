import type { Scope } from '../accounts/scope';
import type { CreateNoteInput, NoteRecord } from './types';

/**
 * What other domains may ask of content, as narrow interfaces ContentService implements; they
 * import no service, so no import cycle runs through them.
 */
export interface ContentVisibility {
  /** The note if the viewer may see it (the trust boundary's rule), else null. */
  visibleNote(scope: Scope, id: string): Promise<NoteRecord | null>;
  /** Whether the viewer may see this note (the same rule, on a note already read). */
  canSeeNote(scope: Scope, note: NoteRecord): Promise<boolean>;
}

/** Groups post announcements as notes. */
export interface NotePosting {
  createNote(scope: Scope, input: CreateNoteInput, isAnnouncement?: boolean): Promise<NoteRecord>;
}

/** Moderation publishes what it approves. */
export interface ApprovedContent {
  publishApprovedNote(scope: Scope, noteId: string): Promise<void>;
  publishApprovedComment(scope: Scope, commentId: string): Promise<void>;
}
