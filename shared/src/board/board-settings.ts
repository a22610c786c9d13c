import type * as Y from 'yjs';
import * as z from 'zod/mini';
import { customLabelSchema } from '../vocabulary/custom-label.ts';
import { meetingTypes, type MeetingTypeId } from '../vocabulary/meeting-types.ts';
import { vocabularyIdSchema, wordsFor, type VocabularyId, type Words } from '../vocabulary/vocabulary.ts';

/**
 * The board's settings: root Y.Map `settings` { vocabularyId, customLabel? }. They live in the
 * document so every screen relabels the moment the chair switches; switching only changes
 * words, never what people wrote, because cards and pairs store domain ids.
 */
export const settingsRoot = 'settings';

export const boardSettingsSchema = z.object({
  vocabularyId: vocabularyIdSchema,
  customLabel: z.optional(customLabelSchema),
});
export type BoardSettings = z.output<typeof boardSettingsSchema>;

/** A change to the settings; `customLabel: null` clears the label. */
export interface BoardSettingsChange {
  vocabularyId?: VocabularyId;
  customLabel?: string | null;
}

export function settingsOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(settingsRoot);
}

/**
 * The settings as stored, each field checked on its own so one bad field does not lose the
 * other. With no valid vocabulary the board reads as Safety: when unsure, child protection.
 */
export function readBoardSettings(doc: Y.Doc): BoardSettings {
  const settings = settingsOf(doc);
  const vocabularyId = vocabularyIdSchema.safeParse(settings.get('vocabularyId'));
  const customLabel = customLabelSchema.safeParse(settings.get('customLabel'));
  return {
    vocabularyId: vocabularyId.success ? vocabularyId.data : 'safety',
    ...(customLabel.success ? { customLabel: customLabel.data } : {}),
  };
}

export type SettingsResult = { ok: true; settings: BoardSettings } | { ok: false; error: string };

export function writeBoardSettings(doc: Y.Doc, change: BoardSettingsChange): SettingsResult {
  const vocabularyId = z.optional(vocabularyIdSchema).safeParse(change.vocabularyId);
  if (!vocabularyId.success) return { ok: false, error: 'that vocabulary does not exist' };
  const label = change.customLabel == null ? undefined : customLabelSchema.safeParse(change.customLabel);
  if (label && !label.success) return { ok: false, error: label.error.issues[0]?.message ?? 'invalid label' };
  const settings = settingsOf(doc);
  doc.transact(() => {
    if (vocabularyId.data) settings.set('vocabularyId', vocabularyId.data);
    if (label) settings.set('customLabel', label.data);
    else if (change.customLabel === null) settings.delete('customLabel');
  });
  return { ok: true, settings: readBoardSettings(doc) };
}

/** Sets the meeting type's vocabulary on a board that has none yet. */
export function initialiseBoardSettings(doc: Y.Doc, typeId: MeetingTypeId): void {
  if (!settingsOf(doc).has('vocabularyId'))
    writeBoardSettings(doc, { vocabularyId: meetingTypes[typeId].defaultVocabulary });
}

/** Every word the board's screens need, from its current settings. */
export function boardWords(doc: Y.Doc): Words {
  const { vocabularyId, customLabel } = readBoardSettings(doc);
  return wordsFor(vocabularyId, customLabel);
}
