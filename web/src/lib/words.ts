import type { ColumnId, DomainId, RefusedEditReason, ScreenKind, VocabularyId } from '@kinboard/shared';
import { fromCatalogue } from './i18n/from-catalogue.ts';
import { localList, localNumber } from './i18n/local-format.ts';
import { m } from './paraglide/messages.js';

/**
 * Every word the interface shows, read from the message catalogue (`web/messages/en.json`, one
 * file per language, compiled by Paraglide into `./paraglide/`), so Welsh and other languages
 * are added without touching components. Components import the groups below and never the
 * catalogue itself.
 *
 * Adding a word: put `"<group>_<name>": "text"` in `web/messages/en.json`, where `<group>` is
 * the export's name without `Words` (`boardWords` -> `board`), and add `<name>` to that group
 * here: `name: m.group_name` among the plain words, or a function for words with inputs
 * (`{domain}` in the text, `m.group_name({ domain })`). README.md, "Adding a language".
 *
 * The practice's own words (columns, domains, statement and goal nouns) change with the board's
 * vocabulary: they come from shared's vocabulary through the board's settings, put into the
 * reader's language by `i18n/practice-words.ts`. `columnTitles` and `domainLabels` below are
 * the Signs of Safety words, for screens that have no board yet.
 */
export const columnTitles: Record<ColumnId, string> = /* @__PURE__ */ fromCatalogue({
  worries: m.practice_column_worries,
  workingWell: m.practice_column_workingWell,
  needsToHappen: m.practice_column_needsToHappen,
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

export const connectionWords = /* @__PURE__ */ fromCatalogue({
  connected: m.connection_connected,
  connecting: m.connection_connecting,
  offline: m.connection_offline,
  saving: m.connection_saving,
  saved: m.connection_saved,
  notSentYet: m.connection_notSentYet,
  unsavedOnStop: m.connection_unsavedOnStop,
  reload: m.connection_reload,
  dismissRefused: m.connection_dismissRefused,
  notSaving: m.connection_notSaving,
});

/**
 * What a person is told when the server refused their last change because of a state that
 * changes (4423, close-codes.ts) and the screen started afresh from what the server has.
 */
export function refusedSentence(reason: RefusedEditReason | 'other'): string {
  switch (reason) {
    case 'planLocked':
      return m.refused_planLocked();
    case 'columnLocked':
      return m.refused_columnLocked();
    case 'notYourCard':
      return m.refused_notYourCard();
    case 'readOnly':
      return m.refused_readOnly();
    case 'notSaving':
      return m.refused_notSaving();
    default:
      return m.refused_other();
  }
}

/** What a person is told when the server has stopped this screen for good (see close-codes.ts). */
export function stoppedSentence(code: number): string {
  switch (code) {
    case 4401:
      return m.stopped_4401();
    case 4403:
      return m.stopped_4403();
    case 4404:
      return m.stopped_4404();
    case 4410:
      return m.stopped_4410();
    case 4413:
    case 1009:
      return m.stopped_4413();
    case 4426:
      return m.stopped_4426();
    case 4440:
      return m.stopped_4440();
    case 4441:
      return m.stopped_4441();
    default:
      return m.stopped_default();
  }
}

export const boardWords = /* @__PURE__ */ fromCatalogue(
  {
    addCard: m.board_addCard,
    deleteCard: m.board_deleteCard,
    confirmDelete: m.board_confirmDelete,
    confirmYes: m.board_confirmYes,
    confirmNo: m.board_confirmNo,
    noCards: m.board_noCards,
    move: m.board_move,
    moveTo: m.board_moveTo,
    moveThere: m.board_moveThere,
    moveUp: m.board_moveUp,
    moveDown: m.board_moveDown,
    yourName: m.board_yourName,
    guest: m.board_guest,
    lockedNote: m.board_lockedNote,
    undo: m.board_undo,
    redo: m.board_redo,
    backToStart: m.board_backToStart,
    loading: m.board_loading,
    notFound: m.board_notFound,
    loadFailed: m.board_loadFailed,
  },
  {
    addCardTo: (domain: string) => m.board_addCardTo({ domain }),
    cardLabel: (domain: string, author: string) => m.board_cardLabel({ domain, author }),
    deleteCardLabel: (domain: string) => m.board_deleteCardLabel({ domain }),
    moveGroup: (index: number, domain: string, author: string) =>
      m.board_moveGroup({ number: index + 1, domain, author }),
    typing: (names: string) => m.board_typing({ names }),
    credit: (name: string, relationship: string) => m.board_credit({ name, relationship }),
    creditStaff: (name: string) => m.board_creditStaff({ name }),
    creditSentBefore: (name: string, relationship: string) =>
      m.board_creditSentBefore({ name, relationship }),
  },
);

/** "Pat Hollis (Nan)", or "Tom Price (staff)": a writer as the server recorded them [FIRST3]. */
export function creditLabel(credit: {
  name: string;
  relationship?: string;
  role?: string;
  sentBefore?: true;
}): string {
  // Sent before the meeting by someone who could not come, brought in by the chair [PRIOR4].
  if (credit.sentBefore) return boardWords.creditSentBefore(credit.name, credit.relationship ?? '');
  if (credit.relationship) return boardWords.credit(credit.name, credit.relationship);
  if (credit.role === 'staff') return boardWords.creditStaff(credit.name);
  return credit.name;
}

/** Capitalised for a heading or label: "worry statement" -> "Worry statement". */
export const heading = (words: string): string => words.charAt(0).toUpperCase() + words.slice(1);

/** The statement and goal nouns come from the board's vocabulary, in the reader's language. */
export const statementWords = /* @__PURE__ */ fromCatalogue(
  {
    draft: m.statement_draft,
    goalPending: m.statement_goalPending,
    /** The parts that help draft a statement; worded to suit either vocabulary. */
    parts: m.statement_parts,
    whoIsWorried: m.statement_whoIsWorried,
    behaviour: m.statement_behaviour,
    impactOnChild: m.statement_impactOnChild,
  },
  {
    panel: (statements: string, goals: string) =>
      m.statement_panel({ statements: heading(statements), goals }),
    statementOf: (statement: string, index: number) =>
      m.statement_statementOf({ statement: heading(statement), number: index + 1 }),
    goalOf: (goal: string, index: number) => m.statement_goalOf({ goal: heading(goal), number: index + 1 }),
    add: (statement: string, goal: string) => m.statement_add({ statement, goal }),
    remove: (statement: string, index: number) => m.statement_remove({ statement, number: index + 1 }),
    none: (statements: string) => m.statement_none({ statements }),
    partOf: (part: string, statement: string, index: number) =>
      m.statement_partOf({ part, statement, number: index + 1 }),
  },
);

export const bottomLineWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.bottomLine_title,
    newLabel: m.bottomLine_newLabel,
    add: m.bottomLine_add,
    tooMany: m.bottomLine_tooMany,
    none: m.bottomLine_none,
  },
  {
    item: (index: number) => m.bottomLine_item({ number: index + 1 }),
    remove: (index: number) => m.bottomLine_remove({ number: index + 1 }),
  },
);

