import type { DrawingCanvas } from '../drawing/drawing-canvas.ts';

/**
 * Every word Kinboard writes inside an exported file: headings, labels, the lines under a
 * title, page numbers, drawing titles and file names. English only for now: the files are made
 * on the server, which has no message catalogue, so a translation of the exports starts here
 * and nowhere else. The practice's own nouns (danger statement or worry statement, bottom line)
 * come from the meeting's vocabulary, not from here. Keep sentences whole, with their inputs as
 * arguments, so a translation can put the words in its own order.
 */

/** "Hollis" from "Hollis family" or "Hollis": the family's name as "the Hollis family" wants it. */
const surname = (family: string) => family.replace(/ family$/i, '');

export const exportWords = {
  /** The language the files are written in: PDF metadata, and how dates are spelt out. */
  language: 'en-GB',
  /** The list a rule, fire drill, next step or trajectory step shows under its main text. */
  entry: {
    who: 'Who',
    when: 'When',
    howWeKnow: 'How we will know',
    answers: 'Answers',
    byWhen: 'By when',
    reviewDate: 'Review date',
    writtenBy: 'Written by',
    matters: 'When it matters',
    triggers: 'Triggers and stress points',
    howOften: 'How often',
    days: {
      mon: 'Monday',
      tue: 'Tuesday',
      wed: 'Wednesday',
      thu: 'Thursday',
      fri: 'Friday',
      sat: 'Saturday',
      sun: 'Sunday',
    },
    parts: {
      morning: 'morning (6am to noon)',
      afternoon: 'afternoon (noon to 5pm)',
      evening: 'evening (5pm to 10pm)',
      night: 'night (10pm to 6am)',
    },
    /** "Danger statements 1, 2": the statements a rule answers, by their number in the plan. */
    statementsNumbered: (noun: string, numbers: readonly number[]) => `${noun} ${numbers.join(', ')}`,
  },
  /** Who wrote something, as the server recorded them: "Pat Hollis (Nan)" [FIRST3]. */
  credit: (name: string, relationship?: string) => (relationship ? `${name} (${relationship})` : name),
  /** Names, numbers or values in a run: "Pat Hollis, Sam Okoro". */
  listOf: (parts: readonly string[]) => parts.join(', '),
  /** "Danger statements and safety goals", from the meeting's own nouns. */
  statementsAndGoals: (statements: string, goals: string) => `${statements} and ${goals}`,

  familyPlan: {
    title: (family: string) => `The plan for the ${surname(family)} family`,
    agreedAt: (meetingType: string, date: string) => `Agreed at the ${meetingType.toLowerCase()} on ${date}.`,
    version: (version: number, review: string) =>
      `Version ${version}.${review ? ` Next review: ${review}.` : ''}`,
    statementsIntro: 'What everyone is worried about, and what we want to see instead.',
    familyWords: "In the family's own words",
    saidBy: 'Said by',
    bottomLinesIntro: 'These must happen, whatever else changes.',
    rules: 'Who does what and when',
    fireDrills: 'Practising the plan',
    contingency: 'If the plan cannot be followed',
    safetyObject: 'Our safety object',
    nextSteps: 'Next steps',
    review: 'When we look at the plan again',
    nextReviewIs: (review: string) => `The next review is ${review}.`,
  },

  caseRecord: {
    title: (meetingType: string, family: string) => `${meetingType}: ${family}`,
    recordOf: (framework: string, date: string) => `${framework} record of the plan agreed on ${date}.`,
    meeting: 'Meeting',
    meetingType: 'Meeting type',
    date: 'Date',
    planVersion: 'Plan version',
    agreed: 'Agreed',
    agreedAtUtc: (time: string) => `${time} UTC`,
    keptBy: 'Agreed version kept by',
    framework: 'Framework',
    attendees: 'Attendees',
    role: 'Role',
    whoIsWorried: 'Who is worried',
    whatTheyWorryAbout: 'What they are worried about',
    impactOnChild: 'Impact on the child',
    scaling: 'Scaling',
    zeroMeans: '0 means',
    tenMeans: '10 means',
    revealed: 'Revealed',
    numbers: 'Numbers',
    anonymous: 'Anonymous',
    namedPerson: (name: string, role: string | undefined) => (role ? `${name} (${role})` : name),
    point: (value: number, reason: string | undefined) => (reason ? `${value}: ${reason}` : String(value)),
    rules: 'Plan rules',
    fireDrills: 'Fire drills',
    contingency: 'Contingency plan',
    safetyObject: 'Safety object',
    nextSteps: 'Next steps',
    review: 'Trajectory and review dates',
    agreement: 'Agreement',
    agrees: 'Agrees and understands their part',
    yes: 'Yes',
    no: 'No',
    reason: 'Reason',
    decision: 'What the meeting decided',
    nextMeeting: (date: string) => `Next meeting: ${date}.`,
    /** A column of the map, as the meeting's vocabulary names it. */
    mapColumn: (column: string) => `The map: ${column}`,
    writtenBy: 'Written by',
    /** A card sent before the meeting by someone who could not come [PRIOR4]. */
    sentBeforeBy: 'Sent before the meeting by',
    /** The views sent before the meeting and brought in, with their scaling numbers [PRIOR5]. */
    sentBefore: 'Sent before the meeting by people who could not come',
    sentAt: 'Sent',
    broughtIn: 'Brought into the meeting',
    fromViewOf: 'Point of view',
    childsWords: "In the child's own words",
    childsWordsIntro: 'Written down as the child said it, not changed.',
    planTests: 'The plan tested at the hardest times',
    namedThen: 'Who the plan names then',
    leftWithNobody: 'Left with nobody',
    testDecision: 'What the meeting decided',
    essentials: 'Agreed without',
    essentialsIntro: 'The plan was agreed without these, for the reason the chair gave.',
    uncoveredStatements: (noun: string, numbers: readonly number[]) =>
      `No rule answers ${noun} ${numbers.join(', ')}`,
    scalingWithoutEnds: (question: string) =>
      `The scaling question "${question}" does not say what 0 and 10 mean`,
    noContingency: 'There is no contingency plan',
    chairsReason: "The chair's reason",
  },

  myPart: {
    title: (person: string) => `My part in the plan: ${person}`,
    planOf: (family: string, date: string) => `The ${surname(family)} family's plan, agreed on ${date}.`,
    nextReview: (review: string) => `Next review: ${review}.`,
    rules: 'What I do',
    fireDrills: 'Practising the plan',
    nextSteps: 'Next steps',
  },

  /** The safety journal since the last meeting, in the case record [PASS11]. */
  journal: {
    heading: 'The safety journal since the last meeting',
    intro:
      'Written by the family’s network on their phones between meetings, each as the server recorded who wrote it and when.',
    writtenBy: 'Written by',
    writtenAt: 'Written',
    happenedOn: 'Happened on',
    whoWasThere: 'Who was there',
    planHeld: 'How the plan held',
    held: { held: 'The plan held', partly: 'The plan partly held', 'not-held': 'The plan did not hold' },
    rule: 'Rule',
    readBy: 'Read by',
    reply: (name: string, date: string) => `Reply from ${name}, ${date}`,
    author: (name: string, relationship: string) => `${name} (${relationship})`,
    readOn: (name: string, date: string) => `${name}, ${date}`,
  },

  drawings: {
    heading: 'Drawings',
    /** Each canvas's name; screens show `drawing_canvas_*` from the catalogue, kept equal to these. */
    titles: {
      genogram: 'Genogram and safety circles',
      houses: 'Three houses',
      story: 'Words and pictures',
    } satisfies Record<DrawingCanvas, string>,
    /** Under the titles in Markdown and plain text, which carry no pictures. */
    picturesElsewhere: "The pictures are in the Word record and in the family's plan (PDF).",
    /** In place of a picture whose kept image cannot be read (PDF and Word). */
    unreadable: 'This drawing could not be read, so it is left out. Drawing on it again will bring it back.',
  },

  /** In each PDF page's footer. */
  pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,

  /** What a downloaded file is called, before the family, version and date are added. */
  fileNames: {
    plan: 'plan',
    planForPhones: 'plan-for-phones',
    record: 'record',
    myPart: (person: string) => `my-part-${person}`,
    myPartForPhones: (person: string) => `my-part-${person}-for-phones`,
  },

  /** The email that carries copies of an agreed plan [COPY3]; the files are attached, never in the text. */
  copyMail: {
    subject: (family: string, version: number, date: string) =>
      `Your copy of the ${family} plan (version ${version}, agreed at the meeting on ${date})`,
    greeting: (name: string) => `Dear ${name},`,
    attached: 'Attached is your copy of:',
    familyPlan: "the family's plan",
    myPart: (person: string) => `what the plan asks of ${person}`,
    sentBy: (staff: string) => `Sent by ${staff} through Kinboard. Please keep it somewhere safe.`,
  },
} as const;
