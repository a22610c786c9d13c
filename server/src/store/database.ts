import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

/**
 * The tables as Kysely sees them, the same on SQLite and PostgreSQL (migrations.ts makes them).
 * Times are millisecond numbers (PostgreSQL's BIGINT is read back as a number); blobs come back
 * as a Uint8Array (SQLite) or a Buffer (PostgreSQL), both Uint8Arrays; `staff.disabled` is
 * 0/1 on SQLite and a boolean on PostgreSQL (write it with `dialect.flag`).
 */
export interface Database {
  family: { id: string; name: string; created_at: number };
  meeting: {
    id: string;
    family_id: string;
    type: string;
    title: string;
    date: string;
    state: 'preparing' | 'open' | 'agreed' | 'closed';
    created_at: number;
    join_code: string | null;
    chair_staff_id: string | null;
    /** When it closed [RETAIN1]; meetings closed before migration 9 count from then. */
    closed_at: number | null;
  };
  document_update: {
    id: Generated<number>;
    document_name: string;
    data: Uint8Array;
    origin: string | null;
    created_at: number;
  };
  document_history: {
    id: Generated<number>;
    document_name: string;
    data: Uint8Array;
    participant: string | null;
    author_name: string | null;
    author_role: string | null;
    created_at: number;
  };
  client_owner: { document_name: string; client_id: number; participant: string; first_seen: number };
  staff: {
    id: string;
    email: string;
    name: string;
    password_hash: string;
    role: 'admin' | 'staff';
    created_at: number;
    disabled: ColumnType<number | boolean, number | boolean, number | boolean>;
  };
  staff_session: {
    id: string;
    staff_id: string;
    created_at: number;
    expires_at: number;
    last_seen: number;
    ends_at: number | null;
    provider_issuer: string | null;
    provider_session_id: string | null;
  };
  staff_identity: { issuer: string; subject: string; staff_id: string; created_at: number };
  setup_token: { id: string; created_at: number; expires_at: number };
  family_access: { family_id: string; staff_id: string; granted_at: number };
  child: { id: string; family_id: string; position: number; name: string; born_on: string | null };
  network_member: {
    id: string;
    family_id: string;
    position: number;
    name: string;
    relationship: string;
    contact: string | null;
  };
  participant: {
    id: string;
    meeting_id: string;
    name: string;
    relationship: string;
    role: string | null;
    status: 'waiting' | 'admitted' | 'refused' | 'left';
    pass_hash: string;
    created_at: number;
    admitted_by: string | null;
    admitted_at: number | null;
    /** When the guest's name, relationship and pass were purged [RETAIN1]. */
    details_purged_at: number | null;
  };
  audit_log: {
    id: Generated<number>;
    at: number;
    actor_kind: 'staff' | 'participant' | 'system';
    actor_id: string | null;
    action: string;
    family_id: string | null;
    meeting_id: string | null;
    detail: string;
    /** The chain's hash up to and including this entry [AUDIT1]; null only before 0009. */
    hash: string | null;
  };
  audit_chain_head: { id: number; last_id: number; hash: string };
  erasure_in_progress: { family_id: string };
  meeting_live_state: { meeting_id: string; state: string; updated_at: number };
  scaling_round: {
    id: string;
    meeting_id: string;
    question_id: string;
    question: string;
    named: number;
    open: number;
    started_at: number;
    started_by: string;
    revealed_at: number | null;
    closed_at: number | null;
  };
  scaling_answer: {
    round_id: string;
    participant_key: string;
    name: string;
    role: string;
    value: number;
    reason: string;
    answered_at: number;
  };
  plan_stage: {
    meeting_id: string;
    stage: 'drafting' | 'agreeing' | 'agreed';
    round: number;
    started_at: number | null;
  };
  plan_answer: {
    meeting_id: string;
    round: number;
    participant_key: string;
    name: string;
    role: string;
    agrees: number;
    reason: string | null;
    at: number;
  };
  plan_offer: {
    id: string;
    meeting_id: string;
    rule_id: string;
    participant_key: string;
    name: string;
    status: 'waiting' | 'confirmed' | 'declined';
    at: number;
    decided_at: number | null;
    decided_by: string | null;
  };
  plan_version: {
    meeting_id: string;
    version: number;
    family_id: string;
    started_at: number;
    agreed_at: number;
    agreed_by: string;
    board: string;
    participants: string;
    answers: string;
  };
  plan_version_document: { meeting_id: string; version: number; part: string; data: Uint8Array };
  /** The write probe [RECORD5]: one row, rewritten while the store cannot write. */
  store_probe: { id: number; written_at: number; room: Uint8Array };
  drawing_image: {
    meeting_id: string;
    canvas: string;
    png: Uint8Array;
    updated_at: number;
    updated_by: string;
  };
  /** Passes for the network between meetings [PASS1]: the secret only as its SHA-256. */
  network_pass: {
    id: string;
    family_id: string;
    kind: string;
    /** What the pass is for, beyond its family (a later kind's meeting); null for `between-meetings`. */
    scope: string | null;
    holder_name: string;
    relationship: string;
    person_key: string | null;
    secret_hash: string;
    created_at: number;
    created_by: string;
    ends_at: number;
    revoked_at: number | null;
    revoked_by: string | null;
    replaced_by: string | null;
    /** 0/1 on SQLite, a boolean on PostgreSQL [PASS8]. */
    allow_photos: number | boolean;
  };
  journal_photo: { entry_id: string; family_id: string; content_type: string; data: Uint8Array };
  /** The safety journal [PASS8]: each entry with its author and time as the server recorded them. */
  journal_entry: {
    id: string;
    family_id: string;
    pass_id: string;
    author_name: string;
    author_relationship: string;
    written_at: number;
    happened_on: string;
    text: string;
    who_was_there: string;
    plan_held: string;
    rule_id: string | null;
    rule_text: string | null;
    read_at: number | null;
    read_by: string | null;
  };
  journal_reply: {
    id: string;
    entry_id: string;
    family_id: string;
    staff_id: string;
    text: string;
    written_at: number;
  };
  /** Copies of agreed plans given to people [COPY6]. */
  copy_given: {
    id: string;
    family_id: string;
    meeting_id: string;
    version: number;
    what: string;
    person_key: string | null;
    recipient_name: string;
    method: string;
    address: string | null;
    staff_id: string | null;
    participant_key: string | null;
    given_at: number;
  };
  /** Views sent before the meeting [PRIOR1]. */
  view_before: {
    id: string;
    meeting_id: string;
    sender_key: string;
    name: string;
    relationship: string;
    worries: string;
    working_well: string;
    offers: string;
    scaling: string;
    sent_at: number;
    brought_in_at: number | null;
    brought_in_by: string | null;
  };
  /** From when a meeting's drafts are shared [DRAFT2]. */
  drafts_share: { meeting_id: string; share_from: number; set_by: string; set_at: number };
}

/** A connection pool or one transaction on it: every query helper works on either. */
export type Queryable = Kysely<Database> | Transaction<Database>;

/** Rows per INSERT: PostgreSQL takes at most 65,535 parameters in one statement, SQLite 32,766. */
export const rowsPerInsert = 1000;