export const presenceWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.presence_title,
    you: m.presence_you,
    atWelcome: m.presence_atWelcome,
    nobody: m.presence_nobody,
  },
  {
    screens: /* @__PURE__ */ fromCatalogue({
      chair: m.presence_screens_chair,
      projector: m.presence_screens_projector,
      phone: m.presence_screens_phone,
    }) satisfies Record<ScreenKind, string>,
    lookingAt: (column: string) => m.presence_lookingAt({ column }),
    /** Plural forms come from the catalogue: one and other in English, six in Welsh. */
    count: (count: number) => m.presence_count({ count }),
  },
);

export const timerWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.timer_title,
    minutes: m.timer_minutes,
    set: m.timer_set,
    start: m.timer_start,
    pause: m.timer_pause,
    reset: m.timer_reset,
    finished: m.timer_finished,
  },
  {
    left: (time: string) => m.timer_left({ time }),
    /** "4:05": a clock face, the same in every language we expect, so not a message. */
    format: (ms: number) => {
      const seconds = Math.ceil(ms / 1000);
      return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    },
  },
);

export const chairWords = /* @__PURE__ */ fromCatalogue(
  {
    console: m.chair_console,
    agenda: m.chair_agenda,
    current: m.chair_current,
    skipped: m.chair_skipped,
    welcome: m.chair_welcome,
    previous: m.chair_previous,
    next: m.chair_next,
    undoMove: m.chair_undoMove,
    skip: m.chair_skip,
    unskip: m.chair_unskip,
    remove: m.chair_remove,
    up: m.chair_up,
    down: m.chair_down,
    newStep: m.chair_newStep,
    addStep: m.chair_addStep,
    controls: m.chair_controls,
    follow: m.chair_follow,
    followOn: m.chair_followOn,
    followOff: m.chair_followOff,
    locks: m.chair_locks,
    locked: m.chair_locked,
    openProjector: m.chair_openProjector,
    vocabulary: m.chair_vocabulary,
    vocabularyChoice: m.chair_vocabularyChoice,
    customLabel: m.chair_customLabel,
    applyLabel: m.chair_applyLabel,
    clearLabel: m.chair_clearLabel,
    theMap: m.chair_theMap,
    columnsNote: m.chair_columnsNote,
  },
  {
    goToStep: (title: string) => m.chair_goToStep({ title }),
    skipStep: (title: string) => m.chair_skipStep({ title }),
    unskipStep: (title: string) => m.chair_unskipStep({ title }),
    stepUp: (title: string) => m.chair_stepUp({ title }),
    stepDown: (title: string) => m.chair_stepDown({ title }),
    removeStep: (title: string) => m.chair_removeStep({ title }),
    lock: (column: string) => m.chair_lock({ column }),
    /** The vocabularies' own names, the practice's words. */
    vocabularyNames: /* @__PURE__ */ fromCatalogue({
      safety: m.practice_safety_label,
      wellbeing: m.practice_wellbeing_label,
      success: m.practice_success_label,
    }) satisfies Record<VocabularyId, string>,
  },
);

export const phoneWords = /* @__PURE__ */ fromCatalogue(
  {
    sections: m.phone_sections,
    following: m.phone_following,
    browsing: m.phone_browsing,
    goThere: m.phone_goThere,
    welcome: m.phone_welcome,
    yourName: m.phone_yourName,
  },
  {
    showColumn: (column: string) => m.phone_showColumn({ column }),
    chairMovedOn: (column: string) => m.phone_chairMovedOn({ column }),
    writingAs: (credit: string) => m.phone_writingAs({ credit }),
  },
);

export const projectorWords = /* @__PURE__ */ fromCatalogue(
  {
    joinTitle: m.projector_joinTitle,
    joinHint: m.projector_joinHint,
    qrLabel: m.projector_qrLabel,
    stillWriting: m.projector_stillWriting,
    view: m.projector_view,
  },
  { codeHint: (place: string) => m.projector_codeHint({ place }) },
);

