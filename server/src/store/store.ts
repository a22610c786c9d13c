/**
 * The storage interface. Everything the server keeps goes through it; nothing outside an
 * implementation (sqlite.ts now, postgres.ts later) may know which database is underneath.
 * One contract suite (store.contract.ts) runs against every implementation.
 *
 * Every method resolves only once the data is durable, so "stored" means it survives a
 * killed process.
 */
import type { GuestRole, ParticipantStatus, StaffRole } from '@kinboard/shared/access/index';
import type { MeetingLiveState } from '@kinboard/shared/protocol/meeting-live-state';
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
   * Client ids first claimed since the document's last write, stored in the same transaction as
   * this update, so nothing written under a new id is kept or relayed before its owner is [STORE16].
   */
  owners?: readonly ClientOwner[] | undefined;
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
  /**
   * Folds the document's stored updates into one (`fold-updates.ts`), replacing exactly the rows
   * it read, atomically. Safe while other servers append to the document: a row committed
   * meanwhile, whatever its id, is neither read nor deleted. Two folds of one document run one at
   * a time. Resolves to the size of what it kept.
   */
  foldDocumentUpdates(documentName: string): Promise<number>;
  countUpdates(documentName: string): Promise<number>;

  getMeeting(meetingId: string): Promise<Meeting | undefined>;
  listMeetings(): Promise<Meeting[]>;
  getFamily(familyId: string): Promise<Family | undefined>;
  /** Creates a family (if new), a meeting and its first document content, atomically. */
  createMeeting(newMeeting: NewMeeting): Promise<void>;

  // Staff accounts and the first administrator [STORE7]
  countStaff(): Promise<number>;
  /**
   * Creates the first administrator, only while there is no staff account at all. With a setup
   * token hash, only if that token is stored and unexpired, and it is used up in the same
   * transaction. Returns false (and changes nothing) otherwise. The first administrator is given
   * every family that already exists (the seeded demo), which nobody could otherwise reach.
   */
  createFirstAdministrator(staff: Staff, setup?: { tokenHash: string; now: number }): Promise<boolean>;
  /** Stores a new one-time setup token; any earlier one stops working. */
  replaceSetupToken(tokenHash: string, createdAt: number, expiresAt: number): Promise<void>;
  /** False when the email is already taken. */
  createStaff(staff: Staff): Promise<boolean>;
  getStaff(staffId: string): Promise<Staff | undefined>;
  findStaffByEmail(email: string): Promise<Staff | undefined>;
  listStaff(): Promise<Staff[]>;
  /** Disabling also ends every session of the account, in the same transaction. */
  setStaffDisabled(staffId: string, disabled: boolean): Promise<Staff | undefined>;

  // Staff sessions [STORE8]
  createStaffSession(session: StaffSession): Promise<void>;
  /** The session and its account; undefined when unknown (expiry is the caller's rule). */
  getStaffSession(sessionId: string): Promise<{ session: StaffSession; staff: Staff } | undefined>;
  touchStaffSession(sessionId: string, lastSeen: number, expiresAt: number): Promise<void>;
  deleteStaffSession(sessionId: string): Promise<void>;
  /** Forgets every session that expired (or reached its hard end) before `now`. */
  deleteExpiredStaffSessions(now: number): Promise<void>;

  // Staff identities at an identity provider [IDENT3]
  /** The account an (issuer, subject) signs in as; undefined when it never signed in. */
  findStaffByIdentity(issuer: string, subject: string): Promise<Staff | undefined>;
  /** Creates the account and its identity atomically; false (nothing written) if either exists. */
  createStaffWithIdentity(staff: Staff, identity: StaffIdentity): Promise<boolean>;
  /** Links an existing account; false if the (issuer, subject) is linked already or the account has another subject at that issuer. */
  linkStaffIdentity(identity: StaffIdentity): Promise<boolean>;
  /**
   * Ends the sessions a provider's logout names (OpenID Back-Channel Logout): those of its
   * session `sid`, or, with only a subject, every session of that subject's account started
   * through that issuer. Returns the sessions ended, so their connections can be closed.
   */
  endProviderSessions(
    issuer: string,
    match: { sessionId?: string | undefined; subject?: string | undefined },
  ): Promise<StaffSession[]>;

  // Families and who may see them [STORE9]
  /** Creates the family, its children and network, and gives the creator access, atomically. */
  createFamily(details: FamilyDetails, creatorStaffId: string): Promise<void>;
  getFamilyDetails(familyId: string): Promise<FamilyDetails | undefined>;
  grantFamilyAccess(familyId: string, staffId: string, at: number): Promise<void>;
  hasFamilyAccess(staffId: string, familyId: string): Promise<boolean>;
  /** The families a staff member was given access to, by name. */
  listFamiliesOf(staffId: string): Promise<Family[]>;
  listMeetingsOfFamily(familyId: string): Promise<Meeting[]>;

  // Opening and closing meetings [STORE10]
  /**
   * Opens a preparing meeting with the join code; an open (or agreed) meeting keeps the code it
   * has, or takes this one if it has none. `code-taken` when another open meeting holds it.
   */
  openMeeting(meetingId: string, joinCode: string): Promise<OpenMeetingResult>;
  /** Closes the meeting: the code is cleared and every waiting or admitted guest has left. */
  closeMeeting(meetingId: string): Promise<Meeting | undefined>;
  /** The open or agreed meeting that holds this code. */
  findMeetingByJoinCode(joinCode: string): Promise<Meeting | undefined>;

  // Guests and the lobby [STORE11]
  addParticipant(participant: Participant): Promise<void>;
  getParticipant(participantId: string): Promise<Participant | undefined>;
  /** A meeting's guests in the order they joined. */
  listParticipants(meetingId: string): Promise<Participant[]>;
  /** Admits a waiting (or refused) guest with a role; undefined for an unknown guest or one who left. */
  admitParticipant(
    participantId: string,
    role: GuestRole,
    by: string,
    at: number,
  ): Promise<Participant | undefined>;
  refuseParticipant(participantId: string, by: string, at: number): Promise<Participant | undefined>;
  /** Changes an admitted guest's role; undefined when they are not admitted. */
  changeParticipantRole(participantId: string, role: GuestRole): Promise<Participant | undefined>;

  // The audit log: append and read, never change [STORE12]
  appendAudit(entry: NewAuditEntry): Promise<void>;
  /** A family's entries, oldest first. */
  listAuditOfFamily(familyId: string): Promise<AuditEntry[]>;
  /** Entries about no family (sign-ins, staff accounts, setup, guessing), newest first, at most `limit`. */
  listAuditOfService(limit: number): Promise<AuditEntry[]>;

  // Yjs client-id owners, kept beside each document [STORE16]
  /** The owners stored with a document's updates (`DocumentUpdate.owners`), in the order claimed. */
  loadClientOwners(documentName: string): Promise<ClientOwner[]>;

  // The chair's live meeting state [STORE17]
  /** The state last saved for the meeting; undefined if the chair never changed it. */
  getMeetingLiveState(meetingId: string): Promise<StoredMeetingLiveState | undefined>;
  /** Replaces the meeting's saved state (one row a meeting, written on every chair change). */
  saveMeetingLiveState(state: StoredMeetingLiveState): Promise<void>;
  // Scaling rounds and answers [STORE18]
  startScalingRound(round: ScalingRoundRecord): Promise<void>;
  getScalingRound(roundId: string): Promise<ScalingRoundRecord | undefined>;
  /** The meeting's newest round, whatever its state. */
  latestScalingRound(meetingId: string): Promise<ScalingRoundRecord | undefined>;
  /** Saves or replaces a person's answer, only while the round is running (not revealed, not closed). */
  saveScalingAnswer(answer: ScalingAnswerRecord): Promise<SaveScalingAnswerResult>;
  /** A round's answers in the order first given. */
  listScalingAnswers(roundId: string): Promise<ScalingAnswerRecord[]>;
  /** Reveals a running round; undefined when it is unknown, revealed or closed already. */
  revealScalingRound(roundId: string, at: number): Promise<ScalingRoundRecord | undefined>;
  /** Puts a round away; undefined when it is unknown or closed already. */
  closeScalingRound(roundId: string, at: number): Promise<ScalingRoundRecord | undefined>;
  /** Every revealed round of the family's meetings, oldest first, with its answers. */
  listRevealedScalingOfFamily(familyId: string): Promise<RevealedScalingRecord[]>;
  // The safety plan: agreement, answers, offers and agreed versions [STORE19]
  /** The plan's stage; `drafting` with round = the last version (0 for none) if never agreed. */
  getPlanAgreement(meetingId: string): Promise<PlanAgreementState>;
  /** From drafting (or agreed, to amend: see reopenPlan) to agreeing; undefined if already agreeing. */
  startPlanAgreement(meetingId: string, at: number): Promise<PlanAgreementState | undefined>;
  /** Back to drafting; an agreed meeting is open again. Agreed versions are kept as they are. */
  reopenPlan(meetingId: string): Promise<PlanAgreementState>;
  /** Keeps a person's answer in the current round (a later answer replaces their earlier one). False unless agreeing in that round. */
  recordPlanAnswer(answer: PlanAnswerRecord): Promise<boolean>;
  listPlanAnswers(meetingId: string, round: number): Promise<PlanAnswerRecord[]>;
  /**
   * Stores the agreed version, sets the plan agreed and the meeting `agreed`, atomically. False
   * (nothing stored) unless the plan is agreeing in exactly this round.
   */
  finalisePlanVersion(version: AgreedPlanVersion): Promise<boolean>;
  /** A meeting's agreed versions, oldest first, without their documents. */
  listPlanVersions(meetingId: string): Promise<{ version: number; agreedAt: number }[]>;
  getPlanVersion(meetingId: string, version: number): Promise<AgreedPlanVersion | undefined>;
  /** Every agreed version of the family's meetings, oldest first (documents included). */
  listPlanVersionsOfFamily(familyId: string): Promise<AgreedPlanVersion[]>;
  addPlanOffer(offer: PlanOfferRecord): Promise<void>;
  /** Decides a waiting offer; undefined if unknown or already decided. */
  decidePlanOffer(
    offerId: string,
    confirmed: boolean,
    by: string,
    at: number,
  ): Promise<PlanOfferRecord | undefined>;
  listPlanOffers(meetingId: string): Promise<PlanOfferRecord[]>;

  // Drawings [DRAW4]: the latest image of each of a meeting's canvases, for exports.
  /** Keeps this image as the canvas's latest, replacing the one before. */
  saveDrawingImage(image: DrawingImage): Promise<void>;
  /** The latest image of each of the meeting's canvases that has one, in canvas order. */
  listDrawingImages(meetingId: string): Promise<DrawingImage[]>;

  /** Whether the store can take writes right now (for /healthz). */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
