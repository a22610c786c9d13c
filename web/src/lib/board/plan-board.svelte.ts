import {
  editPlanNote,
  fireDrills,
  nextSteps,
  planNotesOf,
  planNoteText,
  planRules,
  planTests,
  readPlanNotes,
  trajectorySteps,
  type FireDrill,
  type NextStep,
  type PlanNoteId,
  type PlanPerson,
  type PlanRule,
  type PlanTest,
  type PlanTestField,
  type TrajectoryStep,
} from '@kinboard/shared';
import * as Y from 'yjs';
import { ownEdit } from './own-edits.ts';

const lists = { rules: planRules, fireDrills, nextSteps, trajectory: trajectorySteps } as const;
export type PlanListName = keyof typeof lists;

/**
 * The plan document (rules, fire drills, next steps, trajectory, contingency plan, safety
 * object) as reactive state, read through the shared typed layer. The plan is small, so every
 * change re-reads it; text fields being typed are bound to their Y.Text separately.
 */
export class PlanBoard {
  rules: PlanRule[] = $state([]);
  fireDrills: FireDrill[] = $state([]);
  nextSteps: NextStep[] = $state([]);
  trajectory: TrajectoryStep[] = $state([]);
  tests: PlanTest[] = $state([]);
  notes: Record<PlanNoteId, string> = $state({ contingency: '', safetyObject: '' });
  readonly doc: Y.Doc;
  readonly #refresh = () => {
    this.rules = planRules.read(this.doc);
    this.fireDrills = fireDrills.read(this.doc);
    this.nextSteps = nextSteps.read(this.doc);
    this.trajectory = trajectorySteps.read(this.doc);
    this.tests = planTests.read(this.doc);
    this.notes = readPlanNotes(this.doc);
  };

  constructor(doc: Y.Doc) {
    this.doc = doc;
    doc.on('afterTransaction', this.#refresh);
    this.#refresh();
  }

  add(list: PlanListName, input: { who?: PlanPerson[]; answers?: string[] } = {}, authorId?: string): string {
    let id = '';
    this.doc.transact(() => (id = lists[list].add(this.doc, input, authorId ? { authorId } : {})), ownEdit);
    return id;
  }

  remove(list: PlanListName, id: string): void {
    this.doc.transact(() => lists[list].remove(this.doc, id), ownEdit);
  }

  text(list: PlanListName, id: string, field: string): Y.Text | undefined {
    const value = lists[list].of(this.doc).get(id)?.get(field);
    return value instanceof Y.Text ? value : undefined;
  }

  write(list: PlanListName, id: string, field: string, next: string): void {
    this.doc.transact(() => (lists[list] as typeof planRules).edit(this.doc, id, { [field]: next }), ownEdit);
  }

  addPerson(list: PlanListName, id: string, person: PlanPerson): void {
    this.doc.transact(() => lists[list].addPerson(this.doc, id, person), ownEdit);
  }

  removePerson(list: PlanListName, id: string, person: PlanPerson): void {
    this.doc.transact(() => lists[list].removePerson(this.doc, id, person), ownEdit);
  }

  setAnswers(ruleId: string, pairId: string, answers: boolean): void {
    this.doc.transact(() => planRules.setAnswers(this.doc, ruleId, pairId, answers), ownEdit);
  }

  /** Marks a day or part of the day a rule matters [PLAN10]. */
  setMoment(ruleId: string, token: string, on: boolean): void {
    this.doc.transact(() => planRules.setMoment(this.doc, ruleId, token, on), ownEdit);
  }

  /** Keeps a test of the plan at a moment, with what the meeting decided [PLAN11]. */
  addTest(
    input: Record<PlanTestField, string> & { who: PlanPerson[]; answers: string[] },
    authorId?: string,
  ): string {
    let id = '';
    this.doc.transact(() => (id = planTests.add(this.doc, input, authorId ? { authorId } : {})), ownEdit);
    return id;
  }

  removeTest(id: string): void {
    this.doc.transact(() => planTests.remove(this.doc, id), ownEdit);
  }

  noteText(note: PlanNoteId): Y.Text | undefined {
    const value = planNotesOf(this.doc).get(note);
    return value instanceof Y.Text ? value : undefined;
  }

  /** Makes the note's shared text if nobody has written it yet (a staff or member screen). */
  ensureNote(note: PlanNoteId): Y.Text {
    let text: Y.Text | undefined;
    this.doc.transact(() => (text = planNoteText(this.doc, note)), ownEdit);
    return text!;
  }

  writeNote(note: PlanNoteId, next: string): void {
    this.doc.transact(() => editPlanNote(this.doc, note, next), ownEdit);
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.#refresh);
  }
}
