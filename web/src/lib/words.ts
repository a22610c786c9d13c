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
  move: 'Move',
  moveGroup: (index: number, domain: string, author: string) =>
    `Move card ${index + 1} in ${domain}, written by ${author}`,
  moveTo: 'Move to',
  moveThere: 'Move there',
  moveUp: 'Move up',
  moveDown: 'Move down',
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
  /** The parts that help draft a statement; worded to suit either vocabulary. */
  parts: 'Parts of this statement',
  whoIsWorried: 'Who is worried',
  behaviour: 'What they are worried will happen (the behaviour)',
  impactOnChild: 'What it would mean for the child if nothing changes',
  partOf: (part: string, statement: string, index: number) => `${part}, ${statement} ${index + 1}`,
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
  skipStep: (title: string) => `Skip ${title}`,
  unskipStep: (title: string) => `Stop skipping ${title}`,
  skip: 'Skip',
  unskip: 'Unskip',
  stepUp: (title: string) => `Move ${title} up`,
  stepDown: (title: string) => `Move ${title} down`,
  removeStep: (title: string) => `Remove ${title}`,
  remove: 'Remove',
  up: 'Up',
  down: 'Down',
  newStep: 'New step',
  addStep: 'Add step',
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
  codeHint: (place: string) =>
    `Scan the QR code with your phone camera, or go to ${place} and type this code:`,
  stillWriting: 'still writing',
  view: 'Projector view',
} as const;

/** Sign-in, setup and the staff header. */
export const accessWords = {
  noConnection: 'There is no connection to Kinboard. Check your signal or Wi-Fi, then try again.',
  somethingWrong: 'Something went wrong. Try again in a moment.',
  staffArea: 'Staff',
  signedInAs: (name: string) => `Signed in as ${name}`,
  signOut: 'Sign out',
  signIn: 'Sign in',
  signInTitle: 'Staff sign-in',
  signInLead:
    'For social workers, chairs and other staff. Family and network members join with a code instead.',
  joinInstead: 'Joining a meeting from your phone? Enter the code here',
  email: 'Email',
  password: 'Password',
  signingIn: 'Signing in…',
  signedOut: 'You have signed out.',
  setupTitle: 'Set up Kinboard',
  setupLead:
    'Create the first administrator. This person can add staff accounts and decide who sees which family.',
  yourName: 'Your name',
  newPassword: 'Password (at least 12 characters)',
  passwordHint: 'A few ordinary words together make a good password.',
  passwordTooShort: 'The password needs at least 12 characters.',
  create: 'Create the administrator',
  creating: 'Creating…',
  noToken: 'This setup link is not complete. Use the whole link the server printed when it started.',
  fieldMissing: (what: string) => `Enter ${what}.`,
  families: 'Families',
  staffAccounts: 'Staff accounts',
  skipToContent: 'Skip to the main content',
} as const;

export const meetingStateNames: Record<string, string> = {
  preparing: 'Being prepared',
  open: 'Open',
  agreed: 'Agreed',
  closed: 'Closed',
};

/** The roles the chair gives someone in the lobby, in plain words. */
export const roleNames: Record<string, string> = {
  family: 'Family member',
  network: 'Network member',
  professional: 'Professional',
  child: 'Child or young person',
  observer: 'Observer (can only look)',
};

export const staffWords = {
  homeTitle: 'Your families',
  homeLead: 'These are the families you have been given access to.',
  noFamilies: 'You have no families yet. Create one below, or ask an administrator for access.',
  newFamily: 'Create a family',
  familyName: 'Family name (for example: Hollis family)',
  familyNameMissing: 'Please write the family’s name.',
  childrenNames: 'Children’s first names (one per line)',
  createFamily: 'Create the family',
  familyCreated: (name: string) => `${name} created.`,
  children: 'Children',
  noChildren: 'No children recorded yet.',
  network: 'Network',
  noNetwork: 'Nobody in the network recorded yet.',
  meetings: 'Meetings',
  noMeetings: 'No meetings yet.',
  newMeeting: 'New meeting',
  meetingType: 'Kind of meeting',
  meetingDate: 'Date',
  meetingTitle: 'Title (optional)',
  createMeeting: 'Create the meeting',
  meetingCreated: 'Meeting created.',
  open: 'Open the meeting',
  openHint: 'Opening gives the meeting a join code for phones.',
  opened: (code: string) => `The meeting is open. Join code: ${code}`,
  joinCode: 'Join code',
  chairConsole: 'Go to the chair console',
  close: 'Close the meeting',
  confirmClose:
    'Close this meeting? Everyone on a phone loses access at once and the join code stops working. It cannot be opened again.',
  confirmCloseYes: 'Yes, close it',
  confirmCloseNo: 'Keep it open',
  closed: 'The meeting is closed.',
  backToFamilies: 'Back to your families',
  grantTitle: 'Give a colleague access to this family',
  grantWho: 'Staff member',
  grant: 'Give access',
  granted: (name: string) => `${name} can now see this family.`,
  chooseSomeone: 'Choose someone.',
  loadFailed: 'This page could not be loaded. Check your connection, then reload the page.',
  notFound: 'There is no family with that link.',
  noAccess: 'You have not been given access to this family. Ask an administrator.',
  staffTitle: 'Staff accounts',
  addStaff: 'Add a staff account',
  staffName: 'Name',
  staffRole: 'Kind of account',
  staffRoleNames: { staff: 'Staff', admin: 'Administrator' } as Record<string, string>,
  addStaffButton: 'Add the account',
  staffAdded: (name: string) => `${name} added. Give them their password in person or by phone.`,
  disabled: 'Disabled',
  disable: (name: string) => `Disable ${name}`,
  enable: (name: string) => `Enable ${name}`,
  onlyAdmins: 'Only an administrator can manage staff accounts.',
} as const;

