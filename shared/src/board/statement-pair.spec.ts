import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  deleteStatementPair,
  editGoal,
  editStatement,
  moveStatementPair,
  pairStatementWithGoal,
  readStatementPairs,
  setStatementPairDraft,
  statementPairsOf,
} from './statement-pair.ts';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const drinking = {
  whoIsWorried: 'Tom, Rita and Pat',
  behaviour: 'when Dani drinks a lot in the evening she falls asleep',
  impactOnChild: 'Jack could leave the flat again and be hurt',
  statement: 'Tom, Rita and Pat are worried that when Dani drinks a lot in the evening she falls asleep.',
  goal: 'There is always a sober adult looking after Maisie and Jack in the evening and at night.',
};
const handover = {
  statement: 'Tom and Lee are worried about shouting at handover.',
  goal: 'Handovers happen at Nan’s.',
};

/** Every entry in the root, read or not, must have a statement: there is no orphan goal. */
function expectNoOrphanGoal(doc: Y.Doc): void {
  const readable = new Set(readStatementPairs(doc).map((pair) => pair.id));
  for (const [id, entry] of statementPairsOf(doc).entries())
    if (entry instanceof Y.Map && entry.has('goal')) expect(readable.has(id), id).toBe(true);
}

describe('statement and goal pairs', () => {
  it('creates a statement and its goal as one record', () => {
    const doc = new Y.Doc();
    const id = pairStatementWithGoal(doc, drinking, { id: 'sp_1', now: 5 });
    expect(readStatementPairs(doc)).toEqual([
      { id, ...drinking, position: expect.any(String), createdAt: 5, draft: true },
    ]);
    expect(statementPairsOf(doc).get(id)?.get('goal')).toBeInstanceOf(Y.Text);
  });

  it('edits the statement, its parts and the goal, and agrees a draft', () => {
    const doc = new Y.Doc();
    const id = pairStatementWithGoal(doc, handover);
    editStatement(doc, id, {
      statement: 'Tom and Lee are worried about shouting at handovers.',
      whoIsWorried: 'Tom and Lee',
    });
    editGoal(doc, id, 'Handovers happen at Nan’s house with Nan there.');
    setStatementPairDraft(doc, id, false);
    expect(readStatementPairs(doc)[0]).toMatchObject({
      statement: 'Tom and Lee are worried about shouting at handovers.',
      whoIsWorried: 'Tom and Lee',
      goal: 'Handovers happen at Nan’s house with Nan there.',
      draft: false,
    });
  });

  it('refuses input that would leave a statement without a goal', () => {
    const doc = new Y.Doc();
    expect(() => pairStatementWithGoal(doc, { statement: 'Only a worry' } as never)).toThrow();
    expect(readStatementPairs(doc)).toEqual([]);
  });

  it('deletes the statement and its goal together', () => {
    const doc = new Y.Doc();
    const id = pairStatementWithGoal(doc, drinking);
    pairStatementWithGoal(doc, handover);
    deleteStatementPair(doc, id);
    expect(readStatementPairs(doc).map((pair) => pair.statement)).toEqual([handover.statement]);
    expectNoOrphanGoal(doc);
  });

  it('reorders pairs', () => {
    const doc = new Y.Doc();
    pairStatementWithGoal(doc, drinking, { id: 'sp_a' });
    pairStatementWithGoal(doc, handover, { id: 'sp_b' });
    moveStatementPair(doc, 'sp_b', 0);
    expect(readStatementPairs(doc).map((pair) => pair.id)).toEqual(['sp_b', 'sp_a']);
  });

  it('never reads a goal without its statement, and repairs a missing goal when edited', () => {
    const doc = new Y.Doc();
    const orphan = new Y.Map<unknown>();
    orphan.set('goal', new Y.Text('A goal with no worry'));
    statementPairsOf(doc).set('sp_orphan', orphan);
    const noGoal = new Y.Map<unknown>();
    noGoal.set('statement', 'A worry written as plain text');
    statementPairsOf(doc).set('sp_nogoal', noGoal);
    statementPairsOf(doc).set('sp_junk', 'junk' as unknown as Y.Map<unknown>);
    expect(readStatementPairs(doc)).toEqual([
      expect.objectContaining({
        id: 'sp_nogoal',
        statement: 'A worry written as plain text',
        goal: '',
        draft: true,
      }),
    ]);
    editGoal(doc, 'sp_orphan', 'ignored');
    editGoal(doc, 'sp_nogoal', 'A goal for it');
    expect(readStatementPairs(doc).map((pair) => pair.goal)).toEqual(['A goal for it']);
    expect(noGoal.get('goal')).toBeInstanceOf(Y.Text);
  });

  it('converges when two people edit, add and delete at once, leaving no orphan goal', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const first = pairStatementWithGoal(a, drinking);
    const second = pairStatementWithGoal(a, handover);
    sync(a, b);
    editGoal(a, first, `${drinking.goal} Pat checks in by phone.`);
    editStatement(b, first, { statement: `Everyone is worried. ${drinking.statement}` });
    deleteStatementPair(a, second);
    editGoal(b, second, 'Edited while it was being deleted');
    pairStatementWithGoal(b, {
      statement: 'Maisie is late for school.',
      goal: 'Maisie gets to school on time.',
    });
    sync(a, b);
    expect(readStatementPairs(a)).toEqual(readStatementPairs(b));
    expect(readStatementPairs(a).map((pair) => pair.id)).not.toContain(second);
    expect(readStatementPairs(a)[0]).toMatchObject({
      statement: `Everyone is worried. ${drinking.statement}`,
      goal: `${drinking.goal} Pat checks in by phone.`,
    });
    expect(readStatementPairs(a)).toHaveLength(2);
    expectNoOrphanGoal(a);
    expectNoOrphanGoal(b);
  });
});
