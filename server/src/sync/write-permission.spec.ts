import {
  addBottomLine,
  addCard,
  cardsOf,
  cardText,
  closeCodes,
  deleteCard,
  drawingRecordsRoot,
  editCardText,
  editGoal,
  initialiseAgenda,
  moveCard,
  pairStatementWithGoal,
  planRules,
  readAgenda,
  readStatementPairs,
  setAgendaStepSkipped,
  statementPairsRoot,
  type ParticipantRole,
  type RefusedEditReason,
} from '@kinboard/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { judgeLocks, judgePlanLock, judgeWrite } from './write-permission.ts';

const ann = 'guest:ann';
const ben = 'guest:ben';

/** The server's document with Ann's card and a staff card, and a screen holding the same. */
function board() {
  const server = new Y.Doc();
  const annCard = addCard(server, {
    domain: 'pastHarm',
    text: 'Ann wrote this',
    author: 'Ann',
    authorId: ann,
    perspective: 'family',
  });
  const staffCard = addCard(server, {
    domain: 'pastHarm',
    text: 'Staff wrote this',
    author: 'Sam',
    authorId: 'staff:sam',
    perspective: 'professional',
  });
  const screen = new Y.Doc();
  Y.applyUpdate(screen, Y.encodeStateAsUpdate(server));
  return { server, screen, annCard, staffCard };
}

/** What `change` sends from the screen, judged for the writer; applied to the server when let through. */
function send(
  server: Y.Doc,
  screen: Y.Doc,
  change: (doc: Y.Doc) => void,
  participant: string,
  role: ParticipantRole = 'family',
  part: 'map' | 'frame' = 'map',
) {
  const before = Y.encodeStateVector(server);
  change(screen);
  const update = Y.encodeStateAsUpdate(screen, before);
  const verdict = judgeWrite(Y.decodeUpdate(update), server, part, { participant, role });
  if (!verdict) Y.applyUpdate(server, update);
  return verdict;
}

/** Something no honest screen sends: the connection stops. */
const refused = { code: closeCodes.forbidden, reason: expect.any(String) };
/** Refused because of a state that changes: the screen starts afresh [SYNC22]. */
const refusedEdit = (reason: RefusedEditReason) => ({ code: closeCodes.refusedEdit, reason });

