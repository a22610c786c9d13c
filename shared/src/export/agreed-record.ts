import * as z from 'zod/mini';
import { agreedBoardSchema } from '../board/agreed-board.ts';
import { documentParts } from '../protocol/document-name.ts';
import { vocabularyIdSchema } from '../vocabulary/vocabulary.ts';

/**
 * An agreed plan version as exported: everything the case record, the family's plan and "my
 * part" are built from, and exactly what the JSON export carries for other tools. Built by the
 * server from the stored version (never the live board), the meeting's revealed scaling rounds
 * and the vocabulary the board was agreed under. `schemaVersion` changes when a field's meaning
 * does; a tool reading version 1 can rely on every field below. The meeting's drawings are not
 * in it: they are not part of what is agreed and change after it, and this record is the same
 * every time the version is downloaded.
 */
export const agreedRecordSchemaVersion = 1;

const nounSchema = z.object({ one: z.string(), many: z.string() });

export const agreedRecordSchema = z.object({
  schemaVersion: z.literal(agreedRecordSchemaVersion),
  family: z.object({ id: z.string(), name: z.string() }),
  meeting: z.object({
    id: z.string(),
    /** A meeting type id from the shared vocabulary, and its name as the practice says it. */
    type: z.string(),
    typeName: z.string(),
    title: z.string(),
    /** yyyy-mm-dd */
    date: z.string(),
  }),
  version: z.object({
    number: z.int().check(z.positive()),
    startedAt: z.number(),
    agreedAt: z.number(),
    agreedBy: z.object({ id: z.string(), name: z.string() }),
  }),
  /** The words the meeting used: "danger statement" or "worry statement", and so on. */
  vocabulary: z.object({
    id: vocabularyIdSchema,
    frameworkName: z.string(),
    statement: nounSchema,
    goal: nounSchema,
    bottomLine: nounSchema,
    /** The map's column and domain titles in this vocabulary, by id. */
    columns: z.record(z.string(), z.string()),
    domains: z.record(z.string(), z.string()),
  }),
  board: agreedBoardSchema,
  /**
   * Cards the server recorded as written by a family member or a child, in their own words, each
   * with the name and relationship they joined with [EXPORT5]; nobody else's words are here.
   */
  familyWords: z.array(
    z.object({
      domain: z.string(),
      text: z.string(),
      author: z.string(),
      relationship: z.optional(z.string()),
    }),
  ),
  /**
   * Who first added each card, statement, bottom line and plan rule (by its id), and when: the
   * name and role the server recorded with the update that added it, from the boards' history
   * up to agreement [RECORD7]. An item added before history was kept, or by the server, is not
   * listed.
   */
  added: z.optional(
    z.record(z.string(), z.object({ name: z.string(), role: z.optional(z.string()), at: z.number() })),
  ),
  /**
   * Who made each rule, fire drill and next step (by its id), as the server recorded them: the
   * participant whose Yjs client id created it [EXPORT6]. An entry made by nobody the server
   * knows (before sign-in) is not listed.
   */
  writers: z.optional(
    z.record(z.string(), z.object({ name: z.string(), relationship: z.optional(z.string()) })),
  ),
  /**
   * Every card of the map as agreed [EXPORT7], in the map's order (domain by domain), with its
   * column, who wrote it (as the server recorded them [EXPORT5]) and from whose point of view.
   */
  map: z.array(
    z.object({
      id: z.string(),
      column: z.string(),
      domain: z.string(),
      text: z.string(),
      author: z.string(),
      relationship: z.optional(z.string()),
      perspective: z.string(),
      /** Sent before the meeting by its author, who could not come, and brought in [PRIOR4]. */
      sentBefore: z.optional(z.literal(true)),
    }),
  ),
  /** What the meeting decided and when it meets next (yyyy-mm-dd or '') [EXPORT8]. */
  decision: z.object({ text: z.string(), nextMeetingDate: z.string() }),
  participants: z.array(z.object({ participantKey: z.string(), name: z.string(), role: z.string() })),
  /** Each person's answer to "Do you agree and understand your part?" in the round that agreed it. */
  agreement: z.array(
    z.object({
      participantKey: z.string(),
      name: z.string(),
      role: z.string(),
      agrees: z.boolean(),
      reason: z.optional(z.string()),
      at: z.number(),
    }),
  ),
  /**
   * The record itself: each of the meeting's documents exactly as agreed, as a Yjs v1 update in
   * base64 (`Y.applyUpdate` on an empty document gives the board back, down to each character's
   * author). Everything above is read from these.
   */
  documents: z.array(z.object({ part: z.enum(documentParts), yjsUpdateBase64: z.string() })),
  /**
   * The views sent before the meeting that the chair brought in before agreement [PRIOR5]: who
   * sent each (as recorded for their pass), when, and their numbers for the scaling questions.
   */
  sentBefore: z.optional(
    z.array(
      z.object({
        name: z.string(),
        relationship: z.string(),
        sentAt: z.number(),
        broughtInAt: z.number(),
        scaling: z.array(z.object({ question: z.string(), value: z.int().check(z.gte(0), z.lte(10)) })),
      }),
    ),
  ),
  /** The meeting's scaling rounds revealed before the plan was agreed, oldest first. */
  scaling: z.array(
    z.object({
      roundId: z.string(),
      question: z.object({ text: z.string(), zeroMeans: z.string(), tenMeans: z.string() }),
      named: z.boolean(),
      revealedAt: z.number(),
      /** Names and roles only from a named round, as everyone saw them at the reveal. */
      points: z.array(
        z.object({
          value: z.int().check(z.gte(0), z.lte(10)),
          reason: z.optional(z.string()),
          name: z.optional(z.string()),
          role: z.optional(z.string()),
        }),
      ),
    }),
  ),
});
export type AgreedRecord = z.infer<typeof agreedRecordSchema>;
