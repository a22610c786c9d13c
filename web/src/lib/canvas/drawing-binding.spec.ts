import { drawingMetaRoot, drawingRecordsRoot, drawingSchemaKey } from '@kinboard/shared';
import { createMigrationSequence, Store, type SerializedSchemaV2, type UnknownRecord } from '@tldraw/store';
import {
  createShapeId,
  createTLSchema,
  defaultShapeSchemas,
  type TLRecord,
  type TLShape,
  type TLStoreProps,
} from '@tldraw/tlschema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DrawingBinding, isNewerSchema } from './drawing-binding.ts';

const props = { defaultName: '', assets: {}, onMount: () => {} } as unknown as TLStoreProps;
const newStore = (schema = createTLSchema()) => new Store<TLRecord, TLStoreProps>({ schema, props });

/** Two screens' documents, every update of one applied to the other (as the server relays). */
function linkedDocs(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, update, a));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, update, b));
  return [a, b];
}

/** tldraw hands a store's changes to its listeners once a frame; the binding writes them at most every 100 ms. */
const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 160));

const page = { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} } as TLRecord;

function geo(id: string, text: string): TLShape {
  return {
    id: createShapeId(id),
    typeName: 'shape',
    type: 'geo',
    x: 10,
    y: 20,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: { personKey: 'network:gran' },
    props: {
      geo: 'rectangle',
      dash: 'draw',
      url: '',
      w: 100,
      h: 60,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: 'black',
      fill: 'none',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    },
  } as unknown as TLShape;
}