describe('judgeWrite', () => {
  it('[ACCESS15] lets a family member add a card as themselves and edit, move and delete it', () => {
    const { server, screen } = board();
    let id = '';
    const add = (doc: Y.Doc) =>
      (id = addCard(doc, {
        domain: 'goals',
        text: 'Mine',
        author: 'Ben',
        authorId: ben,
        perspective: 'family',
      }));
    expect(send(server, screen, add, ben)).toBeUndefined();
    expect(send(server, screen, (doc) => editCardText(doc, id, 'Mine, changed'), ben)).toBeUndefined();
    // Typing in the middle: items placed by their neighbours only, no parent written.
    expect(send(server, screen, (doc) => cardText(doc, id)!.insert(3, ' own'), ben)).toBeUndefined();
    expect(send(server, screen, (doc) => moveCard(doc, id, 'pastHarm'), ben)).toBeUndefined();
    expect(cardText(server, id)!.toString()).toBe('Min owne, changed');
    expect(send(server, screen, (doc) => deleteCard(doc, id), ben)).toBeUndefined();
    expect(cardsOf(server).has(id)).toBe(false);
  });

  it('[ACCESS15] refuses a new card without its writer as author, or with someone else', () => {
    const { server, screen } = board();
    const input = { domain: 'goals', text: 'x', author: 'Ben', perspective: 'family' } as const;
    expect(send(server, screen, (doc) => addCard(doc, input), ben)).toEqual(refused);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    expect(send(server, other, (doc) => addCard(doc, { ...input, authorId: ann }), ben)).toEqual(refused);
  });

  it('[ACCESS15] refuses a family member changing another person’s card in any way', () => {
    const changes: ((doc: Y.Doc, card: string) => void)[] = [
      (doc, card) => editCardText(doc, card, 'Ben rewrote this'),
      (doc, card) => cardText(doc, card)!.insert(4, 'x'),
      (doc, card) => cardText(doc, card)!.delete(0, 3),
      (doc, card) => moveCard(doc, card, 'goals'),
      (doc, card) => deleteCard(doc, card),
      (doc, card) => cardsOf(doc).get(card)!.set('authorId', ben),
      (doc, card) => {
        cardsOf(doc).delete(card);
        addCard(
          doc,
          { domain: 'goals', text: 'x', author: 'Ben', authorId: ben, perspective: 'family' },
          { id: card },
        );
      },
    ];
    for (const change of changes) {
      const { server, screen, annCard, staffCard } = board();
      const before = Y.encodeStateAsUpdate(server);
      expect(send(server, screen, (doc) => change(doc, annCard), ben)).toEqual(refusedEdit('notYourCard'));
      const again = new Y.Doc();
      Y.applyUpdate(again, before);
      expect(send(server, again, (doc) => change(doc, staffCard), ben)).toEqual(refusedEdit('notYourCard'));
      expect(Y.encodeStateAsUpdate(server)).toEqual(before);
    }
  });

  it('[ACCESS15] refuses the author changing who wrote their own card', () => {
    const { server, screen, annCard } = board();
    expect(send(server, screen, (doc) => cardsOf(doc).get(annCard)!.set('authorId', ben), ann)).toEqual(
      refused,
    );
    expect(send(server, screen, (doc) => cardsOf(doc).get(annCard)!.delete('authorId'), ann)).toEqual(
      refused,
    );
  });

  it('[ACCESS15] lets staff change any card', () => {
    const { server, screen, annCard } = board();
    expect(
      send(server, screen, (doc) => editCardText(doc, annCard, 'Chair tidied'), 'staff:sam', 'staff'),
    ).toBe(undefined);
    expect(send(server, screen, (doc) => deleteCard(doc, annCard), 'staff:sam', 'staff')).toBeUndefined();
  });

  it('[ACCESS14] lets read-only roles sync but write nothing', () => {
    for (const role of ['observer', 'projector'] as const) {
      const { server, screen, annCard } = board();
      // A screen's sync step 2: nothing new, or only deletes the server already holds.
      expect(send(server, screen, () => {}, ben, role)).toBeUndefined();
      deleteCard(server, annCard);
      Y.applyUpdate(screen, Y.encodeStateAsUpdate(server));
      expect(send(server, screen, () => {}, ben, role)).toBeUndefined();
      const own = (doc: Y.Doc) =>
        addCard(doc, { domain: 'goals', text: 'x', author: 'Ben', authorId: ben, perspective: 'family' });
      expect(send(server, screen, own, ben, role)).toEqual(refusedEdit('readOnly'));
    }
  });

  it('[ACCESS14] lets only staff write the frame', () => {
    const server = new Y.Doc();
    const screen = new Y.Doc();
    const draft = (doc: Y.Doc) => doc.getMap(statementPairsRoot).set('danger-1', new Y.Map());
    expect(send(server, screen, draft, ben, 'family', 'frame')).toEqual(refused);
    expect(send(server, screen, draft, 'staff:sam', 'staff', 'frame')).toBeUndefined();
  });
});

describe('judgeWrite and judgeLocks with locked columns', () => {
  /** Like `send`, with the columns the chair locked. */
  function sendLocked(
    server: Y.Doc,
    screen: Y.Doc,
    change: (doc: Y.Doc) => void,
    writer: { participant: string; role: ParticipantRole } | undefined,
  ) {
    const before = Y.encodeStateVector(server);
    change(screen);
    const update = Y.encodeStateAsUpdate(screen, before);
    const decoded = Y.decodeUpdate(update);
    const verdict = writer
      ? judgeWrite(decoded, server, 'map', writer, ['worries'])
      : judgeLocks(decoded, server, 'map', ['worries']);
    if (!verdict) Y.applyUpdate(server, update);
    return verdict;
  }
  const card = (domain: 'pastHarm' | 'goals') => (doc: Y.Doc) =>
    addCard(doc, { domain, text: 'x', author: 'Ann', authorId: ann, perspective: 'family' });

  it('[ACCESS20] refuses a non-staff writer making, editing, moving in or out of, or deleting a card in a locked column', () => {
    const changes: ((doc: Y.Doc, annCard: string) => void)[] = [
      (doc, id) => editCardText(doc, id, 'changed'),
      (doc, id) => cardText(doc, id)!.insert(2, 'x'),
      (doc, id) => moveCard(doc, id, 'goals'),
      (doc, id) => deleteCard(doc, id),
      (doc) => card('pastHarm')(doc),
    ];
    for (const writer of [{ participant: ann, role: 'family' as const }, undefined])
      for (const change of changes) {
        const { server, screen, annCard } = board();
        const before = Y.encodeStateAsUpdate(server);
        expect(sendLocked(server, screen, (doc) => change(doc, annCard), writer)).toEqual(
          refusedEdit('columnLocked'),
        );
        expect(Y.encodeStateAsUpdate(server)).toEqual(before);
      }
    // Moving one's own card into the locked column.
    const { server, screen } = board();
    let id = '';
    expect(
      sendLocked(server, screen, (doc) => (id = card('goals')(doc)), { participant: ann, role: 'family' }),
    ).toBeUndefined();
    expect(sendLocked(server, screen, (doc) => moveCard(doc, id, 'futureDanger'), undefined)).toEqual(
      refusedEdit('columnLocked'),
    );
  });

  it('[ACCESS20] lets other columns be edited, and staff edit a locked column', () => {
    const { server, screen, annCard, staffCard } = board();
    let id = '';
    const family = { participant: ann, role: 'family' as const };
    expect(sendLocked(server, screen, (doc) => (id = card('goals')(doc)), family)).toBeUndefined();
    expect(sendLocked(server, screen, (doc) => editCardText(doc, id, 'goal'), family)).toBeUndefined();
    expect(sendLocked(server, screen, (doc) => editCardText(doc, id, 'goal 2'), undefined)).toBeUndefined();
    const staff = { participant: 'staff:sam', role: 'staff' as const };
    expect(
      sendLocked(server, screen, (doc) => editCardText(doc, annCard, 'by staff'), staff),
    ).toBeUndefined();
    expect(sendLocked(server, screen, (doc) => deleteCard(doc, staffCard), staff)).toBeUndefined();
  });
});

