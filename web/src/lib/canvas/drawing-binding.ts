import { drawingMetaRoot, drawingRecordsRoot, drawingSchemaKey } from '@kinboard/shared';
import type { RecordsDiff, SerializedSchema, SerializedStore, Store, UnknownRecord } from '@tldraw/store';
import type * as Y from 'yjs';

/**
 * How a drawing document read into the store: `migrated` when it was written by an older tldraw
 * and its records went through the schema's migrations; refused when it was written by a newer
 * tldraw than this page runs (`newer`: reload to get it) or cannot be read at all.
 */
export type DrawingLoad = { ok: true; migrated: boolean } | { ok: false; reason: 'newer' | 'unreadable' };

/**
 * Keeps a tldraw store and a drawing's Yjs document in step [DRAW1] [DRAW3]. The document holds
 * each document-scoped record (shapes, bindings, pages, assets) as plain JSON in the
 * `drawingRecords` map, keyed by id, and the tldraw schema it was written with in
 * `drawingMeta.schema`. Session and presence records (camera, selection, pointer) never leave
 * the screen. Records written under another schema (an older tldraw) go through the schema's
 * migrations on the way in, and a screen that may draw writes the migrated records back with
 * its own schema, so every drawing moves forward once instead of breaking.
 */
export class DrawingBinding<R extends UnknownRecord> {
  readonly #store: Store<R>;
  readonly #doc: Y.Doc;
  readonly #records: Y.Map<R>;
  readonly #meta: Y.Map<unknown>;
  readonly #canWrite: boolean;
  readonly #schema: SerializedSchema;
  readonly #schemaJson: string;
  /** Marks our own Yjs transactions, so their changes are not read back into the store. */
  readonly #origin = Symbol('drawing-binding');
  readonly #cleanups: (() => void)[] = [];
  /** Called when another screen writes the drawing with a newer tldraw: this page should reload. */
  onNewerSchema: (() => void) | undefined;
  /** Local changes not written yet, by record id (undefined: removed), and when they will be. */
  readonly #pending = new Map<string, R | undefined>();
  readonly #flushEveryMs: number;
  #flushTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * `flushEveryMs`: local changes are gathered and written at most this often. A pen stroke
   * changes its shape every frame, and each write is a whole record sent to everyone and stored;
   * ten a second still looks live and keeps a long drawing session's log small.
   */
  constructor(store: Store<R>, doc: Y.Doc, options: { canWrite: boolean; flushEveryMs?: number }) {
    this.#flushEveryMs = options.flushEveryMs ?? 100;
    this.#store = store;
    this.#doc = doc;
    this.#records = doc.getMap<R>(drawingRecordsRoot);
    this.#meta = doc.getMap(drawingMetaRoot);
    this.#canWrite = options.canWrite;
    this.#schema = store.schema.serialize();
    this.#schemaJson = JSON.stringify(this.#schema);
  }