/** The front page. "Kinboard" itself is a name, the same in every language. */
export const homeWords = /* @__PURE__ */ fromCatalogue({
  lead: m.home_lead,
  openDemo: m.home_openDemo,
  demoNote: m.home_demoNote,
});

/** Sign-in, setup and the staff header. */
export const accessWords = /* @__PURE__ */ fromCatalogue(
  {
    noConnection: m.access_noConnection,
    somethingWrong: m.access_somethingWrong,
    staffArea: m.access_staffArea,
    signOut: m.access_signOut,
    signIn: m.access_signIn,
    signInTitle: m.access_signInTitle,
    signInLead: m.access_signInLead,
    joinInstead: m.access_joinInstead,
    email: m.access_email,
    password: m.access_password,
    signingIn: m.access_signingIn,
    signedOut: m.access_signedOut,
    setupTitle: m.access_setupTitle,
    setupLead: m.access_setupLead,
    yourName: m.access_yourName,
    newPassword: m.access_newPassword,
    passwordHint: m.access_passwordHint,
    passwordTooShort: m.access_passwordTooShort,
    create: m.access_create,
    creating: m.access_creating,
    noToken: m.access_noToken,
    nameMissing: m.access_nameMissing,
    emailMissing: m.access_emailMissing,
    passwordMissing: m.access_passwordMissing,
    families: m.access_families,
    staffAccounts: m.access_staffAccounts,
    skipToContent: m.access_skipToContent,
  },
  {
    signedInAs: (name: string) => m.access_signedInAs({ name }),
    /** Prefer a whole sentence (`nameMissing`): a phrase pieced into another does not translate. */
    fieldMissing: (what: string) => m.access_fieldMissing({ what }),
  },
);

export const meetingStateNames: Record<string, string> = /* @__PURE__ */ fromCatalogue({
  preparing: m.meetingStateNames_preparing,
  open: m.meetingStateNames_open,
  agreed: m.meetingStateNames_agreed,
  closed: m.meetingStateNames_closed,
});

/** The roles the chair gives someone in the lobby, in plain words. */
export const roleNames: Record<string, string> = /* @__PURE__ */ fromCatalogue({
  family: m.roleNames_family,
  network: m.roleNames_network,
  professional: m.roleNames_professional,
  child: m.roleNames_child,
  observer: m.roleNames_observer,
});

export const staffWords = /* @__PURE__ */ fromCatalogue(
  {
    homeTitle: m.staff_homeTitle,
    homeLead: m.staff_homeLead,
    recordsDueTitle: m.staff_recordsDueTitle,
    recordsDueLead: m.staff_recordsDueLead,
    noRecordsDue: m.staff_noRecordsDue,
    noFamilies: m.staff_noFamilies,
    newFamily: m.staff_newFamily,
    familyName: m.staff_familyName,
    familyNameMissing: m.staff_familyNameMissing,
    childrenNames: m.staff_childrenNames,
    createFamily: m.staff_createFamily,
    children: m.staff_children,
    noChildren: m.staff_noChildren,
    network: m.staff_network,
    noNetwork: m.staff_noNetwork,
    meetings: m.staff_meetings,
    noMeetings: m.staff_noMeetings,
    newMeeting: m.staff_newMeeting,
    meetingType: m.staff_meetingType,
    meetingDate: m.staff_meetingDate,
    meetingTitle: m.staff_meetingTitle,
    createMeeting: m.staff_createMeeting,
    meetingCreated: m.staff_meetingCreated,
    open: m.staff_open,
    openHint: m.staff_openHint,
    joinCode: m.staff_joinCode,
    chairConsole: m.staff_chairConsole,
    close: m.staff_close,
    confirmClose: m.staff_confirmClose,
    confirmCloseYes: m.staff_confirmCloseYes,
    confirmCloseNo: m.staff_confirmCloseNo,
    closed: m.staff_closed,
    backToFamilies: m.staff_backToFamilies,
    grantTitle: m.staff_grantTitle,
    grantWho: m.staff_grantWho,
    grant: m.staff_grant,
    chooseSomeone: m.staff_chooseSomeone,
    loadFailed: m.staff_loadFailed,
    notFound: m.staff_notFound,
    noAccess: m.staff_noAccess,
    staffTitle: m.staff_staffTitle,
    addStaff: m.staff_addStaff,
    staffName: m.staff_staffName,
    staffRole: m.staff_staffRole,
    addStaffButton: m.staff_addStaffButton,
    disabled: m.staff_disabled,
    onlyAdmins: m.staff_onlyAdmins,
  },
  {
    familyCreated: (name: string) => m.staff_familyCreated({ name }),
    recordKeptUntil: (date: string, years: number) =>
      m.staff_recordKeptUntil({ date: longDate(date), years }),
    recordDue: (date: string, years: number) => m.staff_recordDue({ date: longDate(date), years }),
    recordDueOn: (name: string, date: string) => m.staff_recordDueOn({ name, date: longDate(date) }),
    opened: (code: string) => m.staff_opened({ code }),
    granted: (name: string) => m.staff_granted({ name }),
    staffRoleNames: /* @__PURE__ */ fromCatalogue({
      staff: m.staff_staffRoleNames_staff,
      admin: m.staff_staffRoleNames_admin,
    }) as Record<string, string>,
    staffAdded: (name: string) => m.staff_staffAdded({ name }),
    disable: (name: string) => m.staff_disable({ name }),
    enable: (name: string) => m.staff_enable({ name }),
  },
);

