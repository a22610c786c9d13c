import type { ColumnId, DomainId, ScreenKind, VocabularyId } from '@kinboard/shared';

/**
 * The message catalogue: every word the interface shows, in one place, so Welsh and other
 * languages can be added without touching components. The practice's own words (columns,
 * domains, statement and goal nouns) come from the shared vocabulary through the board's
 * settings (`FrameBoard.words`), so switching Safety / Wellbeing / Success relabels every
 * screen. `columnTitles` and `domainLabels` below are the Signs of Safety words, for screens
 * that have no board yet.
 */
export const columnTitles: Record<ColumnId, string> = {
  worries: 'What are we worried about?',
  workingWell: "What's working well?",
  needsToHappen: 'What needs to happen?',
};

export const domainLabels: Record<DomainId, string> = {
  pastHarm: 'Harm',
  futureDanger: 'Danger',
  complicatingFactors: 'Complicating factors',
  existingStrengths: 'Existing strengths',
  existingSafety: 'Existing safety',
  goals: 'Safety goals',
  nextSteps: 'Next steps',
};

export const connectionWords = {
  connected: 'Connected',
  connecting: 'Connecting…',
  offline: 'Offline — your changes are kept on this screen and will be sent when you reconnect',
  saving: 'Saving…',
  saved: 'All changes saved',
  notSentYet: 'Not saved yet',
  unsavedOnStop:
    'Changes made on this screen since the last save are still shown here. Copy anything you need before reloading.',
  reload: 'Reload the page',
} as const;

/** What a person is told when the server has stopped this screen for good (see close-codes.ts). */
export function stoppedSentence(code: number): string {
  switch (code) {
    case 4401:
      return 'You have not been let into this meeting yet. Ask the chair to let you in, then reload the page.';
    case 4403:
      return 'This screen is not allowed to change the board.';
    case 4404:
      return 'This meeting could not be found. Check the link with the chair.';
    case 4410:
      return 'This meeting has finished. The board is no longer shared.';
    case 4413:
    case 1009:
      return 'That change was too big to send. Reload the page, then make the card shorter.';
    case 4426:
      return 'This page is out of date. Reload the page to carry on.';
    default:
      return 'The board stopped updating because something went wrong. Reload the page to carry on.';
  }
}

export const boardWords = {
  addCard: 'Add a card',
  addCardTo: (domain: string) => `Add a card to ${domain}`,
  cardLabel: (domain: string, author: string) => `Card in ${domain}, written by ${author}`,
  deleteCard: 'Delete',
  deleteCardLabel: (domain: string) => `Delete this card from ${domain}`,
  confirmDelete: 'Delete this card?',
  confirmYes: 'Yes, delete',
  confirmNo: 'Keep it',
  noCards: 'Nothing here yet.',
  yourName: 'Your name (shown on the cards you add)',
  guest: 'Guest',
  lockedNote: 'Agreed — locked by the chair',
  typing: (names: string) => `${names} writing…`,
  undo: 'Undo my last change',
  redo: 'Redo',
  backToStart: 'Back to the start',
  loading: 'Opening the board…',
  notFound: 'There is no meeting with that link. Check the link with the chair.',
  loadFailed: 'The board could not be opened. Check your connection, then reload the page.',
} as const;

/** Capitalised for a heading or label: "worry statement" -> "Worry statement". */
export const heading = (words: string): string => words.charAt(0).toUpperCase() + words.slice(1);

export const statementWords = {
  panel: (statements: string, goals: string) => `${heading(statements)} and ${goals}`,
  statementOf: (statement: string, index: number) => `${heading(statement)} ${index + 1}`,
  goalOf: (goal: string, index: number) => `${heading(goal)} ${index + 1}`,
  add: (statement: string, goal: string) => `Add a ${statement} with its ${goal}`,
  remove: (statement: string, index: number) => `Delete ${statement} ${index + 1} and its goal`,
  none: (statements: string) => `No ${statements} yet.`,
  draft: 'Draft',
  goalPending: 'Not written yet.',
} as const;

export const bottomLineWords = {
  title: 'Bottom lines',
  item: (index: number) => `Bottom line ${index + 1}`,
  remove: (index: number) => `Delete bottom line ${index + 1}`,
  newLabel: 'New bottom line',
  add: 'Add bottom line',
  tooMany: 'That is a lot of bottom lines. The practice keeps them few.',
  none: 'No bottom lines.',
} as const;

export const presenceWords = {
  title: 'Who is here',
  you: 'you',
  screens: { chair: 'chair', projector: 'projector', phone: 'phone' } satisfies Record<ScreenKind, string>,
  lookingAt: (column: string) => `looking at ${column}`,
  atWelcome: 'at the welcome',
  nobody: 'Nobody else yet.',
  count: (count: number) => (count === 1 ? '1 screen here' : `${count} screens here`),
} as const;

export const timerWords = {
  title: 'Timer',
  minutes: 'Minutes',
  set: 'Set timer',
  start: 'Start timer',
  pause: 'Pause timer',
  reset: 'Reset timer',
  left: (time: string) => `${time} left`,
  finished: "Time's up",
  format: (ms: number) => {
    const seconds = Math.ceil(ms / 1000);
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  },
} as const;

export const chairWords = {
  console: 'Chair console',
  agenda: 'Agenda',
  current: 'now',
  skipped: 'skipped',
  welcome: 'Welcome',
  goToStep: (title: string) => `Move everyone to: ${title}`,
  previous: 'Previous step',
  next: 'Next step',
  undoMove: 'Undo last move',
  controls: 'Controls',
  follow: 'Follow me',
  followOn: "Everyone's screen follows yours",
  followOff: 'People can look around on their own',
  locks: 'Lock what is agreed',
  lock: (column: string) => `Lock ${column}`,
  locked: 'Locked',
  openProjector: 'Open the projector view',
  vocabulary: 'Words for this meeting',
  vocabularyChoice: 'Signs of',
  vocabularyNames: { safety: 'Safety', wellbeing: 'Wellbeing', success: 'Success' } satisfies Record<
    VocabularyId,
    string
  >,
  customLabel: 'Own label (optional, e.g. Stability)',
  applyLabel: 'Use this label',
  clearLabel: 'Clear label',
  theMap: 'The map',
  columnsNote: 'Server checks on locks come with the access work; for now screens hold them.',
} as const;

export const phoneWords = {
  sections: 'Sections',
  showColumn: (column: string) => `Show ${column}`,
  following: 'Following the chair',
  browsing: 'Look around freely',
  chairMovedOn: (column: string) => `The chair moved on to ${column}.`,
  goThere: 'Go there',
  welcome: 'Welcome. The meeting will start soon.',
  yourName: 'Your name',
} as const;

export const projectorWords = {
  joinTitle: 'Join on your phone',
  joinHint: 'Scan the code with your phone camera, or type this link:',
  qrLabel: 'QR code for the link to join this meeting',
  stillWriting: 'still writing',
  view: 'Projector view',
} as const;
