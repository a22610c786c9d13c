/**
 * What the store keeps, as the rest of the server sees it: plain records, the same whichever
 * database is underneath. The methods that keep them are in repositories/, one file for each
 * kind of record, and `Store` (store.ts) is all of them together.
 */
import type { GuestRole, ParticipantStatus, StaffRole } from '@kinboard/shared/access/index';
import type { MeetingLiveState } from '@kinboard/shared/protocol/meeting-live-state';
import type { CopyKind, CopyMethod } from '@kinboard/shared/access/copies';
import type {
  AgreedBoard,
  DocumentPart,
  DrawingCanvas,
  ParticipantRole,
  PlanStage,
  ScalingQuestionSnapshot,
} from '@kinboard/shared';

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
  /** The code phones type to join; set while the meeting is open, gone once it closes. */
  joinCode?: string | undefined;
  /** The staff member who runs the meeting (the creator, until someone else takes it over). */
  chairStaffId?: string | undefined;
}

/** The latest picture of one of a meeting's drawings, as a PNG, for exports [DRAW4]. */
export interface DrawingImage {
  meetingId: string;
  canvas: DrawingCanvas;
  png: Uint8Array;
  updatedAt: number;
  /** The participant key (`staff:<id>` or `guest:<id>`) whose screen drew it. */
  updatedBy: string;
}

/** A copy of an agreed plan given to someone [COPY6]: which version, what, to whom, when and how. */
export interface CopyGivenRecord {
  id: string;
  familyId: string;
  meetingId: string;
  version: number;
  what: CopyKind;
  /** Whose part, for `my-part` (the plan's person key). */
  personKey: string | null;
  recipientName: string;
  method: CopyMethod;
  /** The address, when emailed. */
  address: string | null;
  /** The staff member who emailed or downloaded it. */
  staffId: string | null;
  /** The guest whose own phone saved it. */
  participantKey: string | null;
  givenAt: number;
}

/** A view sent before the meeting by someone who cannot come, as the server recorded it [PRIOR1]. */
export interface ViewBeforeRecord {
  id: string;
  meetingId: string;
  /** Who sent it: the pass's key, for the per-sender limit. */
  senderKey: string;
  /** The name and relationship the server recorded for the pass. */
  name: string;
  relationship: string;
  worries: string;
  workingWell: string;
  offers: string;
  scaling: { questionId: string; value: number }[];
  sentAt: number;
  broughtInAt?: number | undefined;
  /** The staff member who brought it into the meeting. */
  broughtInBy?: string | undefined;
}

/** From when a meeting's drafts are shared with the family [DRAFT2]. */
export interface DraftsShareRecord {
  meetingId: string;
  shareFrom: number;
  setBy: string;
  setAt: number;
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
  /**
   * The sender's name and role as the server recorded them at admission, kept in the document's
   * history with the update, so they outlive the guest's own row [HISTORY1].
   */
  author?: UpdateAuthor | undefined;
  /**
   * Client ids first claimed since the document's last write, stored in the same transaction as
   * this update, so nothing written under a new id is kept or relayed before its owner is [STORE16].
   */
  owners?: readonly ClientOwner[] | undefined;
}

/** Who wrote an update, as the server knew them when it was stored [HISTORY1]. */
export interface UpdateAuthor {
  name: string;
  role: ParticipantRole;
}

/** One stored update of a document's history, never folded away [HISTORY2]. */
export interface HistoryEntry {
  update: Uint8Array;
  /** The participant key (`staff:<id>` or `guest:<id>`); none for the server's own writes. */
  participant: string | null;
  /** The name and role recorded then; the role is none for rows from before history was kept. */
  author: { name: string; role: ParticipantRole | null } | null;
  at: number;
}

/** Who first wrote under a Yjs client id in one document [SYNC13]. */
export interface ClientOwner {
  client: number;
  /** The participant key (`staff:<id>` or `guest:<id>`), as stored updates carry it. */
  participant: string;
  firstSeen: number;
}

/** The chair's live state of a meeting as kept: everything but the clock it is sent with [STORE17]. */
export type StoredMeetingLiveState = Omit<MeetingLiveState, 'serverNow'>;

export interface NewMeeting {
  family: Family;
  /** The family's children and network, stored with it when the family is new (the demo seed). */
  children?: readonly Child[];
  network?: readonly NetworkMember[];
  meeting: Meeting;
  /** Initial content for the meeting's documents, stored in the same transaction. */
  documents: DocumentUpdate[];
}

export interface Staff {
  id: string;
  /** Stored lower case; unique. */
  email: string;
  name: string;
  role: StaffRole;
  /** An argon2id PHC string; never leaves the server. */
  passwordHash: string;
  createdAt: number;
  disabled: boolean;
}