/** Joining from a phone: plain words for people who have never seen Kinboard. */
export const joinWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.join_title,
    codeLead: m.join_codeLead,
    code: m.join_code,
    codeBad: m.join_codeBad,
    next: m.join_next,
    aboutYouLead: m.join_aboutYouLead,
    yourName: m.join_yourName,
    relationship: m.join_relationship,
    relationshipHint: m.join_relationshipHint,
    nameMissing: m.join_nameMissing,
    relationshipMissing: m.join_relationshipMissing,
    ask: m.join_ask,
    asking: m.join_asking,
    waitingTitle: m.join_waitingTitle,
    waitingLead: m.join_waitingLead,
    checking: m.join_checking,
    notReachable: m.join_notReachable,
    admitted: m.join_admitted,
    refusedTitle: m.join_refusedTitle,
    refused: m.join_refused,
    finishedTitle: m.join_finishedTitle,
    finished: m.join_finished,
    codeNotFound: m.join_codeNotFound,
    enterAnother: m.join_enterAnother,
    privacy: m.join_privacy,
    goToMeeting: m.join_goToMeeting,
  },
  {
    waitingAs: (name: string) => m.join_waitingAs({ name }),
    codeWait: (seconds: number) => m.join_codeWait({ seconds }),
  },
);

/** The switch a family phone chooses its language with [LANG1]. */
export const languageWords = /* @__PURE__ */ fromCatalogue({ label: m.language_label });

/** The chair's lobby panel. */
export const lobbyWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.lobby_title,
    codeTitle: m.lobby_codeTitle,
    notOpen: m.lobby_notOpen,
    nobody: m.lobby_nobody,
    admittedTitle: m.lobby_admittedTitle,
    failed: m.lobby_failed,
  },
  {
    codeHint: (link: string) => m.lobby_codeHint({ link }),
    knows: (relationship: string) => m.lobby_knows({ relationship }),
    roleFor: (name: string) => m.lobby_roleFor({ name }),
    admit: (name: string) => m.lobby_admit({ name }),
    turnAway: (name: string) => m.lobby_turnAway({ name }),
    admittedAs: (name: string, role: string) => m.lobby_admittedAs({ name, role }),
    admittedNote: (name: string, role: string) => m.lobby_admittedNote({ name, role }),
    refusedNote: (name: string) => m.lobby_refusedNote({ name }),
  },
);

/** What a meeting screen says when the server does not let it open the board. */
export const meetingAccessWords = /* @__PURE__ */ fromCatalogue({
  signInNeeded: m.meetingAccess_signInNeeded,
  guestNotIn: m.meetingAccess_guestNotIn,
  noAccess: m.meetingAccess_noAccess,
  stillWaiting: m.meetingAccess_stillWaiting,
  backToLobby: m.meetingAccess_backToLobby,
  signIn: m.meetingAccess_signIn,
  join: m.meetingAccess_join,
});

/** Scaling 0 to 10, on every screen: plain words a parent understands. */
export const scalingWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.scaling_title,
    yourNumber: m.scaling_yourNumber,
    reason: m.scaling_reason,
    saveReason: m.scaling_saveReason,
    private: m.scaling_private,
    open: m.scaling_open,
    named: m.scaling_named,
    anonymous: m.scaling_anonymous,
    notChosen: m.scaling_notChosen,
    watching: m.scaling_watching,
    answeredTitle: m.scaling_answeredTitle,
    revealedTitle: m.scaling_revealedTitle,
    oneHigher: m.scaling_oneHigher,
    fixed: m.scaling_fixed,
  },
  {
    zeroMeans: (words: string) => m.scaling_zeroMeans({ words }),
    tenMeans: (words: string) => m.scaling_tenMeans({ words }),
    number: (value: number) => m.scaling_number({ value: localNumber(value) }),
    saved: (value: number) => m.scaling_saved({ value: localNumber(value) }),
    answeredCount: (count: number) =>
      count === 0 ? m.scaling_answeredNobody() : m.scaling_answeredCount({ count }),
    lineLabel: (values: number[]) =>
      values.length === 0
        ? m.scaling_lineEmpty()
        : m.scaling_lineLabel({ values: localList(values.map(localNumber)) }),
    spread: (lowest: number, highest: number, middle: number) =>
      lowest === highest
        ? m.scaling_spreadSame({ lowest: localNumber(lowest) })
        : m.scaling_spread({
            lowest: localNumber(lowest),
            highest: localNumber(highest),
            middle: localNumber(middle),
          }),
    pointOf: (value: number, name?: string, role?: string) =>
      !name
        ? m.scaling_number({ value: localNumber(value) })
        : role
          ? m.scaling_pointNamedRole({ name, role, value: localNumber(value) })
          : m.scaling_pointNamed({ name, value: localNumber(value) }),
    roleNames: /* @__PURE__ */ fromCatalogue({
      staff: m.scaling_roleNames_staff,
      family: m.scaling_roleNames_family,
      network: m.scaling_roleNames_network,
      professional: m.scaling_roleNames_professional,
      child: m.scaling_roleNames_child,
      observer: m.scaling_roleNames_observer,
      projector: m.scaling_roleNames_projector,
    }),
  },
);

