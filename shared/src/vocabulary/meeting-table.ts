import type { MeetingTypeRow } from './meeting-type-shape.ts';

/**
 * The primer's meeting table and seed 001 (section 5), as data. Each agenda lists standard step
 * ids in the order the practice describes "what happens"; `titles` gives a step this meeting's
 * own words.
 */
export const meetingTable: readonly MeetingTypeRow[] = [
  {
    id: 'family-network-meeting',
    name: 'Family Network Meeting',
    service: 'Assessment, child in need, child protection',
    purpose: 'The family and the people around them make a plan to keep the children safe.',
    defaultVocabulary: 'safety',
    agenda:
      'purpose worries-and-goals working-well scaling plan-rules testing-the-plan bottom-lines agreement next-steps',
    // Seed 001, the assessment teams' bottom lines [DUE1].
    timescales: [
      {
        kind: 'first',
        within: { count: 10, unit: 'days' },
        from: 'family-added',
        handbook:
          "Family Network Meetings will take place within 10 days of an assessment being started where the initial visit has confirmed worries about the child or young person's safety.",
      },
    ],
  },
  {
    id: 'rapid-family-network-meeting',
    name: 'Rapid Family Network Meeting',
    service: 'Emergency, same day',
    purpose: 'A plan for the next few days: who will do what, and when, about the worries right now.',
    defaultVocabulary: 'safety',
    agenda: 'purpose worries plan-rules bottom-lines agreement next-steps',
    titles: {
      worries: 'The worries right now',
      'plan-rules': 'Who does what, and when, for the next few days',
    },
  },
  {
    id: 'review-family-network-meeting',
    name: 'Review Family Network Meeting',
    service: 'Ongoing work with the family',
    purpose: 'We look at how the plan has gone, what went well and any worries about it.',
    defaultVocabulary: 'safety',
    agenda:
      'purpose worries-and-goals safety-journal working-well worries-about-the-plan scaling agreement next-steps',
    titles: {
      'worries-and-goals': 'The danger statements and safety goals, as they are now',
      'working-well': 'What went well, and how you did it',
    },
  },
  {
    id: 'core-group-meeting',
    name: 'Core Group Meeting',
    service: 'Child protection plan',
    purpose: 'We check how the child protection plan is going and what needs to change.',
    defaultVocabulary: 'safety',
    agenda:
      'purpose worries-and-goals scaling safety-journal plan-rules testing-the-plan agreement next-steps',
    titles: {
      scaling: 'Scaling: how far has the plan come?',
      'safety-journal': 'The safety journal and safety objects',
      'plan-rules': 'The plan: what needs to change',
      'testing-the-plan': 'Does the plan still hold at the hardest times?',
    },
  },
  {
    id: 'team-around-the-family',
    name: 'Team Around the Family',
    service: 'Early help',
    purpose: 'The family and the people helping them check the family plan together.',
    defaultVocabulary: 'wellbeing',
    agenda: 'purpose worries-and-goals scaling plan-rules agreement next-steps',
    titles: { 'plan-rules': 'The family plan' },
    // Seed 001, "Team Around the Family (TAF) Meetings" [DUE1].
    timescales: [
      {
        kind: 'first',
        within: { count: 6, unit: 'days' },
        from: 'family-added',
        handbook:
          'When an Early Help Assessment confirms that there are worries about a child or young person, a TAF meeting will be arranged within 6 days of it being allocated to a family worker and is attended by people who are connected to the family.',
      },
    ],
  },
  {
    id: 'care-team-meeting',
    name: 'Care Team Meeting',
    service: 'Child in need, children looked after',
    purpose: 'We check how the plan is going and update the map together.',
    defaultVocabulary: 'wellbeing',
    agenda: 'purpose worries-and-goals scaling worries working-well needs-to-happen agreement next-steps',
    titles: { worries: 'What we are worried about now' },
  },
  {
    id: 'looked-after-review',
    name: 'Looked-after review',
    service: 'Children in care',
    purpose: "The young person's own meeting about how things are going and what they want next.",
    defaultVocabulary: 'success',
    agenda: 'purpose childs-voice worries-and-goals working-well scaling plan-rules agreement next-steps',
    titles: {
      purpose: 'Welcome: whose meeting this is',
      scaling: 'Scaling, with everyone including the young person',
      'plan-rules': 'Changes to the care plan',
    },
  },
  {
    id: 'young-persons-network-meeting',
    name: "Young person's network meeting",
    service: 'Young people aged 14 and over, care leavers',
    purpose: 'The young person and their network check how life is going and plan for each worry.',
    defaultVocabulary: 'success',
    agenda: 'purpose scaling worries-and-goals plan-rules agreement next-steps',
    titles: { scaling: 'How on track is life, 0 to 10?', 'plan-rules': 'A plan for each worry' },
  },
  {
    id: 'transfer-meeting',
    name: 'Transfer meeting',
    service: 'A new worker takes over',
    purpose: 'The family meets the new worker and we walk through where things are.',
    defaultVocabulary: 'safety',
    agenda: 'purpose worries-and-goals scaling bottom-lines agreement next-steps',
    titles: { 'next-steps': 'Next steps and timescales' },
  },
  // Seed 001, "During a Child Protection Conference (Initial or Review)": the child's voice, the
  // worries with the strengths and safety, the draft statements, scaling, the plan tested "at
  // trigger times and stress points", and the bottom lines the social worker sets.
  {
    id: 'child-protection-conference',
    name: 'Initial child protection conference',
    service: 'Child protection',
    purpose: 'We agree the worries, the goals and the plan that will keep the children safe.',
    defaultVocabulary: 'safety',
    agenda:
      'purpose childs-voice worries working-well worries-and-goals scaling plan-rules testing-the-plan bottom-lines agreement next-steps',
    titles: {
      'childs-voice': 'What the children have said',
      'testing-the-plan': 'How strong is the plan at trigger times?',
      'bottom-lines': 'Bottom lines: what must happen',
    },
    // Seed 001, "Preparing for an Initial Child Protection Conference (ICPC)" [DUE1].
    timescales: [
      {
        kind: 'before',
        ahead: { count: 3, unit: 'days' },
        task: 'share-reports',
        handbook:
          'Reports will be shared with the family 3 days before the conference, and time will be taken to explain the detail of the report and to answer any questions the family may have.',
      },
    ],
  },
  {
    id: 'review-child-protection-conference',
    name: 'Review child protection conference',
    service: 'Child protection',
    purpose: 'We look at how the child protection plan has gone, and agree what happens now.',
    defaultVocabulary: 'safety',
    agenda:
      'purpose childs-voice safety-journal worries working-well worries-and-goals scaling plan-rules testing-the-plan bottom-lines agreement next-steps',
    titles: {
      'childs-voice': 'What the children have said',
      'safety-journal': 'What has happened since the last conference',
      worries: 'What we are worried about now',
      'testing-the-plan': 'How strong is the plan at trigger times?',
      'bottom-lines': 'Bottom lines: what must still happen',
    },
  },
  // Seed 001, "Hub meeting practice expectations": a worry statement and wellbeing goal shared
  // before the meeting, and the family supported to make their own plan.
  {
    id: 'hub-meeting',
    name: 'Hub meeting',
    service: 'Early help',
    purpose: 'The family and the early help hub agree the worry, the goal and who can help.',
    defaultVocabulary: 'wellbeing',
    agenda: 'purpose worries-and-goals working-well needs-to-happen plan-rules agreement next-steps',
    titles: { 'plan-rules': "The family's own plan" },
  },
  // Seed 001: Child in Need reviews "work out what is working well, what we might still be
  // worried about and what things we might need to change", scaling progress.
  {
    id: 'child-in-need-review',
    name: 'Child in Need review',
    service: 'Child in need',
    purpose: 'We look at what is working well, what still worries us and what needs to change.',
    defaultVocabulary: 'wellbeing',
    agenda:
      'purpose worries-and-goals working-well worries needs-to-happen scaling plan-rules agreement next-steps',
    titles: {
      worries: 'What we might still be worried about',
      'needs-to-happen': 'What we might need to change',
    },
    // Seed 001, "Child in Need Bottom Lines" [DUE1].
    timescales: [
      {
        kind: 'every',
        within: { count: 3, unit: 'months' },
        handbook:
          'A clear safety plan and timeline will be agreed and reviewed at every CiN Review, at least every 3 months, to help us understand how the child or young person is being kept safe.',
      },
    ],
  },
];