/** A signed-in browser. The id is the SHA-256 of the cookie's token, so a copy of the table signs nobody in. */
export interface StaffSession {
  id: string;
  staffId: string;
  createdAt: number;
  expiresAt: number;
  lastSeen: number;
  /** A hard end besides the sliding one: the identity provider's token expiry [IDENT5]. */
  endsAt?: number | undefined;
  /** Set for a sign-in through an identity provider: its issuer and its session (`sid`) [IDENT6]. */
  provider?: { issuer: string; sessionId: string | undefined } | undefined;
}

/** A staff account as an identity provider knows it: matched by issuer and subject, never by email [IDENT3]. */
export interface StaffIdentity {
  issuer: string;
  subject: string;
  staffId: string;
  createdAt: number;
}

export interface Child {
  id: string;
  familyId: string;
  name: string;
  bornOn?: string | undefined;
}

export interface NetworkMember {
  id: string;
  familyId: string;
  name: string;
  /** How they know the child, in the family's words. */
  relationship: string;
  contact?: string | undefined;
}

export interface FamilyDetails {
  family: Family;
  children: Child[];
  network: NetworkMember[];
}

/** Someone who joined a meeting from a phone, by its code. */
export interface Participant {
  id: string;
  meetingId: string;
  name: string;
  relationship: string;
  /** Given by the chair on admission. */
  role?: GuestRole | undefined;
  status: ParticipantStatus;
  /** SHA-256 of the secret half of the guest's cookie. */
  passHash: string;
  createdAt: number;
  /** The staff member who admitted or refused them, and when. */
  admittedBy?: string | undefined;
  admittedAt?: number | undefined;
}

export type AuditActorKind = 'staff' | 'participant' | 'system';

/** One line of the append-only audit log. `detail` names people and codes, never board content. */
export interface AuditEntry {
  id: number;
  at: number;
  actorKind: AuditActorKind;
  actorId?: string | undefined;
  action: string;
  familyId?: string | undefined;
  meetingId?: string | undefined;
  detail: Record<string, unknown>;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

/** One page of a family's audit [ACCESS32]: entries with ids after `after`, at most `limit`. */
export interface AuditPage {
  after?: number | undefined;
  limit: number;
}

/** What opening a meeting came to. */
export type OpenMeetingResult =
  | { outcome: 'opened'; meeting: Meeting }
  | { outcome: 'code-taken' }
  | { outcome: 'not-found' }
  | { outcome: 'closed' };

/** A scaling round: the question as it was asked, how it ran, and when it was revealed. */
export interface ScalingRoundRecord {
  id: string;
  meetingId: string;
  question: ScalingQuestionSnapshot;
  named: boolean;
  open: boolean;
  startedAt: number;
  /** The staff member who started it. */
  startedBy: string;
  revealedAt?: number | undefined;
  /** Put away by the chair; screens no longer show it. */
  closedAt?: number | undefined;
}

/** One person's number in a round, with who they were when they gave it. */
export interface ScalingAnswerRecord {
  roundId: string;
  /** `staff:<id>` or `guest:<id>` (shared/src/access/participant-key.ts). */
  participantKey: string;
  name: string;
  role: ParticipantRole;
  value: number;
  reason: string;
  answeredAt: number;
}

export type SaveScalingAnswerResult = 'saved' | 'revealed' | 'closed' | 'not-found';

/** A revealed round with its meeting and its answers: the family's record of a scaling. */
export interface RevealedScalingRecord {
  meeting: Meeting;
  round: ScalingRoundRecord;
  answers: ScalingAnswerRecord[];
}

/** Where a meeting's plan is [PLAN3]: `round` is the version being agreed, or the last one agreed. */
export interface PlanAgreementState {
  meetingId: string;
  stage: PlanStage;
  round: number;
  /** When the current round of agreement started. */
  startedAt?: number | undefined;
}

/** One person's answer to "Do you agree and understand your part?" in one round [PLAN4]. */
export interface PlanAnswerRecord {
  meetingId: string;
  round: number;
  participantKey: string;
  name: string;
  role: string;
  agrees: boolean;
  reason?: string | undefined;
  at: number;
}

/** "I can do this" on a rule, and the chair's decision [PLAN5]. */
export interface PlanOfferRecord {
  id: string;
  meetingId: string;
  ruleId: string;
  participantKey: string;
  name: string;
  status: 'waiting' | 'confirmed' | 'declined';
  at: number;
  decidedAt?: number | undefined;
  decidedBy?: string | undefined;
}

/** An agreed plan as finalised: never changed afterwards, by the store or the database [PLAN6]. */
export interface AgreedPlanVersion {
  meetingId: string;
  familyId: string;
  version: number;
  startedAt: number;
  agreedAt: number;
  /** The staff member who finalised it. */
  agreedBy: string;
  /** The exact Yjs state of each of the meeting's documents when it was agreed. */
  documents: { part: DocumentPart; data: Uint8Array }[];
  /** The board as agreed, read through the shared typed layer. */
  board: AgreedBoard;
  /** Who took part, with which role. */
  participants: { participantKey: string; name: string; role: string }[];
  answers: PlanAnswerRecord[];
}
