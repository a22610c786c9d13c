import type { AgendaStepTemplate } from './agenda-step.ts';

/**
 * The steps meetings share, so a step keeps one id and one title from meeting to meeting; a
 * meeting type picks them in its own order and may give one its own title.
 */
export const standardSteps = {
  purpose: { title: 'Why we are here', kind: 'purpose' },
  'childs-voice': { title: 'What the young person wants to say', kind: 'childsVoice' },
  worries: { title: 'What we are worried about', kind: 'mapSection', focus: { column: 'worries' } },
  'worries-and-goals': { title: 'Worries and goals', kind: 'statementsAndGoals' },
  'working-well': { title: "What's working well", kind: 'mapSection', focus: { column: 'workingWell' } },
  'needs-to-happen': {
    title: 'What needs to happen',
    kind: 'mapSection',
    focus: { column: 'needsToHappen' },
  },
  'safety-journal': { title: 'What the safety journal shows', kind: 'safetyJournal' },
  scaling: { title: 'Scaling: where are we now, 0 to 10?', kind: 'scaling' },
  'plan-rules': { title: 'Plan rules: who does what, when', kind: 'plan' },
  'worries-about-the-plan': { title: 'Worries about the plan', kind: 'plan' },
  'testing-the-plan': { title: 'Testing the plan at the hardest times', kind: 'testing' },
  'bottom-lines': { title: 'Bottom lines', kind: 'bottomLines' },
  agreement: { title: 'Do we all agree?', kind: 'agreement' },
  'next-steps': { title: 'Next steps and who gets a copy', kind: 'nextSteps' },
} as const satisfies Record<string, Omit<AgendaStepTemplate, 'id'>>;
export type StandardStepId = keyof typeof standardSteps;

/** A standard step, optionally under the title this meeting gives it. */
export function standardStep(id: StandardStepId, title?: string): AgendaStepTemplate {
  const { focus, ...rest } = standardSteps[id] as Omit<AgendaStepTemplate, 'id'>;
  return { id, ...rest, ...(focus ? { focus: { ...focus } } : {}), ...(title ? { title } : {}) };
}

export function isStandardStepId(value: string): value is StandardStepId {
  return Object.hasOwn(standardSteps, value);
}