/** The chair's scaling panel. */
export const scalingChairWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.scalingChair_title,
    none: m.scalingChair_none,
    text: m.scalingChair_text,
    zeroMeans: m.scalingChair_zeroMeans,
    tenMeans: m.scalingChair_tenMeans,
    tiedTo: m.scalingChair_tiedTo,
    standalone: m.scalingChair_standalone,
    planConfidence: m.scalingChair_planConfidence,
    newText: m.scalingChair_newText,
    newPlaceholder: m.scalingChair_newPlaceholder,
    add: m.scalingChair_add,
    fromPractice: m.scalingChair_fromPractice,
    newZeroMeans: m.scalingChair_newZeroMeans,
    newTenMeans: m.scalingChair_newTenMeans,
    howTitle: m.scalingChair_howTitle,
    named: m.scalingChair_named,
    anonymous: m.scalingChair_anonymous,
    privateMode: m.scalingChair_privateMode,
    openMode: m.scalingChair_openMode,
    running: m.scalingChair_running,
    reveal: m.scalingChair_reveal,
    again: m.scalingChair_again,
    finish: m.scalingChair_finish,
    cancel: m.scalingChair_cancel,
  },
  {
    question: (index: number) => m.scalingChair_question({ number: index + 1 }),
    pair: (index: number, statement: string) =>
      statement
        ? m.scalingChair_pairWith({ number: index + 1, statement: statement.slice(0, 50) })
        : m.scalingChair_pair({ number: index + 1 }),
    remove: (index: number) => m.scalingChair_remove({ number: index + 1 }),
    ask: (index: number) => m.scalingChair_ask({ number: index + 1 }),
  },
);

/** The family page: how the numbers moved across meetings. */
export const scalingProgressWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.scalingProgress_title,
    none: m.scalingProgress_none,
    failed: m.scalingProgress_failed,
    meeting: m.scalingProgress_meeting,
    numbers: m.scalingProgress_numbers,
    spread: m.scalingProgress_spread,
    anonymousNote: m.scalingProgress_anonymousNote,
  },
  {
    chart: (text: string, meetings: number) => m.scalingProgress_chart({ text, meetings }),
    tableCaption: (text: string) => m.scalingProgress_tableCaption({ text }),
    spreadCell: (lowest: number, middle: number, highest: number) =>
      m.scalingProgress_spreadCell({ lowest, middle, highest }),
  },
);

/** The safety plan: building it, offering, agreeing, "my part", versions. */
/** Plain explanations of the practice's words, a tap away on a family's screens [FIRST7]. */
export const termWords = /* @__PURE__ */ fromCatalogue({
  tapToExplain: m.term_tapToExplain,
  planRules: m.term_planRules,
  fireDrills: m.term_fireDrills,
  trajectory: m.term_trajectory,
  safetyObject: m.term_safetyObject,
  contingency: m.term_contingency,
  nextSteps: m.term_nextSteps,
});

export const planWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.plan_title,
    rules: m.plan_rules,
    noRules: m.plan_noRules,
    addRule: m.plan_addRule,
    what: m.plan_what,
    when: m.plan_when,
    howWeKnow: m.plan_howWeKnow,
    who: m.plan_who,
    nobodyYet: m.plan_nobodyYet,
    addMe: m.plan_addMe,
    addPerson: m.plan_addPerson,
    personPlaceholder: m.plan_personPlaceholder,
    answers: m.plan_answers,
    notAnswered: m.plan_notAnswered,
    uncoveredWarning: m.plan_uncoveredWarning,
    allCovered: m.plan_allCovered,
    offer: m.plan_offer,
    offerSent: m.plan_offerSent,
    offerDeclined: m.plan_offerDeclined,
    onThisRule: m.plan_onThisRule,
    offers: m.plan_offers,
    confirm: m.plan_confirm,
    decline: m.plan_decline,
    noOffers: m.plan_noOffers,
    contingency: m.plan_contingency,
    safetyObject: m.plan_safetyObject,
    fireDrills: m.plan_fireDrills,
    addFireDrill: m.plan_addFireDrill,
    drillWhat: m.plan_drillWhat,
    drillWhen: m.plan_drillWhen,
    trajectory: m.plan_trajectory,
    addTrajectoryStep: m.plan_addTrajectoryStep,
    step: m.plan_step,
    reviewDate: m.plan_reviewDate,
    nextSteps: m.plan_nextSteps,
    addNextStep: m.plan_addNextStep,
    byWhen: m.plan_byWhen,
    remove: m.plan_remove,
    locked: m.plan_locked,
    agreedLocked: m.plan_agreedLocked,
    triggers: m.plan_triggers,
    howOften: m.plan_howOften,
    matters: m.plan_matters,
  },
  {
    day: /* @__PURE__ */ fromCatalogue({
      mon: m.plan_day_mon,
      tue: m.plan_day_tue,
      wed: m.plan_day_wed,
      thu: m.plan_day_thu,
      fri: m.plan_day_fri,
      sat: m.plan_day_sat,
      sun: m.plan_day_sun,
    }),
    part: /* @__PURE__ */ fromCatalogue({
      morning: m.plan_part_morning,
      afternoon: m.plan_part_afternoon,
      evening: m.plan_part_evening,
      night: m.plan_part_night,
    }),
    momentOf: (moment: string, rule: string) => m.plan_momentOf({ moment, rule }),
    rule: (index: number) => m.plan_rule({ number: index + 1 }),
    removeRule: (index: number) => m.plan_removeRule({ number: index + 1 }),
    removePerson: (name: string, rule: string) => m.plan_removePerson({ name, rule }),
    addPersonLabel: (rule: string) => m.plan_addPersonLabel({ rule }),
    fieldOf: (field: string, rule: string) => m.plan_fieldOf({ field, rule }),
    writtenBy: (credit: string) => m.plan_writtenBy({ credit }),
    answersStatement: (statement: string, rule: string) => m.plan_answersStatement({ rule, statement }),
    answeredBy: (rules: string) => m.plan_answeredBy({ rules }),
    offerFrom: (name: string, rule: string) => m.plan_offerFrom({ name, rule }),
    fireDrill: (index: number) => m.plan_fireDrill({ number: index + 1 }),
    trajectoryStep: (index: number) => m.plan_trajectoryStep({ number: index + 1 }),
    nextStep: (index: number) => m.plan_nextStep({ number: index + 1 }),
    removeItem: (item: string) => m.plan_removeItem({ item }),
  },
);