/** Joining from a phone: plain words for people who have never seen Kinboard. */
export const joinWords = {
  title: 'Join a meeting',
  codeLead: 'Type the code shown on the screen in the room, or the code the chair read out.',
  code: 'Meeting code (6 letters and numbers)',
  codeBad: 'A meeting code has 6 letters and numbers, like K7M 4QX. Check it and try again.',
  next: 'Next',
  aboutYouLead: 'Tell the chair who you are. They will let you in.',
  yourName: 'Your name',
  relationship: 'How do you know the child or children?',
  relationshipHint: 'For example: mum, grandad, neighbour, teacher, family friend.',
  nameMissing: 'Please write your name, so the chair knows who you are.',
  relationshipMissing: 'Please tell the chair how you know the child or children.',
  ask: 'Ask to join',
  asking: 'Sending…',
  waitingTitle: 'Waiting for the chair to let you in',
  waitingLead: 'You do not need to do anything. This page changes by itself when the chair lets you in.',
  waitingAs: (name: string) => `You asked to join as ${name}.`,
  checking: 'Still waiting…',
  notReachable: 'We cannot reach Kinboard just now. We will keep trying.',
  admitted: 'The chair has let you in. Opening the meeting…',
  refusedTitle: 'The chair has not let you in',
  refused:
    'The chair has not let you into this meeting on this phone. If you think this is a mistake, please speak to the chair or the social worker.',
  finishedTitle: 'This meeting has finished',
  finished:
    'This meeting has finished, so its code no longer works and the board is no longer shared. Thank you for taking part.',
  codeNotFound: 'That code does not match a meeting that is open. Check it with the chair.',
  enterAnother: 'Enter a different code',
  privacy: 'Nothing from the meeting is kept on your phone.',
  goToMeeting: 'Go to the meeting',
} as const;

/** The chair's lobby panel. */
export const lobbyWords = {
  title: 'Waiting to join',
  codeTitle: 'Join code',
  codeHint: (link: string) => `People join at ${link}`,
  notOpen: 'The meeting is not open yet, so nobody can join.',
  nobody: 'Nobody is waiting.',
  knows: (relationship: string) => `Knows the child as: ${relationship}`,
  roleFor: (name: string) => `Role for ${name}`,
  admit: (name: string) => `Let ${name} in`,
  turnAway: (name: string) => `Turn ${name} away`,
  admittedTitle: 'In the meeting',
  admittedAs: (name: string, role: string) => `${name}: ${role}`,
  admittedNote: (name: string, role: string) => `${name} is in the meeting as ${role}.`,
  refusedNote: (name: string) => `${name} was turned away.`,
  failed: 'The lobby could not be updated. Check your connection.',
} as const;

/** What a meeting screen says when the server does not let it open the board. */
export const meetingAccessWords = {
  signInNeeded: 'Sign in to open this meeting.',
  guestNotIn: 'You need to join this meeting with its code before you can see the board.',
  noAccess: 'You have not been given access to this meeting.',
  stillWaiting: 'The chair has not let you in yet.',
  backToLobby: 'Back to the waiting screen',
  signIn: 'Staff: sign in',
  join: 'Join with a code',
} as const;

