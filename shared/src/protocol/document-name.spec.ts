import { describe, expect, it } from 'vitest';
import { formatDocumentName, parseDocumentName } from './document-name.ts';

describe('document names', () => {
  it('round-trips a meeting part', () => {
    const name = formatDocumentName({ meetingId: 'demo-hollis', part: 'map' });
    expect(name).toBe('demo-hollis.map');
    expect(parseDocumentName(name)).toEqual({ meetingId: 'demo-hollis', part: 'map' });
  });

  it('round-trips a drawing, the longest meeting id included', () => {
    const meetingId = 'a'.repeat(63);
    const name = formatDocumentName({ meetingId, part: 'drawing-genogram' });
    expect(parseDocumentName(name)).toEqual({ meetingId, part: 'drawing-genogram' });
    expect(parseDocumentName('demo-hollis.drawing-houses')?.part).toBe('drawing-houses');
  });

  it.each([
    '',
    'demo-hollis.drawing',
    'demo-hollis.drawing-elsewhere',
    'map',
    '.map',
    'demo-hollis',
    'demo-hollis.unknown',
    'Demo-Hollis.map',
    '../etc/passwd.map',
    'demo hollis.map',
    'ab.map',
    `${'a'.repeat(64)}.map`,
    'demo-hollis.map.map',
  ])('refuses %j', (raw) => {
    expect(parseDocumentName(raw)).toBeUndefined();
  });
});
