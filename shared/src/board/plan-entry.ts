import * as Y from 'yjs';
import * as z from 'zod/mini';
import { byPosition, positionWrites } from './position.ts';
import { readText, replaceText } from './text-edit.ts';

/**
 * What the plan's lists share (rules, fire drills, next steps, trajectory steps): each record is
 * a Y.Map { <text fields> (each Y.Text, so people write one together), who (Y.Map personId ->
 * name), answers (Y.Map statement pair id -> true), position, createdAt, authorId } under its
 * own root of the `plan` document. `who` and `answers` are maps, not lists, so two phones adding
 * people or statements at once both land, and adding the same person twice is one entry.
 */
export const maxPlanTextLength = 2000;
/** The field holding who made an entry (`staff:<id>` or `guest:<id>`), which the server checks [FIRST9]. */
export const planEntryAuthorField = 'authorId';
export const maxPersonNameLength = 120;

/** Someone named in the plan: by their participant key when they are in the meeting, always by name. */
export interface PlanPerson {
  /** `staff:<id>` or `guest:<participantId>` (see access/participant-key.ts), when known. */
  key?: string | undefined;
  name: string;
}

export const planPersonSchema = z.strictObject({
  key: z.optional(z.string().check(z.regex(/^(staff|guest):[A-Za-z0-9_-]{1,64}$/))),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(maxPersonNameLength)),
});

/** The id a person has in a record's `who`: their key, or their name when they have none. */
export const personId = (person: PlanPerson): string => person.key ?? `name:${person.name.trim()}`;

export interface PlanEntry<F extends string> {
  id: string;
  fields: Record<F, string>;
  who: PlanPerson[];
  answers: string[];
  /** When it matters (rules only): `day:<day>` and `part:<part>` tokens, see plan-moments.ts. */
  moments: string[];
  position: string;
  createdAt: number;
  authorId: string | undefined;
}

type EntryMap = Y.Map<unknown>;

/** One kind of plan record: its root and its text fields. */
export class PlanList<F extends string> {
  readonly root: string;
  readonly fields: readonly F[];
  readonly #prefix: string;

  constructor(root: string, fields: readonly F[], idPrefix: string) {
    this.root = root;
    this.fields = fields;
    this.#prefix = idPrefix;
  }

  of(doc: Y.Doc): Y.Map<EntryMap> {
    return doc.getMap<EntryMap>(this.root);
  }