/** A young person chairing their own looked-after review from their phone [MEET5]. */
export const youngChairWords = /* @__PURE__ */ fromCatalogue(
  { title: m.youngChair_title, intro: m.youngChair_intro, follow: m.youngChair_follow },
  { moveTo: (step: string) => m.youngChair_moveTo({ step }) },
);

/** The quiet plain-words check under statements, goals and bottom lines [WORDS1]. */
export const plainWordsWords = /* @__PURE__ */ fromCatalogue(
  {
    jargon: m.plainWords_jargon,
    judgement: m.plainWords_judgement,
    simpler: m.plainWords_simpler,
    equality: m.plainWords_equality,
    passive: m.plainWords_passive,
    long: m.plainWords_long,
    clear: m.plainWords_clear,
    unavailable: m.plainWords_unavailable,
  },
  {
    marks: (count: number) => m.plainWords_marks({ count }),
    readingAge: (age: number) => m.plainWords_readingAge({ age }),
    tryThis: (suggestion: string) => m.plainWords_tryThis({ suggestion }),
    of: (what: string) => m.plainWords_of({ what }),
  },
);

/** Testing the plan at a chosen moment [PLAN11]. */
export const planTestWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.planTest_title,
    intro: m.planTest_intro,
    day: m.planTest_day,
    time: m.planTest_time,
    triggers: m.planTest_triggers,
    applying: m.planTest_applying,
    noRules: m.planTest_noRules,
    named: m.planTest_named,
    nobodyNamed: m.planTest_nobodyNamed,
    leftWithNobody: m.planTest_leftWithNobody,
    allHaveSomeone: m.planTest_allHaveSomeone,
    decision: m.planTest_decision,
    record: m.planTest_record,
    recorded: m.planTest_recorded,
  },
  {
    moment: (day: string, time: string, triggers: string) =>
      triggers ? m.planTest_momentWith({ day, time, triggers }) : m.planTest_moment({ day, time }),
    leftCount: (statements: string) => m.planTest_leftCount({ statements }),
    decided: (decision: string) => m.planTest_decided({ decision }),
    remove: (moment: string) => m.planTest_remove({ moment }),
  },
);

export const agreementWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.agreement_title,
    start: m.agreement_start,
    finalise: m.agreement_finalise,
    reopen: m.agreement_reopen,
    amend: m.agreement_amend,
    question: m.agreement_question,
    yes: m.agreement_yes,
    no: m.agreement_no,
    reasonLabel: m.agreement_reasonLabel,
    sendNo: m.agreement_sendNo,
    answeredYes: m.agreement_answeredYes,
    change: m.agreement_change,
    answers: m.agreement_answers,
    noAnswers: m.agreement_noAnswers,
    agrees: m.agreement_agrees,
    disagrees: m.agreement_disagrees,
    uncoveredFirst: m.agreement_uncoveredFirst,
    essentialsMissing: m.agreement_essentialsMissing,
    missingContingency: m.agreement_missingContingency,
    essentialsReason: m.agreement_essentialsReason,
    startAnyway: m.agreement_startAnyway,
  },
  {
    stage: /* @__PURE__ */ fromCatalogue({
      drafting: m.agreement_stage_drafting,
      agreeing: m.agreement_stage_agreeing,
      agreed: m.agreement_stage_agreed,
    }),
    answeredNo: (reason: string) => m.agreement_answeredNo({ reason }),
    answerOf: (name: string, agrees: boolean, reason?: string) =>
      agrees
        ? reason
          ? m.agreement_answerAgreesBecause({ name, reason })
          : m.agreement_answerAgrees({ name })
        : reason
          ? m.agreement_answerDisagreesBecause({ name, reason })
          : m.agreement_answerDisagrees({ name }),
    agreedVersion: (version: number) => m.agreement_agreedVersion({ version }),
    missingRules: (count: number) => m.agreement_missingRules({ count }),
    missingEnds: (question: string) => m.agreement_missingEnds({ question }),
  },
);

/** What the meeting decided and when it meets next, for the case record. */
export const decisionWords = /* @__PURE__ */ fromCatalogue({
  title: m.decision_title,
  hint: m.decision_hint,
  nextMeeting: m.decision_nextMeeting,
});

export const myPartWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.myPart_title,
    nothing: m.myPart_nothing,
    rules: m.myPart_rules,
    drills: m.myPart_drills,
    steps: m.myPart_steps,
  },
  {
    when: (when: string) => m.myPart_when({ when }),
    howWeKnow: (how: string) => m.myPart_howWeKnow({ how }),
    byWhen: (when: string) => m.myPart_byWhen({ when }),
  },
);

