import type { GuestRole, ParticipantStatus, StaffRole } from '@kinboard/shared/access/index';
import type {
  AuditActorKind,
  AuditEntry,
  Child,
  Family,
  NetworkMember,
  Participant,
  Staff,
  StaffSession,
} from './store.ts';

/** Rows as node:sqlite returns them, and their conversion to the store's types. */

export interface FamilyRow {
  id: string;
  name: string;
  created_at: number;
}

export const toFamily = (row: FamilyRow): Family => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
});

export interface StaffRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: StaffRole;
  created_at: number;
  disabled: number;
}

export const toStaff = (row: StaffRow): Staff => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
  disabled: row.disabled !== 0,
});

export interface StaffSessionRow {
  id: string;
  staff_id: string;
  created_at: number;
  expires_at: number;
  last_seen: number;
  ends_at: number | null;
  provider_issuer: string | null;
  provider_session_id: string | null;
}

export const toStaffSession = (row: StaffSessionRow): StaffSession => ({
  id: row.id,
  staffId: row.staff_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastSeen: row.last_seen,
  ...(row.ends_at !== null ? { endsAt: Number(row.ends_at) } : {}),
  ...(row.provider_issuer !== null
    ? { provider: { issuer: row.provider_issuer, sessionId: row.provider_session_id ?? undefined } }
    : {}),
});

export interface ChildRow {
  id: string;
  family_id: string;
  name: string;
  born_on: string | null;
}

export const toChild = (row: ChildRow): Child => ({
  id: row.id,
  familyId: row.family_id,
  name: row.name,
  bornOn: row.born_on ?? undefined,
});

export interface NetworkMemberRow {
  id: string;
  family_id: string;
  name: string;
  relationship: string;
  contact: string | null;
}

export const toNetworkMember = (row: NetworkMemberRow): NetworkMember => ({
  id: row.id,
  familyId: row.family_id,
  name: row.name,
  relationship: row.relationship,
  contact: row.contact ?? undefined,
});

export interface ParticipantRow {
  id: string;
  meeting_id: string;
  name: string;
  relationship: string;
  role: GuestRole | null;
  status: ParticipantStatus;
  pass_hash: string;
  created_at: number;
  admitted_by: string | null;
  admitted_at: number | null;
}

export const toParticipant = (row: ParticipantRow): Participant => ({
  id: row.id,
  meetingId: row.meeting_id,
  name: row.name,
  relationship: row.relationship,
  role: row.role ?? undefined,
  status: row.status,
  passHash: row.pass_hash,
  createdAt: row.created_at,
  admittedBy: row.admitted_by ?? undefined,
  admittedAt: row.admitted_at ?? undefined,
});

export interface AuditRow {
  id: number;
  at: number;
  actor_kind: AuditActorKind;
  actor_id: string | null;
  action: string;
  family_id: string | null;
  meeting_id: string | null;
  detail: string;
}

export const toAuditEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: row.at,
  actorKind: row.actor_kind,
  actorId: row.actor_id ?? undefined,
  action: row.action,
  familyId: row.family_id ?? undefined,
  meetingId: row.meeting_id ?? undefined,
  detail: JSON.parse(row.detail) as Record<string, unknown>,
});
