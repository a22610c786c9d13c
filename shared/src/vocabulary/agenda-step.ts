import * as z from 'zod/mini';
import { columnIds, domainIds } from './domains.ts';

/**
 * One step of a meeting's agenda. The kind tells the chair's screen what to show when the step
 * is current (a map section, the statement/goal pairs, a scaling round...). Titles are
 * vocabulary-neutral ("Worries and goals", not "Danger statements") because they are stored
 * on the board: switching vocabulary must relabel the map without rewriting the agenda.
 */
export const agendaStepKinds = [
  'purpose',
  'childsVoice',
  'mapSection',
  'statementsAndGoals',
  'safetyJournal',
  'scaling',
  'plan',
  'testing',
  'bottomLines',
  'agreement',
  'nextSteps',
  'custom',
] as const;
export type AgendaStepKind = (typeof agendaStepKinds)[number];

/** What a step brings onto everyone's screen: a whole column or one domain of the map. */
export const agendaFocusSchema = z.union([
  z.strictObject({ column: z.enum(columnIds) }),
  z.strictObject({ domain: z.enum(domainIds) }),
]);
export type AgendaFocus = z.infer<typeof agendaFocusSchema>;

export const maxAgendaTitleLength = 120;

export const agendaStepIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/));

export const agendaStepSchema = z
  .object({
    id: agendaStepIdSchema,
    title: z.string().check(z.trim(), z.minLength(1), z.maxLength(maxAgendaTitleLength)),
    kind: z.enum(agendaStepKinds),
    focus: z.optional(agendaFocusSchema),
    skipped: z.boolean(),
  })
  .check(
    z.refine((step) => step.kind !== 'mapSection' || step.focus !== undefined, {
      message: 'a map section step says which column or domain it shows',
      path: ['focus'],
    }),
  );
export type AgendaStep = z.infer<typeof agendaStepSchema>;

/** A step as the meeting-type table writes it: not skipped unless it says so. */
export type AgendaStepTemplate = Omit<AgendaStep, 'skipped'> & { skipped?: boolean };