/** What the handbook's timescales make due and overdue, on the staff home page [DUE4]. */
export const dueWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.due_title,
    nothing: m.due_nothing,
    nothingForFamily: m.due_nothingForFamily,
    due: m.due_due,
    overdue: m.due_overdue,
    nonePlanned: m.due_nonePlanned,
  },
  {
    lead: (today: string) => m.due_lead({ today }),
    first: (meeting: string, date: string) => m.due_first({ meeting, date }),
    every: (meeting: string, date: string) => m.due_every({ meeting, date }),
    before: (meeting: string, meetingDate: string, date: string) =>
      m.due_before({ meeting, meetingDate, date }),
    fromFamilyAdded: (date: string) => m.due_fromFamilyAdded({ date }),
    fromLastMeeting: (date: string) => m.due_fromLastMeeting({ date }),
    planned: (date: string) => m.due_planned({ date }),
    handbook: (words: string) => m.due_handbook({ words }),
    itemsOf: (family: string) => m.due_itemsOf({ family }),
  },
);

/** The phone's own copy once the plan is agreed [COPY1]; its own group, loaded with its component only. */
export const myPartSaveWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.myPartSave_title,
    hint: m.myPartSave_hint,
    plan: m.myPartSave_plan,
    mine: m.myPartSave_mine,
    saving: m.myPartSave_saving,
    saved: m.myPartSave_saved,
  },
  { failed: (problem: string) => m.myPartSave_failed({ problem }) },
);

/** Copies of an agreed plan given to people, on the family page [COPY3]-[COPY6]. */
export const copiesWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.copies_title,
    intro: m.copies_intro,
    noPlan: m.copies_noPlan,
    version: m.copies_version,
    who: m.copies_who,
    someoneElse: m.copies_someoneElse,
    name: m.copies_name,
    address: m.copies_address,
    what: m.copies_what,
    familyPlan: m.copies_familyPlan,
    send: m.copies_send,
    sending: m.copies_sending,
    chooseWhat: m.copies_chooseWhat,
    noEmail: m.copies_noEmail,
    download: m.copies_download,
    given: m.copies_given,
    none: m.copies_none,
    howPhone: m.copies_howPhone,
  },
  {
    partOf: (name: string) => m.copies_partOf({ name }),
    sent: (address: string) => m.copies_sent({ address }),
    downloaded: (name: string) => m.copies_downloaded({ name }),
    givenTo: (name: string, when: string) => m.copies_givenTo({ name, when }),
    whatPlan: (version: number) => m.copies_whatPlan({ version }),
    whatPart: (name: string, version: number) => m.copies_whatPart({ name, version }),
    howEmail: (address: string, staff: string) => m.copies_howEmail({ address, staff }),
    howDownload: (staff: string) => m.copies_howDownload({ staff }),
  },
);

export const planVersionWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.planVersion_title,
    none: m.planVersion_none,
    compareWith: m.planVersion_compareWith,
    noChanges: m.planVersion_noChanges,
  },
  {
    version: (meeting: string, date: string, version: number) =>
      m.planVersion_version({ meeting, date, version }),
    agreedAt: (when: string) => m.planVersion_agreedAt({ when }),
    people: (count: number) => m.planVersion_people({ count }),
    downloadsOf: (version: string) => m.planVersion_downloadsOf({ version }),
    myPartsOf: (version: string) => m.planVersion_myPartsOf({ version }),
    myPart: (name: string) => m.planVersion_myPart({ name }),
    myPartPhone: (name: string) => m.planVersion_myPartPhone({ name }),
    export: /* @__PURE__ */ fromCatalogue({
      pdf: m.planVersion_export_pdf,
      phonePdf: m.planVersion_export_phonePdf,
      docx: m.planVersion_export_docx,
      md: m.planVersion_export_md,
      txt: m.planVersion_export_txt,
      json: m.planVersion_export_json,
    }),
    change: /* @__PURE__ */ fromCatalogue({
      added: m.planVersion_change_added,
      changed: m.planVersion_change_changed,
      removed: m.planVersion_change_removed,
    }),
    part: /* @__PURE__ */ fromCatalogue({
      statements: m.planVersion_part_statements,
      bottomLines: m.planVersion_part_bottomLines,
      rules: m.planVersion_part_rules,
      fireDrills: m.planVersion_part_fireDrills,
      nextSteps: m.planVersion_part_nextSteps,
      trajectory: m.planVersion_part_trajectory,
      notes: m.planVersion_part_notes,
      cards: m.planVersion_part_cards,
    }),
    answers: (agreeing: number, total: number) => m.planVersion_answers({ agreeing, total }),
  },
);

export const drawingWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.drawing_title,
    houseGood: m.drawing_houseGood,
    houseWorries: m.drawing_houseWorries,
    houseDreams: m.drawing_houseDreams,
    circleClosest: m.drawing_circleClosest,
    circleHelp: m.drawing_circleHelp,
    circleFurther: m.drawing_circleFurther,
    loading: m.drawing_loading,
    unavailable: m.drawing_unavailable,
    newer: m.drawing_newer,
    unreadable: m.drawing_unreadable,
    readOnly: m.drawing_readOnly,
    people: m.drawing_people,
    peopleHelp: m.drawing_peopleHelp,
    noPeople: m.drawing_noPeople,
    placed: m.drawing_placed,
    backToMeeting: m.drawing_backToMeeting,
    unknownCanvas: m.drawing_unknownCanvas,
    child: m.drawing_child,
  },
  {
    canvas: /* @__PURE__ */ fromCatalogue({
      genogram: m.drawing_canvas_genogram,
      houses: m.drawing_canvas_houses,
      story: m.drawing_canvas_story,
    }),
    storyFrame: (number: number) => m.drawing_storyFrame({ number }),
    placePerson: (name: string, relationship: string) => m.drawing_placePerson({ name, relationship }),
    canvasArea: (name: string) => m.drawing_canvasArea({ name }),
  },
);

