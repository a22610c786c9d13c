import * as Y from 'yjs';
import { agendaStepSchema, maxAgendaTitleLength, type AgendaStep } from '../vocabulary/agenda-step.ts';
import { defaultAgenda, type MeetingTypeId } from '../vocabulary/meeting-types.ts';
import { byPosition, positionWrites, spreadPositions } from './position.ts';

/**
 * The meeting's agenda: root Y.Array `agenda` of Y.Map { id, title, kind, focus?, skipped,
 * position }. Order is the `position` field, not the array order, because Yjs arrays cannot
 * move an item: a move would be delete-and-copy, and two people moving one step at once would
 * leave two copies (and a skip made meanwhile would be lost). Which step is current is decided
 * by the server and lives in the meeting's live state, not here.
 */
export const agendaRoot = 'agenda';

type StepMap = Y.Map<unknown>;

export function agendaOf(doc: Y.Doc): Y.Array<StepMap> {
  return doc.getArray<StepMap>(agendaRoot);
}

interface StoredStep extends AgendaStep {
  position: string;
  entries: StepMap[];
}

/**
 * Every valid step once, in order, with the Y.Maps that hold it. Two copies of one id (two
 * screens initialised the same board offline) read as one; invalid entries are skipped.
 */
function storedSteps(doc: Y.Doc): StoredStep[] {
  const steps = new Map<string, StoredStep>();
  for (const entry of agendaOf(doc)) {
    if (!(entry instanceof Y.Map)) continue;
    const parsed = agendaStepSchema.safeParse(entry.toJSON());
    const position = entry.get('position');
    if (!parsed.success || typeof position !== 'string') continue;
    const seen = steps.get(parsed.data.id);
    if (seen) seen.entries.push(entry);
    else steps.set(parsed.data.id, { ...parsed.data, position, entries: [entry] });
  }
  return [...steps.values()].sort(byPosition);
}

export function readAgenda(doc: Y.Doc): AgendaStep[] {
  return storedSteps(doc).map(({ position: _position, entries: _entries, ...step }) => step);
}

function stepMap(step: AgendaStep, position: string): StepMap {
  const map: StepMap = new Y.Map();
  for (const [key, value] of Object.entries(step)) if (value !== undefined) map.set(key, value);
  map.set('position', position);
  return map;
}

function writePositions(steps: StoredStep[], writes: [string, string][]): void {
  for (const [id, position] of writes)
    for (const entry of steps.find((step) => step.id === id)?.entries ?? []) entry.set('position', position);
}

/**
 * Fills an empty agenda from the meeting type. Does nothing (and returns false) if the board
 * already has one, unless `replace` is set: a new meeting carried forward from the last agreed
 * board takes its own type's agenda.
 */
export function initialiseAgenda(
  doc: Y.Doc,
  typeId: MeetingTypeId,
  options: { replace?: boolean } = {},
): boolean {
  const agenda = agendaOf(doc);
  if (agenda.length > 0 && !options.replace) return false;
  const steps = defaultAgenda(typeId);
  doc.transact(() => {
    agenda.delete(0, agenda.length);
    const positions = spreadPositions(steps.length);
    agenda.push(steps.map((step, i) => stepMap(step, positions[i]!)));
  });
  return true;
}

/** Moves a step to `toIndex` of the agenda as read (skipped steps count). */
export function moveAgendaStep(doc: Y.Doc, stepId: string, toIndex: number): void {
  const steps = storedSteps(doc);
  if (!steps.some((step) => step.id === stepId)) return;
  doc.transact(() => writePositions(steps, positionWrites(steps, stepId, toIndex)));
}

export function setAgendaStepSkipped(doc: Y.Doc, stepId: string, skipped: boolean): void {
  const step = storedSteps(doc).find((each) => each.id === stepId);
  if (!step) return;
  doc.transact(() => {
    for (const entry of step.entries) entry.set('skipped', skipped);
  });
}

export type AddStepResult = { ok: true; id: string } | { ok: false; error: string };

/** Adds the chair's own step after `afterStepId`, or at the end. */
export function addCustomStep(
  doc: Y.Doc,
  title: string,
  options: { afterStepId?: string; id?: string } = {},
): AddStepResult {
  const id = options.id ?? `s_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const parsed = agendaStepSchema.safeParse({ id, title, kind: 'custom', skipped: false });
  if (!parsed.success)
    return { ok: false, error: `a step needs a title of 1 to ${maxAgendaTitleLength} characters` };
  const steps = storedSteps(doc);
  if (steps.some((step) => step.id === id)) return { ok: false, error: 'that step is already on the agenda' };
  const after = steps.findIndex((step) => step.id === options.afterStepId);
  const writes = positionWrites(steps, id, after < 0 ? steps.length : after + 1);
  doc.transact(() => {
    writePositions(steps, writes);
    agendaOf(doc).push([stepMap(parsed.data, writes.find(([each]) => each === id)![1])]);
  });
  return { ok: true, id };
}

/** Removes a step the chair added. The meeting type's own steps are skipped, never removed. */
export function removeCustomStep(doc: Y.Doc, stepId: string): void {
  const step = storedSteps(doc).find((each) => each.id === stepId);
  if (step?.kind !== 'custom') return;
  const agenda = agendaOf(doc);
  doc.transact(() => {
    for (let i = agenda.length - 1; i >= 0; i--)
      if (step.entries.includes(agenda.get(i))) agenda.delete(i, 1);
  });
}