describe('judgePlanLock [PLAN3]', () => {
  /** Sends a change from a screen to the server while the plan is locked. */
  function lockedSend(
    server: Y.Doc,
    screen: Y.Doc,
    part: 'map' | 'frame' | 'plan',
    change: (doc: Y.Doc) => void,
  ) {
    const before = Y.encodeStateVector(server);
    change(screen);
    const update = Y.encodeStateAsUpdate(screen, before);
    const verdict = judgePlanLock(Y.decodeUpdate(update), server, part, update);
    if (!verdict) Y.applyUpdate(server, update);
    return verdict;
  }
  const synced = (server: Y.Doc) => {
    const screen = new Y.Doc();
    Y.applyUpdate(screen, Y.encodeStateAsUpdate(server));
    return screen;
  };

  it('refuses any change to the plan and the map, and lets a no-op sync through', () => {
    const plan = new Y.Doc();
    const rule = planRules.add(plan, { what: 'Nan stays over' });
    const screen = synced(plan);
    expect(lockedSend(plan, screen, 'plan', (doc) => planRules.edit(doc, rule, { what: 'Changed' }))).toEqual(
      refusedEdit('planLocked'),
    );
    expect(lockedSend(plan, synced(plan), 'plan', () => {})).toBeUndefined();
    const { server, screen: mapScreen, annCard } = board();
    expect(lockedSend(server, mapScreen, 'map', (doc) => editCardText(doc, annCard, 'x'))).toEqual(
      refusedEdit('planLocked'),
    );
  });

  it('refuses changes to the frame’s statements and bottom lines, not to its agenda or settings', () => {
    const frame = new Y.Doc();
    const pair = pairStatementWithGoal(frame, { statement: 'Dani drinks.', goal: 'A sober adult.' });
    initialiseAgenda(frame, 'family-network-meeting');
    const step = readAgenda(frame)[0]!.id;
    expect(lockedSend(frame, synced(frame), 'frame', (doc) => editGoal(doc, pair, 'Changed'))).toEqual(
      refusedEdit('planLocked'),
    );
    expect(lockedSend(frame, synced(frame), 'frame', (doc) => addBottomLine(doc, 'No drinking'))).toEqual(
      refusedEdit('planLocked'),
    );
    expect(
      lockedSend(frame, synced(frame), 'frame', (doc) => setAgendaStepSkipped(doc, step, true)),
    ).toBeUndefined();
    expect(readAgenda(frame)[0]!.skipped).toBe(true);
    expect(readStatementPairs(frame)[0]!.goal).toBe('A sober adult.');
  });
});

describe('drawings [DRAW2]', () => {
  /** A new shape record sent to a drawing document, judged for `role`. */
  function draw(role: ParticipantRole) {
    const server = new Y.Doc();
    const screen = new Y.Doc();
    const before = Y.encodeStateVector(server);
    screen.getMap(drawingRecordsRoot).set('shape:one', { id: 'shape:one', typeName: 'shape' });
    const update = Y.encodeStateAsUpdate(screen, before);
    const decoded = Y.decodeUpdate(update);
    return {
      write: judgeWrite(decoded, server, 'drawing-houses', { participant: 'guest:x', role }),
      planLock: judgePlanLock(decoded, server, 'drawing-houses', update),
    };
  }

  it.each(['staff', 'family', 'network', 'professional', 'child'] as const)('lets %s draw', (role) => {
    expect(draw(role).write).toBeUndefined();
  });

  it.each(['observer', 'projector'] as const)('refuses a drawing from %s', (role) => {
    expect(draw(role).write).toEqual(refusedEdit('readOnly'));
  });

  it('keeps drawings open while the plan is agreed', () => {
    expect(draw('family').planLock).toBeUndefined();
  });
});