/** Scaling 0 to 10, on every screen: plain words a parent understands. */
export const scalingWords = {
  title: 'Scaling: 0 to 10',
  zeroMeans: (words: string) => `0 means: ${words}`,
  tenMeans: (words: string) => `10 means: ${words}`,
  yourNumber: 'Your number',
  number: (value: number) => `${value}`,
  reason: 'What makes it that number? (optional)',
  saveReason: 'Save what I wrote',
  saved: (value: number) => `You chose ${value}.`,
  private: 'Only you can see your number until the chair shows everyone’s.',
  open: 'Everyone can see the numbers move as people choose.',
  named: 'When the numbers are shown, everyone will see who chose which.',
  anonymous: 'When the numbers are shown, nobody will see who chose which.',
  notChosen: 'You have not chosen a number yet.',
  watching: 'You are watching this one: observers and the projector do not give a number.',
  answeredCount: (count: number) =>
    count === 0
      ? 'Nobody has answered yet.'
      : count === 1
        ? '1 person has answered.'
        : `${count} people have answered.`,
  answeredTitle: 'Who has answered',
  revealedTitle: 'Everyone’s numbers',
  lineLabel: (values: number[]) =>
    values.length === 0
      ? 'A line from 0 to 10 with no numbers on it yet.'
      : `A line from 0 to 10 with these numbers: ${values.join(', ')}.`,
  spread: (lowest: number, highest: number, middle: number) =>
    lowest === highest
      ? `Everyone chose ${lowest}.`
      : `From ${lowest} to ${highest}; the middle is ${middle}.`,
  pointOf: (value: number, name?: string, role?: string) =>
    name ? `${name}${role ? ` (${role})` : ''}: ${value}` : `${value}`,
  oneHigher: 'What would make it one higher?',
  fixed: 'The numbers have been shown, so they cannot change now.',
  roleNames: {
    staff: 'staff',
    family: 'family',
    network: 'network',
    professional: 'professional',
    child: 'young person',
    observer: 'observer',
    projector: 'projector',
  } as Record<string, string>,
} as const;

/** The chair's scaling panel. */
export const scalingChairWords = {
  title: 'Scaling questions',
  none: 'No scaling questions yet. Write one before the meeting or during it.',
  question: (index: number) => `Scaling question ${index + 1}`,
  text: 'Question',
  zeroMeans: 'What 0 means',
  tenMeans: 'What 10 means',
  tiedTo: 'About',
  standalone: 'On its own',
  planConfidence: 'Confidence in the plan',
  pair: (index: number, statement: string) =>
    `Statement ${index + 1}${statement ? `: ${statement.slice(0, 50)}` : ''}`,
  remove: (index: number) => `Remove scaling question ${index + 1}`,
  newText: 'New scaling question',
  newPlaceholder: 'On a scale of 0 to 10, how safe are the children at home?',
  add: 'Add the question',
  howTitle: 'How to ask',
  named: 'Show names with the numbers',
  anonymous: 'Show numbers without names',
  privateMode: 'Numbers stay hidden until I show them',
  openMode: 'Everyone sees the numbers move as people choose',
  ask: (index: number) => `Ask question ${index + 1} now`,
  running: 'Asking now',
  reveal: 'Show everyone’s numbers',
  again: 'Ask the same question again',
  finish: 'Finish and go back to the board',
  cancel: 'Stop without showing the numbers',
} as const;

/** The family page: how the numbers moved across meetings. */
export const scalingProgressWords = {
  title: 'Scaling over time',
  none: 'No scaling has been shown in this family’s meetings yet.',
  failed: 'The scaling record could not be loaded.',
  chart: (text: string, meetings: number) =>
    `Chart: how the numbers for “${text}” moved across ${meetings} ${meetings === 1 ? 'meeting' : 'meetings'}.`,
  tableCaption: (text: string) => `Numbers given for “${text}”, meeting by meeting`,
  meeting: 'Meeting',
  numbers: 'Numbers given',
  spread: 'Lowest, middle, highest',
  spreadCell: (lowest: number, middle: number, highest: number) => `${lowest}, ${middle}, ${highest}`,
  anonymousNote: '(shown without names)',
} as const;

