import { closeCodes, fireDrills, planNotesRoot, planRules } from '@kinboard/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { judgeWrite } from './write-permission.ts';

/** What `change` sends from a phone, judged for the writer; applied to the server when let through. */
function send(server: Y.Doc, screen: Y.Doc, change: (doc: Y.Doc) => void, participant = 'guest:ann') {
  const before = Y.encodeStateVector(server);
  change(screen);
  const update = Y.encodeStateAsUpdate(screen, before);
  const verdict = judgeWrite(Y.decodeUpdate(update), server, 'plan', { participant, role: 'family' });
  if (!verdict) Y.applyUpdate(server, update);
  return verdict;
}

function plan() {
  const server = new Y.Doc();
  const staffRule = planRules.add(server, { what: 'Nan walks them to school' }, { authorId: 'staff:sam' });
  const screen = new Y.Doc();
  Y.applyUpdate(screen, Y.encodeStateAsUpdate(server));
  return { server, screen, staffRule };
}

const refused = { code: closeCodes.forbidden, reason: expect.any(String) };

describe('[FIRST9] who made a plan entry', () => {
  it('lets a guest add a rule as themselves and edit anyone’s rule', () => {
    const { server, screen, staffRule } = plan();
    expect(
      send(server, screen, (doc) => planRules.add(doc, { what: 'Mine' }, { authorId: 'guest:ann' })),
    ).toBe(undefined);
    expect(send(server, screen, (doc) => planRules.edit(doc, staffRule, { what: 'Nan and Mum walk' }))).toBe(
      undefined,
    );
    expect(planRules.read(server).map((rule) => rule.authorId)).toEqual(['staff:sam', 'guest:ann']);
  });

  it('refuses a rule or fire drill credited to someone else, or to nobody', () => {
    const { server, screen } = plan();
    expect(
      send(server, screen, (doc) => planRules.add(doc, { what: 'Forged' }, { authorId: 'guest:dani' })),
    ).toEqual(refused);
    const fresh = plan();
    expect(send(fresh.server, fresh.screen, (doc) => fireDrills.add(doc, { what: 'Nobody' }))).toEqual(
      refused,
    );
    expect(planRules.read(server)).toHaveLength(1);
  });

  it('refuses changing or removing who made a rule the board holds', () => {
    const { server, screen, staffRule } = plan();
    const entry = () => planRules.of(screen).get(staffRule)!;
    expect(send(server, screen, () => entry().set('authorId', 'guest:ann'))).toEqual(refused);
    const again = plan();
    const held = () => planRules.of(again.screen).get(again.staffRule)!;
    expect(send(again.server, again.screen, () => held().delete('authorId'))).toEqual(refused);
    expect(planRules.read(server)[0]!.authorId).toBe('staff:sam');
  });

  it('lets a plan note without an author through, and a guest delete a rule', () => {
    const { server, screen, staffRule } = plan();
    expect(send(server, screen, (doc) => doc.getMap(planNotesRoot).set('n1', new Y.Map()))).toBe(undefined);
    expect(send(server, screen, (doc) => planRules.remove(doc, staffRule))).toBe(undefined);
  });
});
