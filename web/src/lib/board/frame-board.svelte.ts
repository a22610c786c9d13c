import {
  addBottomLine,
  addCustomStep,
  moveAgendaStep,
  removeCustomStep,
  setAgendaStepSkipped,
  type AddStepResult,
  boardWords,
  bottomLinesOf,
  deleteStatementPair,
  editBottomLine,
  editGoal,
  editStatement,
  pairStatementWithGoal,
  readAgenda,
  readBoardSettings,
  readBottomLines,
  readStatementPairs,
  removeBottomLine,
  statementPairsOf,
  writeBoardSettings,
  type AgendaStep,
  type BoardSettings,
  type BoardSettingsChange,
  type BottomLine,
  type SettingsResult,
  type StatementPair,
  type Words,
} from '@kinboard/shared';
import * as Y from 'yjs';
import { localiseWords } from '../i18n/practice-words.ts';
import { ownEdit } from './own-edits.ts';

export type PairField = 'whoIsWorried' | 'behaviour' | 'impactOnChild' | 'statement' | 'goal';

/**
 * The frame document (statements and goals, bottom lines, agenda, vocabulary) as reactive
 * state. Every screen reads its words from here, so switching vocabulary relabels them all the
 * moment the change arrives. Lists are rebuilt when entries are added, removed or reordered;
 * texts being typed are bound separately, like cards.
 */
export class FrameBoard {
  words: Words = $state(localiseWords(boardWords(new Y.Doc())));
  settings: BoardSettings = $state({ vocabularyId: 'safety' });
  agenda: AgendaStep[] = $state([]);
  pairs: StatementPair[] = $state([]);
  bottomLines: BottomLine[] = $state([]);
  readonly doc: Y.Doc;
  readonly #onTransaction = (transaction: Y.Transaction) => {
    const changed = [...transaction.changed.keys()];
    // A keystroke in a statement only changes its Y.Text: nothing to re-list.
    if (changed.length > 0 && changed.every((type) => type instanceof Y.Text)) return;
    this.#refresh();
  };

  constructor(doc: Y.Doc) {
    this.doc = doc;
    doc.on('afterTransaction', this.#onTransaction);
    this.#refresh();
  }

  #refresh(): void {
    this.words = localiseWords(boardWords(this.doc));
    this.settings = readBoardSettings(this.doc);
    this.agenda = readAgenda(this.doc);
    this.pairs = readStatementPairs(this.doc);
    this.bottomLines = readBottomLines(this.doc);
  }

  setVocabulary(change: BoardSettingsChange): SettingsResult {
    let result: SettingsResult = { ok: false, error: '' };
    this.doc.transact(() => (result = writeBoardSettings(this.doc, change)), ownEdit);
    return result;
  }

  addPair(): string {
    let id = '';
    this.doc.transact(() => (id = pairStatementWithGoal(this.doc, { statement: '', goal: '' })), ownEdit);
    return id;
  }

  removePair(id: string): void {
    this.doc.transact(() => deleteStatementPair(this.doc, id), ownEdit);
  }

  /** The shared text of a statement, one of its parts or its goal, for a text binding. */
  pairText(id: string, field: PairField): Y.Text | undefined {
    const value = statementPairsOf(this.doc).get(id)?.get(field);
    return value instanceof Y.Text ? value : undefined;
  }

  writePair(id: string, field: PairField, next: string): void {
    this.doc.transact(() => {
      if (field === 'goal') editGoal(this.doc, id, next);
      else editStatement(this.doc, id, { [field]: next });
    }, ownEdit);
  }

  addBottomLine(text: string): string | undefined {
    let id: string | undefined;
    this.doc.transact(() => (id = addBottomLine(this.doc, text)), ownEdit);
    return id;
  }

  bottomLineText(id: string): Y.Text | undefined {
    const value = bottomLinesOf(this.doc).get(id)?.get('text');
    return value instanceof Y.Text ? value : undefined;
  }

  writeBottomLine(id: string, next: string): void {
    this.doc.transact(() => editBottomLine(this.doc, id, next), ownEdit);
  }

  removeBottomLine(id: string): void {
    this.doc.transact(() => removeBottomLine(this.doc, id), ownEdit);
  }

  skipStep(id: string, skipped: boolean): void {
    this.doc.transact(() => setAgendaStepSkipped(this.doc, id, skipped), ownEdit);
  }

  /** Moves a step one place up (-1) or down (1); false if it is already at that end. */
  shiftStep(id: string, direction: 1 | -1): boolean {
    const index = this.agenda.findIndex((step) => step.id === id);
    const target = index + direction;
    if (index < 0 || target < 0 || target >= this.agenda.length) return false;
    this.doc.transact(() => moveAgendaStep(this.doc, id, target), ownEdit);
    return true;
  }

  addStep(title: string, afterStepId?: string): AddStepResult {
    let result: AddStepResult = { ok: false, error: '' };
    this.doc.transact(
      () => (result = addCustomStep(this.doc, title.trim(), afterStepId ? { afterStepId } : {})),
      ownEdit,
    );
    return result;
  }

  removeStep(id: string): void {
    this.doc.transact(() => removeCustomStep(this.doc, id), ownEdit);
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.#onTransaction);
  }
}
