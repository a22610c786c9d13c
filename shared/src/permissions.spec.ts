import { describe, expect, it } from 'vitest';
import { clientEventSchemas } from './protocol/events.ts';
import {
  eventPermissions,
  mayEditOthersCards,
  mayEmit,
  mayWriteBoard,
  mayWriteDocument,
} from './permissions.ts';
import { participantRoles } from './access/roles.ts';

describe('permissions', () => {
  it('name a rule for every event', () => {
    expect(Object.keys(eventPermissions).sort()).toEqual(Object.keys(clientEventSchemas).sort());
  });

  it.each(participantRoles)('only staff drive the meeting (%s)', (role) => {
    for (const event of [
      'chair:focus',
      'chair:undo-focus',
      'chair:follow',
      'chair:lock',
      'chair:timer',
    ] as const)
      expect(mayEmit(role, event)).toBe(role === 'staff');
    expect(mayEmit(role, 'meeting:enter')).toBe(true);
  });

  it('keep the projector and observers read-only', () => {
    expect(mayWriteBoard('projector')).toBe(false);
    expect(mayWriteBoard('observer')).toBe(false);
    expect(mayWriteBoard('family')).toBe(true);
    expect(mayWriteBoard('staff')).toBe(true);
  });

  it.each(participantRoles)(
    '[ACCESS14] let only staff write the frame, and every writer the map (%s)',
    (role) => {
      expect(mayWriteDocument(role, 'frame')).toBe(role === 'staff');
      expect(mayWriteDocument(role, 'map')).toBe(role !== 'observer' && role !== 'projector');
    },
  );

  it.each(participantRoles)('[ACCESS15] let only staff change cards others wrote (%s)', (role) => {
    expect(mayEditOthersCards(role)).toBe(role === 'staff');
  });
});

describe('scaling permissions', () => {
  it.each(participantRoles)(
    '[SCALE4] only the chair runs rounds; everyone who may write answers (%s)',
    (role) => {
      for (const event of ['scaling:start', 'scaling:reveal', 'scaling:close'] as const)
        expect(mayEmit(role, event)).toBe(role === 'staff');
      expect(mayEmit(role, 'scaling:answer')).toBe(mayWriteBoard(role));
      expect(mayEmit(role, 'scaling:view')).toBe(true);
    },
  );
});