/** The family's record [ACCESS11] [ACCESS32]. */
export const auditWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.audit_title,
    lead: m.audit_lead,
    none: m.audit_none,
    more: m.audit_more,
    entriesOf: m.audit_entriesOf,
  },
  {
    other: (action: string) => m.audit_other({ action }),
    times: (count: number) => m.audit_times({ count }),
  },
);

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
/** A `YYYY-MM-DD` day as the reader's language writes it in full (3 March 2051). */
function longDate(day: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
/** What each kind of item in a board's history is called [HISTORY6]. */
export const historyKindNames: Record<string, string> = /* @__PURE__ */ fromCatalogue({
  card: m.historyKindNames_card,
  statement: m.historyKindNames_statement,
  goal: m.historyKindNames_goal,
  bottomLine: m.historyKindNames_bottomLine,
  planRule: m.historyKindNames_planRule,
});

/** The family page: each meeting's board history, item by item [HISTORY6]. */
export const historyWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.history_title,
    intro: m.history_intro,
    loading: m.history_loading,
    failed: m.history_failed,
    none: m.history_none,
    empty: m.history_empty,
    staff: m.history_staff,
    nobody: m.history_nobody,
    place: m.history_place,
  },
  {
    added: (who: string, when: string) => m.history_added({ who, when }),
    changed: (who: string, when: string) => m.history_changed({ who, when }),
    removed: (who: string, when: string) => m.history_removed({ who, when }),
    person: (name: string, role: string) => m.history_person({ name, role }),
    itemTitle: (kind: string, text: string) => m.history_itemTitle({ kind, text }),
    versionsOf: (item: string) => m.history_versionsOf({ item }),
    versions: (count: number) => m.history_versions({ count }),
  },
);

/** The family page's erasure, for administrators [ERASE1]. */
export const eraseWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.erase_title,
    whatGoes: m.erase_whatGoes,
    open: m.erase_open,
    start: m.erase_start,
    cancel: m.erase_cancel,
    done: m.erase_done,
  },
  {
    lead: (family: string) => m.erase_lead({ family }),
    typeName: (family: string) => m.erase_typeName({ family }),
    confirm: (family: string) => m.erase_confirm({ family }),
  },
);

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

/** The family page's passes between meetings [PASS1] [PASS4]. */
export const passesWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.passes_title,
    lead: m.passes_lead,
    forMeeting: m.passes_forMeeting,
    holderName: m.passes_holderName,
    relationship: m.passes_relationship,
    person: m.passes_person,
    noPerson: m.passes_noPerson,
    endsOn: m.passes_endsOn,
    give: m.passes_give,
    none: m.passes_none,
    list: m.passes_list,
    revoked: m.passes_revoked,
    revoke: m.passes_revoke,
    reissue: m.passes_reissue,
    noPlan: m.passes_noPlan,
    allowPhotos: m.passes_allowPhotos,
  },
  {
    given: (name: string) => m.passes_given({ name }),
    qr: (name: string) => m.passes_qr({ name }),
    link: (name: string) => m.passes_link({ name }),
    active: (date: string) => m.passes_active({ date }),
    expired: (date: string) => m.passes_expired({ date }),
    revokeOf: (name: string) => m.passes_revokeOf({ name }),
    reissueOf: (name: string) => m.passes_reissueOf({ name }),
    revokedNotice: (name: string) => m.passes_revokedNotice({ name }),
  },
);

/** Before the meeting, for the chair: when the drafts are shared, and the views sent [DRAFT2] [PRIOR3]. */
export const beforeWords = /* @__PURE__ */ fromCatalogue(
  {
    title: m.before_title,
    shareFrom: m.before_shareFrom,
    shareHint: m.before_shareHint,
    share: m.before_share,
    threeDays: m.before_threeDays,
    stopSharing: m.before_stopSharing,
    notShared: m.before_notShared,
    views: m.before_views,
    noViews: m.before_noViews,
    worries: m.before_worries,
    workingWell: m.before_workingWell,
    offers: m.before_offers,
    broughtIn: m.before_broughtIn,
    givePass: m.before_givePass,
    holderName: m.before_holderName,
    relationship: m.before_relationship,
    give: m.before_give,
  },
  {
    given: (name: string) => m.before_given({ name }),
    qr: (name: string) => m.before_qr({ name }),
    link: (name: string) => m.before_link({ name }),
    sharedFrom: (time: string) => m.before_sharedFrom({ time }),
    sentBy: (name: string, relationship: string, time: string) =>
      m.before_sentBy({ name, relationship, time }),
    number: (question: string, value: number) => m.before_number({ question, value: localNumber(value) }),
    bringIn: (name: string) => m.before_bringIn({ name }),
    failed: (reason: string) => m.before_failed({ reason }),
    scalingSent: (name: string, relationship: string, value: number) =>
      m.before_scalingSent({ name, relationship, value: localNumber(value) }),
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