describe('DrawingBinding [DRAW1] [DRAW3]', () => {
  it('carries one screen’s shapes, changes and deletions to the other, with the schema beside them', async () => {
    const [docA, docB] = linkedDocs();
    const [storeA, storeB] = [newStore(), newStore()];
    const [a, b] = [
      new DrawingBinding(storeA, docA, { canWrite: true }),
      new DrawingBinding(storeB, docB, { canWrite: true }),
    ];
    expect(a.load()).toEqual({ ok: true, migrated: false });
    expect(b.load()).toEqual({ ok: true, migrated: false });

    storeA.put([page, geo('gran', 'Gran')]);
    await nextFrame();
    expect(storeB.get(createShapeId('gran'))).toMatchObject({ x: 10, meta: { personKey: 'network:gran' } });
    expect(docB.getMap(drawingMetaRoot).get(drawingSchemaKey)).toEqual(storeA.schema.serialize());

    storeB.update(createShapeId('gran'), (shape) => ({ ...shape, x: 99 }));
    await nextFrame();
    expect(storeA.get(createShapeId('gran'))?.x).toBe(99);

    storeA.remove([createShapeId('gran')]);
    await nextFrame();
    expect(storeB.get(createShapeId('gran'))).toBeUndefined();
    expect(docB.getMap(drawingRecordsRoot).has(createShapeId('gran'))).toBe(false);
    a.dispose();
    b.dispose();
  });

  it('reads a drawing back into a new screen, and keeps camera and selection off the document', async () => {
    const doc = new Y.Doc();
    const writer = newStore();
    new DrawingBinding(writer, doc, { canWrite: true }).load();
    writer.put([page, geo('mum', 'Mum')]);
    writer.put([{ id: 'camera:page:page', typeName: 'camera', x: 5, y: 5, z: 1, meta: {} } as TLRecord]);
    await nextFrame();

    const reader = newStore();
    expect(new DrawingBinding(reader, doc, { canWrite: false }).load()).toEqual({
      ok: true,
      migrated: false,
    });
    expect(reader.get(createShapeId('mum'))).toEqual(writer.get(createShapeId('mum')));
    expect([...doc.getMap(drawingRecordsRoot).keys()].sort()).toEqual([
      'document:document',
      'page:page',
      createShapeId('mum'),
    ]);
  });

  it('a screen that may not draw sends nothing', async () => {
    const doc = new Y.Doc();
    const store = newStore();
    new DrawingBinding(store, doc, { canWrite: false }).load();
    store.put([page, geo('x', 'X')]);
    await nextFrame();
    expect(doc.getMap(drawingRecordsRoot).size).toBe(0);
  });

  it('migrates a genogram shape saved by an older tldraw (geo version 9, plain text) and writes it back migrated', async () => {
    const current = createTLSchema().serialize();
    const older: SerializedSchemaV2 = {
      ...current,
      sequences: { ...current.sequences, 'com.tldraw.shape.geo': 9 },
    };
    const saved = geo('gran', 'unused') as unknown as { props: Record<string, unknown> };
    // The props as tldraw wrote them at geo version 9: text as a string, no flip.
    const { richText: _richText, flipX: _flipX, flipY: _flipY, ...olderProps } = saved.props;
    const doc = new Y.Doc();
    doc.transact(() => {
      doc.getMap(drawingMetaRoot).set(drawingSchemaKey, older);
      doc.getMap(drawingRecordsRoot).set('page:page', page);
      doc
        .getMap(drawingRecordsRoot)
        .set(createShapeId('gran'), { ...saved, props: { ...olderProps, text: 'Gran' } });
    });

    const store = newStore();
    expect(new DrawingBinding(store, doc, { canWrite: true }).load()).toEqual({ ok: true, migrated: true });
    const shape = store.get(createShapeId('gran')) as TLShape & { props: Record<string, unknown> };
    expect(shape.props['richText']).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Gran' }] }],
    });
    expect(shape.props).toMatchObject({ flipX: false, flipY: false });
    expect(shape.props['text']).toBeUndefined();
    expect(shape.meta).toEqual({ personKey: 'network:gran' });
    // Written back: the next screen reads it with no migration.
    expect(doc.getMap(drawingMetaRoot).get(drawingSchemaKey)).toEqual(current);
    expect(doc.getMap(drawingRecordsRoot).get(createShapeId('gran'))).toEqual(shape);
    expect(new DrawingBinding(newStore(), doc, { canWrite: false }).load()).toEqual({
      ok: true,
      migrated: false,
    });
  });

  it('runs a custom shape’s own migration when Kinboard’s schema changes between versions', async () => {
    const note = (versions: number) =>
      createMigrationSequence({
        sequenceId: 'com.tldraw.shape.kinboard-note',
        sequence: [
          {
            id: 'com.tldraw.shape.kinboard-note/1' as const,
            scope: 'record' as const,
            filter: (record: UnknownRecord) => (record as { type?: string }).type === 'kinboard-note',
            up: (record: UnknownRecord) => {
              const shape = record as unknown as { props: { words?: string; text?: string } };
              shape.props.text = shape.props.words ?? '';
              delete shape.props.words;
            },
          },
        ].slice(0, versions),
      });
    const schemaOf = (versions: number) =>
      createTLSchema({
        shapes: { ...defaultShapeSchemas, 'kinboard-note': { migrations: note(versions) } },
      });
    const doc = new Y.Doc();
    const before = newStore(schemaOf(0));
    new DrawingBinding(before, doc, { canWrite: true }).load();
    const shape = { ...geo('note', ''), type: 'kinboard-note', props: { words: 'My house' } };
    before.put([page, shape as unknown as TLRecord]);
    await nextFrame();
    expect(doc.getMap(drawingMetaRoot).get(drawingSchemaKey)).toMatchObject({
      sequences: { 'com.tldraw.shape.kinboard-note': 0 },
    });

    const after = newStore(schemaOf(1));
    expect(new DrawingBinding(after, doc, { canWrite: true }).load()).toEqual({ ok: true, migrated: true });
    expect((after.get(createShapeId('note')) as unknown as { props: unknown }).props).toEqual({
      text: 'My house',
    });
    expect(doc.getMap(drawingMetaRoot).get(drawingSchemaKey)).toMatchObject({
      sequences: { 'com.tldraw.shape.kinboard-note': 1 },
    });
  });

  it('gathers a stroke’s many changes into a few writes, and writes what is left when disposed', async () => {
    const doc = new Y.Doc();
    const store = newStore();
    const binding = new DrawingBinding(store, doc, { canWrite: true, flushEveryMs: 100 });
    binding.load();
    let writes = 0;
    doc.on('update', () => writes++);
    store.put([page, geo('pen', '')]);
    for (let step = 1; step <= 20; step++) {
      store.update(createShapeId('pen'), (shape) => ({ ...shape, x: step }));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await nextFrame();
    expect(writes).toBeGreaterThanOrEqual(1);
    expect(writes).toBeLessThanOrEqual(5);
    expect(doc.getMap<TLShape>(drawingRecordsRoot).get(createShapeId('pen'))?.x).toBe(20);

    store.update(createShapeId('pen'), (shape) => ({ ...shape, x: 99 }));
    await new Promise((resolve) => setTimeout(resolve, 40));
    binding.dispose();
    expect(doc.getMap<TLShape>(drawingRecordsRoot).get(createShapeId('pen'))?.x).toBe(99);
  });

  it('leaves out a record tldraw refuses, whether read at load or arriving later, and keeps the rest', async () => {
    const doc = new Y.Doc();
    const records = doc.getMap<unknown>(drawingRecordsRoot);
    records.set('page:page', page);
    records.set(createShapeId('broken'), { ...geo('broken', ''), props: { w: 'wide' } });
    records.set(createShapeId('good'), geo('good', 'Good'));
    const store = newStore();
    expect(new DrawingBinding(store, doc, { canWrite: false }).load()).toEqual({ ok: true, migrated: false });
    expect(store.get(createShapeId('good'))).toBeDefined();
    expect(store.get(createShapeId('broken'))).toBeUndefined();

    doc.transact(() => {
      records.set(createShapeId('later-broken'), { id: createShapeId('later-broken'), typeName: 'shape' });
      records.set(createShapeId('later-good'), geo('later-good', 'Later'));
    });
    expect(store.get(createShapeId('later-good'))).toBeDefined();
    expect(store.get(createShapeId('later-broken'))).toBeUndefined();
  });

  it('refuses to read a drawing saved by a newer tldraw, and writes nothing to it', async () => {
    const current = createTLSchema().serialize();
    const newer = { ...current, sequences: { ...current.sequences, 'com.tldraw.shape.geo': 99 } };
    expect(isNewerSchema(newer, current)).toBe(true);
    const doc = new Y.Doc();
    doc.getMap(drawingMetaRoot).set(drawingSchemaKey, newer);
    doc.getMap(drawingRecordsRoot).set('page:page', page);
    const store = newStore();
    const binding = new DrawingBinding(store, doc, { canWrite: true });
    expect(binding.load()).toEqual({ ok: false, reason: 'newer' });
    expect(store.get('page:page' as TLRecord['id'])).toBeUndefined();
    expect(doc.getMap(drawingMetaRoot).get(drawingSchemaKey)).toEqual(newer);
  });
});
