import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { checkBoardRoots, rootsOfPart } from './board-schema.ts';
import {
  addScalingQuestion,
  editScalingQuestion,
  readScalingQuestions,
  removeScalingQuestion,
  scalingQuestionsRoot,
  tieScalingQuestion,
} from './scaling-question.ts';
import { deleteStatementPair, pairStatementWithGoal } from './statement-pair.ts';

describe('scaling questions', () => {
  it('are added in order with their words for 0 and 10', () => {
    const doc = new Y.Doc();
    const first = addScalingQuestion(doc, {
      text: 'How safe are Maisie and Jack at home?',
      zeroMeans: 'They cannot live at home',
      tenMeans: 'Everyone knows they are safe enough for the case to close',
    });
    const second = addScalingQuestion(doc, {
      text: 'How confident are you in the plan?',
      tiedTo: { kind: 'planConfidence' },
    });
    expect(readScalingQuestions(doc)).toEqual([
      expect.objectContaining({
        id: first,
        zeroMeans: 'They cannot live at home',
        tiedTo: { kind: 'standalone' },
      }),
      expect.objectContaining({ id: second, tiedTo: { kind: 'planConfidence' } }),
    ]);
  });

  it('refuse an empty question', () => {
    const doc = new Y.Doc();
    expect(addScalingQuestion(doc, { text: '   ' })).toBeUndefined();
    expect(readScalingQuestions(doc)).toEqual([]);
  });

  it('edit their words and what they are tied to', () => {
    const doc = new Y.Doc();
    const pairId = pairStatementWithGoal(doc, {
      statement: 'Social workers are worried…',
      goal: 'Everyone will know…',
    });
    const id = addScalingQuestion(doc, { text: 'How safe?' })!;
    editScalingQuestion(doc, id, { text: 'How safe is Maisie?', tenMeans: 'Safe enough to close' });
    tieScalingQuestion(doc, id, { kind: 'statementPair', pairId });
    expect(readScalingQuestions(doc)[0]).toMatchObject({
      text: 'How safe is Maisie?',
      tenMeans: 'Safe enough to close',
      tiedTo: { kind: 'statementPair', pairId },
    });
    removeScalingQuestion(doc, id);
    expect(readScalingQuestions(doc)).toEqual([]);
  });

  it('[SCALE1] stand alone when the statement pair they were tied to is removed', () => {
    const doc = new Y.Doc();
    const pairId = pairStatementWithGoal(doc, { statement: 'Worry', goal: 'Goal' });
    const id = addScalingQuestion(doc, { text: 'How safe?', tiedTo: { kind: 'statementPair', pairId } })!;
    deleteStatementPair(doc, pairId);
    expect(readScalingQuestions(doc)).toEqual([
      expect.objectContaining({ id, tiedTo: { kind: 'standalone' } }),
    ]);
  });

  it('[SCALE1] live in the frame document, whose schema the server checks', () => {
    const doc = new Y.Doc();
    addScalingQuestion(doc, { text: 'How safe?' });
    expect(rootsOfPart.frame).toContain(scalingQuestionsRoot);
    expect(checkBoardRoots(doc, 'frame')).toEqual([]);
    expect(checkBoardRoots(doc, 'map')).toEqual([{ root: scalingQuestionsRoot, problem: 'unknown root' }]);
  });
});