/** The safety plan: building it, offering, agreeing, "my part", versions. */
export const planWords = {
  title: 'Safety plan',
  rules: 'Plan rules',
  rule: (index: number) => `Rule ${index + 1}`,
  noRules: 'No plan rules yet. Add the first one.',
  addRule: 'Add a plan rule',
  removeRule: (index: number) => `Delete rule ${index + 1}`,
  what: 'What will happen',
  when: 'When (include the hardest times)',
  howWeKnow: 'How everyone will know it is happening',
  who: 'Who',
  nobodyYet: 'Nobody yet',
  removePerson: (name: string, rule: string) => `Take ${name} off ${rule}`,
  addMe: 'Add me',
  addPersonLabel: (rule: string) => `Add a person to ${rule}`,
  addPerson: 'Add',
  personPlaceholder: 'A name',
  fieldOf: (field: string, rule: string) => `${field}, ${rule}`,
  answers: 'Which worries this rule answers',
  answersStatement: (statement: string, rule: string) => `${rule} answers ${statement}`,
  answeredBy: (rules: string) => `Answered by ${rules}`,
  notAnswered: 'No rule answers this yet',
  uncoveredWarning: 'No rule answers these yet:',
  allCovered: 'Every statement has a rule answering it.',
  offer: 'I can do this',
  offerSent: 'You offered to do this. The chair will confirm.',
  offerDeclined: 'The chair did not add you to this one.',
  onThisRule: 'You are on this rule.',
  offers: 'Offers to help',
  offerFrom: (name: string, rule: string) => `${name} offers to do ${rule}`,
  confirm: 'Confirm',
  decline: 'Decline',
  noOffers: 'No offers waiting.',
  contingency: 'If the plan cannot be followed (contingency plan)',
  safetyObject: 'Safety object',
  fireDrills: 'Fire drills (practising the plan)',
  fireDrill: (index: number) => `Fire drill ${index + 1}`,
  addFireDrill: 'Add a fire drill',
  drillWhat: 'What will be practised',
  drillWhen: 'When',
  trajectory: 'Trajectory (steps and review dates to closing the case)',
  trajectoryStep: (index: number) => `Step ${index + 1}`,
  addTrajectoryStep: 'Add a step',
  step: 'Step',
  reviewDate: 'Review date',
  nextSteps: 'Next steps',
  nextStep: (index: number) => `Next step ${index + 1}`,
  addNextStep: 'Add a next step',
  byWhen: 'By when',
  remove: 'Delete',
  removeItem: (item: string) => `Delete ${item}`,
  locked: 'The plan is locked while everyone says whether they agree.',
  agreedLocked: 'This plan is agreed. The chair can reopen it to change it.',
} as const;

export const agreementWords = {
  title: 'Agreeing the plan',
  start: 'Ask everyone to agree',
  finalise: 'Finalise the agreed plan',
  reopen: 'Reopen the plan for changes',
  amend: 'Amend the plan (makes a new version)',
  stage: { drafting: 'Being built', agreeing: 'Everyone is being asked', agreed: 'Agreed' } as Record<
    string,
    string
  >,
  question: 'Do you agree with this plan, and do you understand your part in it?',
  yes: 'Yes, I agree',
  no: 'No, I do not agree',
  reasonLabel: 'Please say why you do not agree',
  sendNo: 'Send my answer',
  answeredYes: 'You said you agree. Thank you.',
  answeredNo: (reason: string) => `You said you do not agree: “${reason}”`,
  change: 'Change my answer',
  answers: 'Answers',
  noAnswers: 'No answers yet.',
  agrees: 'agrees',
  disagrees: 'does not agree',
  answerOf: (name: string, agrees: boolean, reason?: string) =>
    `${name} ${agrees ? 'agrees' : 'does not agree'}${reason ? `: “${reason}”` : ''}`,
  agreedVersion: (version: number) => `Agreed plan, version ${version}`,
  uncoveredFirst: 'Before agreeing: some statements have no rule answering them.',
} as const;

export const myPartWords = {
  title: 'My part',
  nothing: 'Nothing in the plan names you yet.',
  rules: 'Rules you are part of',
  drills: 'Fire drills you are part of',
  steps: 'Next steps for you',
  when: (when: string) => `When: ${when}`,
  howWeKnow: (how: string) => `How everyone will know: ${how}`,
  byWhen: (when: string) => `By: ${when}`,
} as const;

export const planVersionWords = {
  title: 'Agreed plans',
  none: 'No plan has been agreed yet.',
  version: (meeting: string, date: string, version: number) => `${meeting} (${date}), version ${version}`,
  agreedAt: (when: string) => `Agreed ${when}`,
  people: (count: number) => `${count} ${count === 1 ? 'person' : 'people'} took part`,
  compareWith: 'Compare with the one before',
  noChanges: 'Nothing changed.',
  change: { added: 'Added', changed: 'Changed', removed: 'Removed' } as Record<string, string>,
  part: {
    statements: 'Statement',
    bottomLines: 'Bottom line',
    rules: 'Plan rule',
    fireDrills: 'Fire drill',
    nextSteps: 'Next step',
    trajectory: 'Trajectory step',
    notes: 'Plan note',
    cards: 'Card',
  } as Record<string, string>,
  answers: (agreeing: number, total: number) => `${agreeing} of ${total} agreed`,
} as const;
