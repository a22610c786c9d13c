import { fromCatalogue } from './i18n/from-catalogue.ts';
import { localNumber } from './i18n/local-format.ts';
import { m } from './paraglide/messages.js';

/**
 * The last word groups of the pass pages (routes/pass/), until they call their messages directly
 * as every other screen does (`m.pass_endsOn({ date })`, #20); then this file goes.
 */
/** The phone page of a network pass between meetings [PASS6]. */
export const passWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.pass_title,
    opening: m.pass_opening,
    noLink: m.pass_noLink,
    ended: m.pass_ended,
    refused: m.pass_refused,
    replaced: m.pass_replaced,
    photo: m.pass_photo,
    photoKind: m.pass_photoKind,
    plan: m.pass_plan,
    noPlan: m.pass_noPlan,
    myPart: m.pass_myPart,
    noPart: m.pass_noPart,
    closeNote: m.pass_closeNote,
    newEntry: m.pass_newEntry,
    text: m.pass_text,
    happenedOn: m.pass_happenedOn,
    whoWasThere: m.pass_whoWasThere,
    planHeld: m.pass_planHeld,
    held: m.pass_held,
    partly: m.pass_partly,
    notHeld: m.pass_notHeld,
    rule: m.pass_rule,
    noRule: m.pass_noRule,
    send: m.pass_send,
    sent: m.pass_sent,
  },
  {
    for: (name: string, relationship: string, family: string) => m.pass_for({ name, relationship, family }),
    endsOn: (date: string) => m.pass_endsOn({ date }),
    textHint: (count: number) => m.pass_textHint({ count }),
    photoTooBig: (size: number) => m.pass_photoTooBig({ size }),
  },
);

/** The safety journal, as staff and pass holders read it [PASS8] [PASS10]. */
export const journalWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.journal_title,
    none: m.journal_none,
    entries: m.journal_entries,
    held: m.journal_held,
    partly: m.journal_partly,
    notHeld: m.journal_notHeld,
    unread: m.journal_unread,
    markRead: m.journal_markRead,
    sendReply: m.journal_sendReply,
    replied: m.journal_replied,
    marked: m.journal_marked,
    sinceLastMeeting: m.journal_sinceLastMeeting,
    noneSince: m.journal_noneSince,
  },
  {
    by: (name: string, relationship: string, when: string) => m.journal_by({ name, relationship, when }),
    happenedOn: (date: string) => m.journal_happenedOn({ date }),
    whoWasThere: (who: string) => m.journal_whoWasThere({ who }),
    rule: (rule: string) => m.journal_rule({ rule }),
    readBy: (name: string, when: string) => m.journal_readBy({ name, when }),
    reply: (name: string, when: string) => m.journal_reply({ name, when }),
    markReadOf: (name: string) => m.journal_markReadOf({ name }),
    replyLabel: (name: string) => m.journal_replyLabel({ name }),
    photoOf: (name: string) => m.journal_photoOf({ name }),
  },
);

/** The page a pass for one meeting opens on a phone: the drafts and "your view" [DRAFT3] [PRIOR1]. */
export const passDraftsWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.passDrafts_title,
    opening: m.passDrafts_opening,
    ended: m.passDrafts_ended,
    refused: m.passDrafts_refused,
    closeNote: m.passDrafts_closeNote,
    drafts: m.passDrafts_drafts,
    notYet: m.passDrafts_notYet,
    draftsNote: m.passDrafts_draftsNote,
    statements: m.passDrafts_statements,
    bottomLines: m.passDrafts_bottomLines,
    agenda: m.passDrafts_agenda,
    yourView: m.passDrafts_yourView,
    worries: m.passDrafts_worries,
    workingWell: m.passDrafts_workingWell,
    offers: m.passDrafts_offers,
    noNumber: m.passDrafts_noNumber,
    send: m.passDrafts_send,
    sent: m.passDrafts_sent,
  },
  {
    for: (name: string, relationship: string, meeting: string, date: string) =>
      m.passDrafts_for({ name, relationship, meeting, date }),
    goal: (goal: string) => m.passDrafts_goal({ goal }),
    number: (question: string, zero: string, ten: string) => m.passDrafts_number({ question, zero, ten }),
    hint: (count: number) => m.passDrafts_hint({ count: localNumber(count) }),
  },
);
