import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { defaultAgenda, meetingTypeIds } from '../vocabulary/meeting-types.ts';
import {
  addCustomStep,
  agendaOf,
  initialiseAgenda,
  moveAgendaStep,
  readAgenda,
  removeCustomStep,
  setAgendaStepSkipped,
} from './agenda.ts';

const ids = (doc: Y.Doc) => readAgenda(doc).map((step) => step.id);

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function fnm(): Y.Doc {
  const doc = new Y.Doc();
  initialiseAgenda(doc, 'family-network-meeting');
  return doc;
}

describe('the agenda', () => {
  it.each(meetingTypeIds)('starts as the default agenda of %s', (typeId) => {
    const doc = new Y.Doc();
    expect(initialiseAgenda(doc, typeId)).toBe(true);
    expect(readAgenda(doc)).toEqual(defaultAgenda(typeId));
  });

  it('is not overwritten by a second initialise unless asked to replace', () => {
    const doc = fnm();
    moveAgendaStep(doc, 'scaling', 0);
    expect(initialiseAgenda(doc, 'core-group-meeting')).toBe(false);
    expect(ids(doc)[0]).toBe('scaling');
    expect(initialiseAgenda(doc, 'core-group-meeting', { replace: true })).toBe(true);
    expect(readAgenda(doc)).toEqual(defaultAgenda('core-group-meeting'));
  });

  it('reorders, skips and adds steps, keeping every step exactly once', () => {
    const doc = fnm();
    const before = ids(doc);
    moveAgendaStep(doc, 'bottom-lines', 1);
    expect(ids(doc).slice(0, 3)).toEqual(['purpose', 'bottom-lines', 'worries-and-goals']);
    setAgendaStepSkipped(doc, 'testing-the-plan', true);
    expect(readAgenda(doc).find((step) => step.id === 'testing-the-plan')?.skipped).toBe(true);
    const added = addCustomStep(doc, 'Words and pictures for Maisie', {
      afterStepId: 'purpose',
      id: 's_words',
    });
    expect(added).toEqual({ ok: true, id: 's_words' });
    expect(ids(doc).slice(0, 3)).toEqual(['purpose', 's_words', 'bottom-lines']);
    expect(ids(doc).sort()).toEqual([...before, 's_words'].sort());
    setAgendaStepSkipped(doc, 'testing-the-plan', false);
    expect(readAgenda(doc).every((step) => !step.skipped)).toBe(true);
  });

  it('refuses an empty title or a duplicate id, as a value', () => {
    const doc = fnm();
    expect(addCustomStep(doc, '   ').ok).toBe(false);
    expect(addCustomStep(doc, 'Again', { id: 'scaling' }).ok).toBe(false);
    expect(addCustomStep(doc, 'x'.repeat(500)).ok).toBe(false);
  });

  it("removes the chair's own steps but only skips the meeting type's", () => {
    const doc = fnm();
    const added = addCustomStep(doc, 'Safety object');
    if (added.ok) removeCustomStep(doc, added.id);
    removeCustomStep(doc, 'scaling');
    expect(ids(doc)).toEqual(defaultAgenda('family-network-meeting').map((step) => step.id));
  });

  it('skips entries it cannot read', () => {
    const doc = fnm();
    const bad = new Y.Map<unknown>();
    bad.set('id', 'broken');
    agendaOf(doc).push([bad]);
    agendaOf(doc).push(['not a step' as unknown as Y.Map<unknown>]);
    expect(ids(doc)).not.toContain('broken');
    expect(readAgenda(doc)).toHaveLength(9);
  });

  it('converges when two screens move, skip and add at once', () => {
    const a = fnm();
    const b = new Y.Doc();
    sync(a, b);
    moveAgendaStep(a, 'scaling', 0);
    moveAgendaStep(b, 'scaling', 8);
    setAgendaStepSkipped(b, 'scaling', true);
    addCustomStep(a, 'From A', { afterStepId: 'purpose', id: 's_a' });
    addCustomStep(b, 'From B', { afterStepId: 'purpose', id: 's_b' });
    sync(a, b);
    expect(readAgenda(a)).toEqual(readAgenda(b));
    expect(ids(a)).toHaveLength(11);
    expect(new Set(ids(a)).size).toBe(11);
    expect(readAgenda(a).find((step) => step.id === 'scaling')?.skipped).toBe(true);
  });

  it('reads one agenda when two screens initialised the same board offline', () => {
    const a = fnm();
    const b = fnm();
    sync(a, b);
    expect(readAgenda(a)).toEqual(defaultAgenda('family-network-meeting'));
    setAgendaStepSkipped(a, 'agreement', true);
    moveAgendaStep(a, 'agreement', 0);
    sync(a, b);
    expect(readAgenda(b)[0]).toMatchObject({ id: 'agreement', skipped: true });
    expect(readAgenda(b)).toHaveLength(9);
  });
});