  /** Adds a record at the end and returns its id. Texts are cut to the limit, never refused. */
  add(
    doc: Y.Doc,
    input: Partial<Record<F, string>> & { who?: PlanPerson[]; answers?: string[] },
    options: { id?: string; now?: number; authorId?: string } = {},
  ): string {
    const id = options.id ?? `${this.#prefix}_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const entries = this.read(doc);
    doc.transact(() => {
      const writes = positionWrites(entries, id, entries.length);
      for (const [other, position] of writes) this.of(doc).get(other)?.set('position', position);
      const entry: EntryMap = new Y.Map();
      for (const field of this.fields)
        entry.set(field, new Y.Text((input[field] ?? '').slice(0, maxPlanTextLength)));
      const who = new Y.Map<string>();
      for (const person of input.who ?? []) who.set(personId(person), person.name.trim());
      entry.set('who', who);
      const answers = new Y.Map<boolean>();
      for (const pairId of input.answers ?? []) answers.set(pairId, true);
      entry.set('answers', answers);
      entry.set('position', writes.find(([each]) => each === id)![1]);
      entry.set('createdAt', options.now ?? Date.now());
      if (options.authorId) entry.set(planEntryAuthorField, options.authorId);
      this.of(doc).set(id, entry);
    });
    return id;
  }

  #entry(doc: Y.Doc, id: string): EntryMap | undefined {
    const entry = this.of(doc).get(id);
    return entry instanceof Y.Map ? entry : undefined;
  }

  /** The record's shared text for a field (made into one if a malformed entry lacked it). */
  text(doc: Y.Doc, id: string, field: F): Y.Text | undefined {
    const entry = this.#entry(doc, id);
    if (!entry) return undefined;
    const value = entry.get(field);
    if (value instanceof Y.Text) return value;
    const repaired = new Y.Text(readText(value) ?? '');
    entry.set(field, repaired);
    return repaired;
  }

  edit(doc: Y.Doc, id: string, changes: Partial<Record<F, string>>): void {
    if (!this.#entry(doc, id)) return;
    doc.transact(() => {
      for (const field of this.fields) {
        const next = changes[field];
        if (next !== undefined) replaceText(this.text(doc, id, field)!, next.slice(0, maxPlanTextLength));
      }
    });
  }

  #subMap<T>(doc: Y.Doc, id: string, key: 'who' | 'answers' | 'moments'): Y.Map<T> | undefined {
    const entry = this.#entry(doc, id);
    if (!entry) return undefined;
    const value = entry.get(key);
    if (value instanceof Y.Map) return value as Y.Map<T>;
    const repaired = new Y.Map<T>();
    entry.set(key, repaired);
    return repaired;
  }

  addPerson(doc: Y.Doc, id: string, person: PlanPerson): void {
    const parsed = planPersonSchema.safeParse(person);
    if (!parsed.success) return;
    this.#subMap<string>(doc, id, 'who')?.set(personId(parsed.data), parsed.data.name);
  }

  removePerson(doc: Y.Doc, id: string, person: PlanPerson | string): void {
    this.#subMap<string>(doc, id, 'who')?.delete(typeof person === 'string' ? person : personId(person));
  }

  setAnswers(doc: Y.Doc, id: string, pairId: string, answers: boolean): void {
    const map = this.#subMap<boolean>(doc, id, 'answers');
    if (!map) return;
    if (answers) map.set(pairId, true);
    else map.delete(pairId);
  }

  /** Marks when a record matters (a day or part of the day) [PLAN10]; tokens are checked by the caller's list. */
  setMoment(doc: Y.Doc, id: string, token: string, on: boolean): void {
    const map = this.#subMap<boolean>(doc, id, 'moments');
    if (!map) return;
    if (on) map.set(token, true);
    else map.delete(token);
  }

  remove(doc: Y.Doc, id: string): void {
    this.of(doc).delete(id);
  }

  move(doc: Y.Doc, id: string, toIndex: number): void {
    const entries = this.read(doc);
    if (!entries.some((entry) => entry.id === id)) return;
    doc.transact(() => {
      for (const [each, position] of positionWrites(entries, id, toIndex))
        this.of(doc).get(each)?.set('position', position);
    });
  }

  /** Every record in order; a malformed entry is read as well as it can be. */
  read(doc: Y.Doc): PlanEntry<F>[] {
    const entries: PlanEntry<F>[] = [];
    for (const id of this.of(doc).keys()) {
      const entry = this.readOne(doc, id);
      if (entry) entries.push(entry);
    }
    return entries.sort(byPosition);
  }

  /** One record, if it is there (what `read` would list for it). */
  readOne(doc: Y.Doc, id: string): PlanEntry<F> | undefined {
    const entry = this.of(doc).get(id);
    if (!(entry instanceof Y.Map)) return undefined;
    const fields = Object.fromEntries(
      this.fields.map((field) => [field, readText(entry.get(field)) ?? '']),
    ) as Record<F, string>;
    const whoMap = entry.get('who');
    const who: PlanPerson[] = [];
    if (whoMap instanceof Y.Map)
      for (const [key, name] of whoMap.entries())
        if (typeof name === 'string') who.push(key.startsWith('name:') ? { name } : { key, name });
    who.sort((a, b) => a.name.localeCompare(b.name));
    const answersMap = entry.get('answers');
    const answers =
      answersMap instanceof Y.Map
        ? [...answersMap.entries()]
            .filter(([, on]) => on === true)
            .map(([pairId]) => pairId)
            .sort()
        : [];
    const momentsMap = entry.get('moments');
    const moments =
      momentsMap instanceof Y.Map
        ? [...momentsMap.entries()].filter(([, on]) => on === true).map(([token]) => token)
        : [];
    const position = entry.get('position');
    const createdAt = entry.get('createdAt');
    const authorId = entry.get(planEntryAuthorField);
    return {
      id,
      fields,
      who,
      answers,
      moments,
      position: typeof position === 'string' ? position : '',
      createdAt: typeof createdAt === 'number' ? createdAt : 0,
      authorId: typeof authorId === 'string' ? authorId : undefined,
    };
  }
}
