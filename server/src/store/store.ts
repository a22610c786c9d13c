/**
 * The storage interface. Everything the server keeps goes through it; nothing outside an
 * implementation (sqlite.ts now, postgres.ts later) may know which database is underneath.
 * One contract suite (store.contract.ts) runs against every implementation.
 *
 * Every method resolves only once the data is durable, so "stored" means it survives a
 * killed process.
 */

export interface Family {
  id: string;
  name: string;
  createdAt: number;
}

export interface Meeting {
  id: string;
  familyId: string;
  /** A meeting type id from the shared vocabulary, e.g. `family-network-meeting`. */
  type: string;
  title: string;
  /** ISO date (yyyy-mm-dd) the meeting is held. */
  date: string;
  state: 'preparing' | 'open' | 'agreed' | 'closed';
  createdAt: number;
}

/** What a document is made of in the store: a compacted snapshot and the updates after it. */
export interface StoredDocument {
  /** Yjs v1 updates in the order they were stored; the first may be a compacted snapshot. */
  updates: Uint8Array[];
}

export interface DocumentUpdate {
  documentName: string;
  update: Uint8Array;
  /** Who sent it (a participant id), when known. */
  origin?: string | undefined;
}

export interface NewMeeting {
  family: Family;
  meeting: Meeting;
  /** Initial content for the meeting's documents, stored in the same transaction. */
  documents: DocumentUpdate[];
}

export interface Store {
  readonly kind: string;

  loadDocument(documentName: string): Promise<StoredDocument>;
  /** Stores a batch of updates, possibly for several documents, in one transaction. */
  appendUpdates(updates: readonly DocumentUpdate[]): Promise<void>;
  /**
   * Replaces every update stored so far for the document with one snapshot, atomically.
   * The caller guarantees the snapshot contains every one of them and that no append for the
   * document runs meanwhile (the sync module encodes it from the loaded document, between batches
   * of writes; see UpdateWriter.exclusive).
   */
  compactDocument(documentName: string, snapshot: Uint8Array): Promise<void>;
  countUpdates(documentName: string): Promise<number>;

  getMeeting(meetingId: string): Promise<Meeting | undefined>;
  listMeetings(): Promise<Meeting[]>;
  getFamily(familyId: string): Promise<Family | undefined>;
  /** Creates a family (if new), a meeting and its first document content, atomically. */
  createMeeting(newMeeting: NewMeeting): Promise<void>;

  /** Whether the store can take writes right now (for /healthz). */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