  /**
   * Reads the document (synced from the server) into the store, then keeps both in step. Call
   * once; nothing is bound when the drawing cannot be read.
   */
  load(): DrawingLoad {
    const stored = this.#meta.get(drawingSchemaKey) as SerializedSchema | undefined;
    const migrated = stored !== undefined && JSON.stringify(stored) !== this.#schemaJson;
    const records = this.#migrate(Object.fromEntries(this.#records.entries()), stored);
    if (!records.ok) return records;
    this.#store.mergeRemoteChanges(() => {
      const gone = this.#documentRecords()
        .map((record) => record.id)
        .filter((id) => !(id in records.value));
      if (gone.length > 0) this.#store.remove(gone);
      this.#putValid(recordsOf(records.value));
    });
    if (this.#canWrite) {
      // tldraw makes the document and a first page when a store has none (ensureStoreIsUsable,
      // as a remote change): write them too, so every screen shares one page.
      const made = this.#documentRecords().filter((record) => !this.#records.has(record.id));
      const put = migrated ? recordsOf(records.value) : [];
      this.#write([...put, ...made], []);
    }
    this.#records.observe(this.#onRemote);
    this.#cleanups.push(() => this.#records.unobserve(this.#onRemote));
    if (this.#canWrite)
      this.#cleanups.push(
        this.#store.listen(({ changes }) => this.#onLocal(changes), { source: 'user', scope: 'document' }),
      );
    return { ok: true, migrated };
  }

  dispose(): void {
    this.flush();
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }

  /** Writes the gathered local changes now. */
  flush(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    const put: R[] = [];
    const removed: string[] = [];
    for (const [id, record] of this.#pending) {
      if (record) put.push(record);
      else removed.push(id);
    }
    this.#pending.clear();
    this.#write(put, removed);
  }

  #migrate(
    records: Record<string, R>,
    stored: SerializedSchema | undefined,
  ): { ok: true; value: SerializedStore<R> } | { ok: false; reason: 'newer' | 'unreadable' } {
    // A newer tldraw's migrations are unknown here: reading its records would misread them.
    if (stored && isNewerSchema(stored, this.#schema)) return { ok: false, reason: 'newer' };
    // A drawing written before its schema was (or with none yet) is read as this schema's.
    const result = this.#store.schema.migrateStoreSnapshot({
      store: records as SerializedStore<R>,
      schema: stored ?? this.#schema,
    });
    if (result.type !== 'success') return { ok: false, reason: 'unreadable' };
    // Records of a type this tldraw does not have (a shape from a newer one) are left out.
    const known = (Object.entries(result.value) as [string, R][]).filter(([, record]) =>
      Object.hasOwn(this.#store.schema.types, record.typeName),
    );
    return { ok: true, value: Object.fromEntries(known) as SerializedStore<R> };
  }

  /** The document-scoped records the store holds. */
  #documentRecords(): R[] {
    const scoped = this.#store.scopedTypes.document;
    return this.#store.allRecords().filter((record) => scoped.has(record.typeName));
  }

  #onLocal(changes: RecordsDiff<R>): void {
    const updated = Object.values(changes.updated) as [from: R, to: R][];
    for (const record of [...recordsOf(changes.added), ...updated.map(([, to]) => to)])
      this.#pending.set(record.id, record);
    for (const id of Object.keys(changes.removed)) this.#pending.set(id, undefined);
    if (this.#flushEveryMs === 0) this.flush();
    else this.#flushTimer ??= setTimeout(() => this.flush(), this.#flushEveryMs);
  }

  #write(put: readonly R[], removed: readonly string[]): void {
    if (put.length === 0 && removed.length === 0) return;
    this.#doc.transact(() => {
      if (JSON.stringify(this.#meta.get(drawingSchemaKey)) !== this.#schemaJson)
        this.#meta.set(drawingSchemaKey, this.#schema);
      for (const record of put) this.#records.set(record.id, record);
      for (const id of removed) this.#records.delete(id);
    }, this.#origin);
  }

  /** Another screen's change: its records, through the migrations if it wrote another schema. */
  readonly #onRemote = (event: Y.YMapEvent<R>): void => {
    if (event.transaction.origin === this.#origin) return;
    const stored = this.#meta.get(drawingSchemaKey) as SerializedSchema | undefined;
    const sameSchema = stored === undefined || JSON.stringify(stored) === this.#schemaJson;
    // A newer tldraw on another screen migrated the drawing: this page keeps what it has until reloaded.
    if (stored && !sameSchema && isNewerSchema(stored, this.#schema)) {
      this.onNewerSchema?.();
      return;
    }
    const put: R[] = [];
    const removed: R['id'][] = [];
    for (const [id, change] of event.changes.keys) {
      const record = this.#records.get(id);
      if (change.action === 'delete' || record === undefined) {
        if (this.#store.has(id as R['id'])) removed.push(id as R['id']);
        continue;
      }
      if (sameSchema) put.push(record);
      else {
        const migrated = this.#store.schema.migratePersistedRecord(record, stored);
        // A record this tldraw cannot read is left out rather than breaking the canvas.
        if (migrated.type === 'success') put.push(migrated.value);
      }
    }
    this.#store.mergeRemoteChanges(() => {
      if (removed.length > 0) this.#store.remove(removed);
      this.#putValid(put);
    });
  };

  /**
   * Puts records into the store, leaving out any that tldraw's validation refuses. The server
   * checks who writes a drawing, not what each record holds, so one bad record (a broken or
   * hostile client) must cost only itself, never the whole drawing.
   */
  #putValid(records: readonly R[]): void {
    if (records.length === 0) return;
    try {
      this.#store.put([...records]);
    } catch {
      for (const record of records)
        try {
          this.#store.put([record]);
        } catch {
          // Refused by tldraw's validation: not shown.
        }
    }
  }
}

/** Whether a stored schema has a migration sequence further on than ours. */
export function isNewerSchema(stored: SerializedSchema, ours: SerializedSchema): boolean {
  if (stored.schemaVersion !== 2 || ours.schemaVersion !== 2) return false;
  return Object.entries(stored.sequences).some(
    ([sequence, version]) => version > (ours.sequences[sequence] ?? Number.POSITIVE_INFINITY),
  );
}

/** The records of a store snapshot or diff, typed (their keys are record ids, which Object.values loses). */
function recordsOf<R extends UnknownRecord>(records: SerializedStore<R> | Record<string, R>): R[] {
  return Object.values(records) as R[];
}
