import type { DomainId } from '@kinboard/shared';
import { m } from '../paraglide/messages.js';
import { fromCatalogue } from './from-catalogue.ts';

/**
 * The family page's words looked up by a value its records hold: a meeting's state, an audit
 * entry's action, a history item's kind, a plan version's parts and exports.
 */
export const meetingStateNames: Record<string, string> = /* @__PURE__ */ fromCatalogue({
  preparing: m.meetingStateNames_preparing,
  open: m.meetingStateNames_open,
  agreed: m.meetingStateNames_agreed,
  closed: m.meetingStateNames_closed,
});

/** Who an audit entry is about, by its actor's kind. */
export const auditActorWords: Record<string, string> = /* @__PURE__ */ fromCatalogue({
  staff: m.audit_staff,
  participant: m.audit_guest,
  system: m.audit_system,
});

/** Each kind of entry in a family's record, in plain words, by its action. */
export const auditActionWords: Record<string, string> = /* @__PURE__ */ fromCatalogue({
  'family.created': m.audit_action_familyCreated,
  'family.access-granted': m.audit_action_familyAccessGranted,
  'family.exported': m.audit_action_familyExported,
  'meeting.created': m.audit_action_meetingCreated,
  'meeting.opened': m.audit_action_meetingOpened,
  'meeting.closed': m.audit_action_meetingClosed,
  'participant.joined': m.audit_action_participantJoined,
  'participant.rejoined': m.audit_action_participantRejoined,
  'participant.admitted': m.audit_action_participantAdmitted,
  'participant.refused': m.audit_action_participantRefused,
  'participant.role-changed': m.audit_action_participantRoleChanged,
  'connection.opened': m.audit_action_connectionOpened,
  'board.write-refused': m.audit_action_boardWriteRefused,
  'sync.refused': m.audit_action_syncRefused,
  'realtime.event-refused': m.audit_action_realtimeEventRefused,
  'scaling.revealed': m.audit_action_scalingRevealed,
  'plan.offered': m.audit_action_planOffered,
  'plan.offer-decided': m.audit_action_planOfferDecided,
  'plan.agreement-started': m.audit_action_planAgreementStarted,
  'plan.answered': m.audit_action_planAnswered,
  'plan.agreed': m.audit_action_planAgreed,
  'plan.reopened': m.audit_action_planReopened,
  'plan.exported': m.audit_action_planExported,
  'pass.issued': m.audit_action_passIssued,
  'pass.revoked': m.audit_action_passRevoked,
  'pass.reissued': m.audit_action_passReissued,
  'pass.opened': m.audit_action_passOpened,
  'pass.used': m.audit_action_passUsed,
  'pass.refused': m.audit_action_passRefused,
  'journal.written': m.audit_action_journalWritten,
  'journal.read': m.audit_action_journalRead,
  'journal.replied': m.audit_action_journalReplied,
  'copy.emailed': m.audit_action_copyEmailed,
  'copy.email-failed': m.audit_action_copyEmailFailed,
  'copy.downloaded': m.audit_action_copyDownloaded,
  'copy.saved-on-phone': m.audit_action_copySavedOnPhone,
  'drafts.share-set': m.audit_action_draftsShareSet,
  'view-before.sent': m.audit_action_viewBeforeSent,
  'view-before.brought-in': m.audit_action_viewBeforeBroughtIn,
});

/** What each kind of item in a board's history is called [HISTORY6]. */
export const historyKindNames: Record<string, string> = /* @__PURE__ */ fromCatalogue({
  card: m.historyKindNames_card,
  statement: m.historyKindNames_statement,
  goal: m.historyKindNames_goal,
  bottomLine: m.historyKindNames_bottomLine,
  planRule: m.historyKindNames_planRule,
});

export const domainLabels: Record<DomainId, string> = /* @__PURE__ */ fromCatalogue({
  pastHarm: m.practice_safety_domain_pastHarm_title,
  futureDanger: m.practice_safety_domain_futureDanger_title,
  complicatingFactors: m.practice_domain_complicatingFactors_title,
  existingStrengths: m.practice_domain_existingStrengths_title,
  existingSafety: m.practice_safety_domain_existingSafety_title,
  goals: m.practice_safety_domain_goals_title,
  nextSteps: m.practice_domain_nextSteps_title,
});

export const exportNames = /* @__PURE__ */ fromCatalogue({
  pdf: m.planVersion_export_pdf,
  phonePdf: m.planVersion_export_phonePdf,
  docx: m.planVersion_export_docx,
  md: m.planVersion_export_md,
  txt: m.planVersion_export_txt,
  json: m.planVersion_export_json,
});

export const changeNames = /* @__PURE__ */ fromCatalogue({
  added: m.planVersion_change_added,
  changed: m.planVersion_change_changed,
  removed: m.planVersion_change_removed,
});

export const planPartNames = /* @__PURE__ */ fromCatalogue({
  statements: m.planVersion_part_statements,
  bottomLines: m.planVersion_part_bottomLines,
  rules: m.planVersion_part_rules,
  fireDrills: m.planVersion_part_fireDrills,
  nextSteps: m.planVersion_part_nextSteps,
  trajectory: m.planVersion_part_trajectory,
  notes: m.planVersion_part_notes,
  cards: m.planVersion_part_cards,
});
