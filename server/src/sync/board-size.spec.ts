import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardSize, boardSizeLimits } from './board-size.ts';
import { ClientOwners } from './client-owners.ts';
import { TokenBucket } from './sync-limits.ts';

function boardOf(owner: string, cards: number): { doc: Y.Doc; owners: ClientOwners } {
  const doc = new Y.Doc();
  const owners = new ClientOwners();
  owners.claim([doc.clientID], owner, { durable: false });
  const root = doc.getMap('cards');
  for (let i = 0; i < cards; i++) {
    const card = new Y.Map();
    card.set('text', new Y.Text('x'.repeat(4000)));
    root.set(`c${i}`, card);
  }
  return { doc, owners };
}

describe('BoardSize', () => {
  it('[SYNC23] measures close to the encoded size, and what each participant holds', () => {
    const { doc, owners } = boardOf('guest:a', 100);
    const size = new BoardSize(doc, owners, boardSizeLimits(4 * 1024 * 1024));
    const encoded = Y.encodeStateAsUpdate(doc).byteLength;
    expect(Math.abs(size.bytes - encoded) / encoded).toBeLessThan(0.01);
    expect(size.heldBy('guest:a')).toBeGreaterThan(400_000);
    expect(size.heldBy('guest:b')).toBe(0);
  });

  it('[SYNC23] a participant past their share is refused, staff are not, removals always pass, and deleting frees the share', () => {
    const { doc, owners } = boardOf('guest:a', 70);
    const size = new BoardSize(doc, owners, { ...boardSizeLimits(1024 * 1024), measureEveryMs: 0 });
    const guest = { participant: 'guest:a', staff: false };
    expect(size.judge(8000, guest, false)).toBe('participantFull');
    expect(size.judge(8000, guest, true)).toBe('fits');
    expect(size.judge(8000, { participant: 'guest:b', staff: false }, false)).toBe('fits');
    expect(size.judge(8000, { participant: 'staff:s', staff: true }, false)).toBe('fits');
    for (let i = 0; i < 30; i++) doc.getMap('cards').delete(`c${i}`);
    expect(size.judge(8000, guest, false)).toBe('fits');
  });

  it('[SYNC23] everyone but staff together fill seven eighths; the last eighth is the chair’s', () => {
    const doc = new Y.Doc();
    const size = new BoardSize(doc, new ClientOwners(), boardSizeLimits(1000));
    size.grew(880, 'guest:a');
    expect(size.judge(10, { participant: 'guest:b', staff: false }, false)).toBe('boardFull');
    expect(size.judge(100, { participant: 'staff:s', staff: true }, false)).toBe('fits');
    expect(size.judge(200, { participant: 'staff:s', staff: true }, false)).toBe('boardFull');
  });
});

describe('TokenBucket', () => {
  it('[SYNC24] a share of the write rate: a burst, then refused until it refills', () => {
    const bucket = new TokenBucket(256 * 1024, 1024 * 1024);
    expect(bucket.take(1000 * 1024)).toBe(true);
    expect(bucket.take(100 * 1024)).toBe(false);
    expect(bucket.take(10)).toBe(true);
  });
});
