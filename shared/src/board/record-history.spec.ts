import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addBottomLine, editBottomLine, removeBottomLine } from './bottom-line.ts';
import { addCard, deleteCard, editCardText, moveCard, readCards } from './card.ts';
import { recordHistory, oneVersionWithinMs, type HistoryAuthor, type HistoryStep } from './record-history.ts';

const DOMAIN = 'pastHarm' as const;
const amira: HistoryAuthor = { participant: 'guest:p1', name: 'Amira', role: 'family' };
const sam: HistoryAuthor = { participant: 'staff:s1', name: 'Sam', role: 'staff' };

/** Records each transaction on `doc` as one stored step by `author` at `at`. */
function recorder(doc: Y.Doc) {
  const steps: HistoryStep[] = [];
  return {
    steps,
    as(author: HistoryAuthor | null, at: number, edit: () => void) {
      const before = Y.encodeStateVector(doc);
      edit();
      steps.push({ update: Y.encodeStateAsUpdate(doc, before), author, at });
    },
  };
}

describe('recordHistory [HISTORY4]', () => {
  it("gives each card's versions with who wrote them and when; one person's run of edits is one version", () => {
    const doc = new Y.Doc();
    const log = recorder(doc);
    let id = '';
    log.as(amira, 1_000, () => {
      id = addCard(doc, { domain: DOMAIN, text: 'Dad', author: 'Amira', perspective: 'family' });
    });
    log.as(amira, 2_000, () => editCardText(doc, id, 'Dad shouts'));
    log.as(sam, 3_000, () => editCardText(doc, id, 'Dad shouts at night'));
    log.as(amira, 3_000 + oneVersionWithinMs + 1, () => editCardText(doc, id, 'Dad shouted at night'));
    const [card, ...others] = recordHistory('map', log.steps);
    expect(others).toEqual([]);
    expect(card).toMatchObject({ kind: 'card', id });
    const later = 3_000 + oneVersionWithinMs + 1;
    expect(card!.versions).toEqual([
      {
        change: 'added',
        fields: { text: 'Dad shouts', domain: DOMAIN },
        author: amira,
        from: 1_000,
        at: 2_000,
      },
      {
        change: 'changed',
        fields: { text: 'Dad shouts at night', domain: DOMAIN },
        author: sam,
        from: 3_000,
        at: 3_000,
      },
      {
        change: 'changed',
        fields: { text: 'Dad shouted at night', domain: DOMAIN },
        author: amira,
        from: later,
        at: later,
      },
    ]);
  });

  it('keeps a removed bottom line with its last words, and ignores what the part does not hold', () => {
    const doc = new Y.Doc();
    const log = recorder(doc);
    let id: string | undefined;
    log.as(sam, 10, () => {
      id = addBottomLine(doc, 'No contact after 8pm');
    });
    log.as(null, 20, () => editBottomLine(doc, id!, 'No contact after 9pm'));
    log.as(sam, 30, () => removeBottomLine(doc, id!));
    expect(recordHistory('frame', log.steps)).toEqual([
      {
        kind: 'bottomLine',
        id,
        versions: [
          { change: 'added', fields: { text: 'No contact after 8pm' }, author: sam, from: 10, at: 10 },
          { change: 'changed', fields: { text: 'No contact after 9pm' }, author: null, from: 20, at: 20 },
          { change: 'removed', fields: { text: 'No contact after 9pm' }, author: sam, from: 30, at: 30 },
        ],
      },
    ]);
    expect(recordHistory('map', log.steps)).toEqual([]);
  });

  it('finds the same versions as reading every card after every update, when updates touch one card, several or none', () => {
    const doc = new Y.Doc();
    const log = recorder(doc);
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // Far apart and by turns, so no two edits merge: each change of a card is its own version.
    const authors = [amira, sam];
    const expected = new Map<string, { change: string; text: string; domain: string }[]>();
    let before = new Map<string, { text: string; domain: string }>();
    for (let step = 0; step < 300; step++) {
      const at = step * (oneVersionWithinMs + 1);
      log.as(authors[step % 2]!, at, () => {
        const cards = readCards(doc);
        const pick = () => cards[Math.floor(random() * cards.length)]!;
        const roll = random();
        if (cards.length < 3 || roll < 0.1)
          addCard(doc, { domain: DOMAIN, text: `card ${step}`, author: 'A', perspective: 'family' });
        else if (roll < 0.15) deleteCard(doc, pick().id);
        else if (roll < 0.2) moveCard(doc, pick().id, 'futureDanger');
        else if (roll < 0.3)
          doc.transact(() => {
            for (const card of [pick(), pick()]) editCardText(doc, card.id, `${card.text} both`);
          });
        else if (roll < 0.35) editCardText(doc, pick().id, pick().text);
        else {
          const card = pick();
          editCardText(doc, card.id, `${card.text} ${step}`);
        }
      });
      const now = new Map(readCards(doc).map((card) => [card.id, { text: card.text, domain: card.domain }]));
      for (const [id, fields] of now) {
        const was = before.get(id);
        if (was && was.text === fields.text && was.domain === fields.domain) continue;
        if (!expected.has(id)) expected.set(id, []);
        expected.get(id)!.push({ change: was ? 'changed' : 'added', ...fields });
      }
      for (const [id, fields] of before)
        if (!now.has(id)) expected.get(id)!.push({ change: 'removed', ...fields });
      before = now;
    }
    const got = recordHistory('map', log.steps).map((item) => [
      item.id,
      item.versions.map(({ change, fields }) => ({ change, text: fields['text'], domain: fields['domain'] })),
    ]);
    expect(new Map(got as [string, unknown][])).toEqual(expected);
  });
});
