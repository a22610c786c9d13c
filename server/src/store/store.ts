/**
 * The storage interface. Everything the server keeps goes through it; nothing outside the store
 * may know which database is underneath. It is the composition of one interface per kind of
 * record (repositories/), each written once on Kysely for SQLite and PostgreSQL alike; the
 * contract suites (*.contract.ts) run against both.
 *
 * Every method resolves only once the data is durable, so "stored" means it survives a
 * killed process.
 */
import type { AuditRecords } from './repositories/audit.ts';
import type { CopyRecords } from './repositories/copies.ts';
import type { DocumentRecords } from './repositories/documents.ts';
import type { DrawingRecords } from './repositories/drawings.ts';
import type { ErasureRecords } from './repositories/erasure.ts';
import type { FamilyRecords } from './repositories/families.ts';
import type { HistoryRecords } from './repositories/history.ts';
import type { GuestRecords } from './repositories/guests.ts';
import type { LiveStateRecords } from './repositories/live-state.ts';
import type { MeetingRecords } from './repositories/meetings.ts';
import type { NetworkPassRecords } from './repositories/network-passes.ts';
import type { PlanRecords } from './repositories/plan.ts';
import type { RetentionRecords } from './repositories/retention.ts';
import type { SafetyJournalRecords } from './repositories/safety-journal.ts';
import type { ScalingRecords } from './repositories/scaling.ts';
import type { StaffIdentityRecords } from './repositories/staff-identities.ts';
import type { StaffRecords } from './repositories/staff.ts';
import type { DraftsShareRecords } from './repositories/drafts-shares.ts';
import type { ViewBeforeRecords } from './repositories/views-before.ts';

export type * from './records.ts';
export type { NetworkPass } from './repositories/network-passes.ts';
export type { JournalEntry, JournalPhoto, JournalReply } from './repositories/safety-journal.ts';

export interface Store
  extends
    DocumentRecords,
    MeetingRecords,
    FamilyRecords,
    StaffRecords,
    StaffIdentityRecords,
    GuestRecords,
    AuditRecords,
    LiveStateRecords,
    ScalingRecords,
    PlanRecords,
    DrawingRecords,
    RetentionRecords,
    HistoryRecords,
    ErasureRecords,
    NetworkPassRecords,
    SafetyJournalRecords,
    CopyRecords,
    DraftsShareRecords,
    ViewBeforeRecords {
  /** `sqlite` or `postgres`. */
  readonly kind: string;
  /** Whether the store can take writes right now (for /healthz). */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}
