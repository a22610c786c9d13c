import {
  addScalingQuestion,
  editScalingQuestion,
  readScalingQuestions,
  removeScalingQuestion,
  tieScalingQuestion,
  type ScalingQuestion,
  type ScalingQuestionInput,
  type ScalingTie,
} from '@kinboard/shared';
import type * as Y from 'yjs';
import { ownEdit } from './own-edits.ts';

/**
 * The scaling questions drafted in the frame document, as reactive state, with the typed
 * operations staff use to write them (the sync server refuses frame edits from anyone else).
 */
export class ScalingQuestions {
  list: ScalingQuestion[] = $state([]);
  readonly #doc: Y.Doc;
  readonly #refresh = () => {
    this.list = readScalingQuestions(this.#doc);
  };

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    doc.on('afterTransaction', this.#refresh);
    this.#refresh();
  }

  add(input: ScalingQuestionInput): string | undefined {
    let id: string | undefined;
    this.#doc.transact(() => (id = addScalingQuestion(this.#doc, input)), ownEdit);
    return id;
  }
  edit(id: string, changes: Partial<Pick<ScalingQuestion, 'text' | 'zeroMeans' | 'tenMeans'>>): void {
    this.#doc.transact(() => editScalingQuestion(this.#doc, id, changes), ownEdit);
  }
  tie(id: string, tie: ScalingTie): void {
    this.#doc.transact(() => tieScalingQuestion(this.#doc, id, tie), ownEdit);
  }
  remove(id: string): void {
    this.#doc.transact(() => removeScalingQuestion(this.#doc, id), ownEdit);
  }

  destroy(): void {
    this.#doc.off('afterTransaction', this.#refresh);
  }
}
