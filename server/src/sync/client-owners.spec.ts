import { describe, expect, it } from 'vitest';
import { ClientOwners } from './client-owners.ts';

describe('ClientOwners', () => {
  it('[SYNC13] owners loaded from the store own their ids, and are not handed to a write again', () => {
    const owners = new ClientOwners([{ client: 7, participant: 'guest:a', firstSeen: 1 }]);
    expect(owners.ownerOf(7)).toBe('guest:a');
    expect(owners.foreign([7], 'guest:b')).toBe(7);
    expect(owners.foreign([7], 'guest:a')).toBeUndefined();
    owners.claim([7], 'guest:b', { durable: true });
    expect(owners.ownerOf(7)).toBe('guest:a');
    expect(owners.takeUnrecorded()).toBeUndefined();
  });

  it('[SYNC13] an admitted participant’s new ids go to the next write once; an anonymous one’s never do', () => {
    const owners = new ClientOwners([], () => 42);
    owners.claim([1, 2], 'guest:a', { durable: true });
    owners.claim([3], 'connection:9', { durable: false });
    owners.claim([2, 4], 'staff:s', { durable: true });
    expect(owners.takeUnrecorded()).toEqual([
      { client: 1, participant: 'guest:a', firstSeen: 42 },
      { client: 2, participant: 'guest:a', firstSeen: 42 },
      { client: 4, participant: 'staff:s', firstSeen: 42 },
    ]);
    expect(owners.takeUnrecorded()).toBeUndefined();
    expect(owners.ownerOf(3)).toBe('connection:9');
    owners.release('connection:9');
    expect(owners.ownerOf(3)).toBeUndefined();
  });
});
