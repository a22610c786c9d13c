import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateEndsExactly } from './update-extent.ts';

/** A document with every kind of content Yjs writes, edited and partly deleted. */
function everyKind(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const text = doc.getText('text');
  text.insert(0, 'Worries about the stairs');
  text.format(0, 7, { bold: true });
  text.insertEmbed(3, { image: 'x.png' });
  text.delete(2, 4);
  const map = doc.getMap('map');
  map.set('number', 42);
  map.set('nested', new Y.Map([['a', [1, 'two', null, { three: true }]]]));
  map.set('bytes', new Uint8Array([1, 2, 3]));
  map.set('sub', new Y.Doc({ guid: 'sub-guid' }));
  map.delete('number');
  const array = doc.getArray('array');
  array.insert(0, ['a', 1, true, null, new Y.Array()]);
  const xml = doc.getXmlFragment('xml');
  const element = new Y.XmlElement('p');
  element.setAttribute('class', 'card');
  element.insert(0, [new Y.XmlText('inside')]);
  xml.insert(0, [element]);
  map.set('hook', new Y.XmlHook('hook'));
  updates.push(Y.encodeStateAsUpdate(doc));
  updates.push(Y.encodeStateAsUpdate(new Y.Doc()));
  return updates;
}

describe('an update is exactly one update [ACCESS29]', () => {
  it('every real update, of every kind of content, ends exactly', () => {
    for (const update of everyKind()) expect(updateEndsExactly(update)).toBe(true);
  });

  it('bytes left over, or an update cut short, do not', () => {
    for (const update of everyKind()) {
      expect(updateEndsExactly(new Uint8Array([...update, 0]))).toBe(false);
      expect(updateEndsExactly(new Uint8Array([...update, 7, 7, 7]))).toBe(false);
      if (update.length > 2) expect(updateEndsExactly(update.slice(0, -1))).toBe(false);
    }
  });
});
