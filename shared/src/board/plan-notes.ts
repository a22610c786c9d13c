import * as Y from 'yjs';
import { maxPlanTextLength } from './plan-entry.ts';
import { readText, replaceText } from './text-edit.ts';

/**
 * The plan's single texts: the contingency plan (what happens if the plan cannot be followed)
 * and the safety object (what it is, where it is kept, what it means when it is moved).
 * Root Y.Map `planNotes` in the `plan` document: note -> Y.Text.
 */
export const planNotesRoot = 'planNotes';
export const planNoteIds = ['contingency', 'safetyObject'] as const;
export type PlanNoteId = (typeof planNoteIds)[number];

export function planNotesOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(planNotesRoot);
}

/** The note's shared text, created on first use. */
export function planNoteText(doc: Y.Doc, note: PlanNoteId): Y.Text {
  const notes = planNotesOf(doc);
  const value = notes.get(note);
  if (value instanceof Y.Text) return value;
  const text = new Y.Text(readText(value) ?? '');
  notes.set(note, text);
  return text;
}

export function editPlanNote(doc: Y.Doc, note: PlanNoteId, next: string): void {
  doc.transact(() => replaceText(planNoteText(doc, note), next.slice(0, maxPlanTextLength)));
}

export function readPlanNotes(doc: Y.Doc): Record<PlanNoteId, string> {
  const notes = planNotesOf(doc);
  return {
    contingency: readText(notes.get('contingency')) ?? '',
    safetyObject: readText(notes.get('safetyObject')) ?? '',
  };
}
