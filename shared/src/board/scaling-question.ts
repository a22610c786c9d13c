import * as Y from 'yjs';
import * as z from 'zod/mini';
import { byPosition, positionWrites } from './position.ts';
import { statementPairsOf } from './statement-pair.ts';
import { readText, replaceText } from './text-edit.ts';

/**
 * A scaling question: "On a scale of 0 to 10, ...", with both ends defined in words, drafted by
 * staff before the meeting (so it lives in the `frame` document, which only staff write).
 * Root Y.Map `scalingQuestions`: id -> Y.Map { text, zeroMeans, tenMeans (each Y.Text),
 * tiedTo ('statementPair' | 'planConfidence' | 'standalone'), pairId, position, createdAt }.
 * Rounds (people's numbers) are not here: the server holds them, secret until revealed.
 */
export const scalingQuestionsRoot = 'scalingQuestions';

export const maxScalingTextLength = 600;
const scalingText = z.string().check(z.maxLength(maxScalingTextLength));

export const scalingTieSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('statementPair'),
    pairId: z.string().check(z.minLength(1), z.maxLength(100)),
  }),
  z.strictObject({ kind: z.literal('planConfidence') }),
  z.strictObject({ kind: z.literal('standalone') }),
]);
export type ScalingTie = z.infer<typeof scalingTieSchema>;

export const scalingQuestionInputSchema = z.object({
  text: scalingText.check(z.trim(), z.minLength(1)),
  zeroMeans: z._default(scalingText, ''),
  tenMeans: z._default(scalingText, ''),
  tiedTo: z._default(scalingTieSchema, { kind: 'standalone' }),
});
export type ScalingQuestionInput = z.input<typeof scalingQuestionInputSchema>;

export interface ScalingQuestion {
  id: string;
  text: string;
  zeroMeans: string;
  tenMeans: string;
  tiedTo: ScalingTie;
  position: string;
  createdAt: number;
}

const textFields = ['text', 'zeroMeans', 'tenMeans'] as const;
type TextField = (typeof textFields)[number];
type QuestionMap = Y.Map<unknown>;

export function scalingQuestionsOf(doc: Y.Doc): Y.Map<QuestionMap> {
  return doc.getMap<QuestionMap>(scalingQuestionsRoot);
}

/** Adds a question at the end; undefined when its text is empty or too long. */
export function addScalingQuestion(
  doc: Y.Doc,
  input: ScalingQuestionInput,
  options: { id?: string; now?: number } = {},
): string | undefined {
  const parsed = scalingQuestionInputSchema.safeParse(input);
  if (!parsed.success) return undefined;
  const valid = parsed.data;
  const id = options.id ?? `sq_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const questions = readScalingQuestions(doc);
  doc.transact(() => {
    const writes = positionWrites(questions, id, questions.length);
    for (const [other, position] of writes) scalingQuestionsOf(doc).get(other)?.set('position', position);
    const question: QuestionMap = new Y.Map();
    for (const field of textFields) question.set(field, new Y.Text(valid[field]));
    writeTie(question, valid.tiedTo);
    question.set('position', writes.find(([each]) => each === id)![1]);
    question.set('createdAt', options.now ?? Date.now());
    scalingQuestionsOf(doc).set(id, question);
  });
  return id;
}

function writeTie(question: QuestionMap, tie: ScalingTie): void {
  question.set('tiedTo', tie.kind);
  question.set('pairId', tie.kind === 'statementPair' ? tie.pairId : '');
}

/** Changes the question's words, only where they differ. */
export function editScalingQuestion(
  doc: Y.Doc,
  id: string,
  changes: Partial<Record<TextField, string>>,
): void {
  const question = scalingQuestionsOf(doc).get(id);
  if (!(question instanceof Y.Map)) return;
  doc.transact(() => {
    for (const field of textFields) {
      const next = changes[field];
      if (next === undefined) continue;
      let shared = question.get(field);
      if (!(shared instanceof Y.Text)) question.set(field, (shared = new Y.Text(readText(shared) ?? '')));
      replaceText(shared as Y.Text, next.slice(0, maxScalingTextLength));
    }
  });
}

export function tieScalingQuestion(doc: Y.Doc, id: string, tie: ScalingTie): void {
  const question = scalingQuestionsOf(doc).get(id);
  const parsed = scalingTieSchema.safeParse(tie);
  if (!(question instanceof Y.Map) || !parsed.success) return;
  doc.transact(() => writeTie(question, parsed.data));
}

export function removeScalingQuestion(doc: Y.Doc, id: string): void {
  scalingQuestionsOf(doc).delete(id);
}

/**
 * What the question is tied to, as it reads now. A question tied to a statement pair that was
 * removed stands alone: it is still asked, and its past rounds keep its id.
 */
function readTie(doc: Y.Doc, question: QuestionMap): ScalingTie {
  const kind = question.get('tiedTo');
  const pairId = question.get('pairId');
  if (kind === 'planConfidence') return { kind };
  if (
    kind === 'statementPair' &&
    typeof pairId === 'string' &&
    statementPairsOf(doc).get(pairId) instanceof Y.Map
  )
    return { kind, pairId };
  return { kind: 'standalone' };
}

/** Every question in order; an entry without text is skipped. */
export function readScalingQuestions(doc: Y.Doc): ScalingQuestion[] {
  const questions: ScalingQuestion[] = [];
  for (const [id, question] of scalingQuestionsOf(doc).entries()) {
    if (!(question instanceof Y.Map)) continue;
    const text = readText(question.get('text'));
    if (text === undefined) continue;
    const position = question.get('position');
    const createdAt = question.get('createdAt');
    questions.push({
      id,
      text,
      zeroMeans: readText(question.get('zeroMeans')) ?? '',
      tenMeans: readText(question.get('tenMeans')) ?? '',
      tiedTo: readTie(doc, question),
      position: typeof position === 'string' ? position : '',
      createdAt: typeof createdAt === 'number' ? createdAt : 0,
    });
  }
  return questions.sort(byPosition);
}
