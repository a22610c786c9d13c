import type { ScreenKind, VocabularyId } from '@kinboard/shared';
import { m } from '../paraglide/messages.js';
import { fromCatalogue } from './from-catalogue.ts';

/**
 * The words for a value a meeting's board holds (a screen's kind, a vocabulary, a drawing), for
 * components that look a word up by that value. A word a component names in its code is a
 * direct call of its message instead (`m.board_addCard()`).
 */
export const screenNames: Record<ScreenKind, string> = /* @__PURE__ */ fromCatalogue({
  chair: m.presence_screens_chair,
  projector: m.presence_screens_projector,
  phone: m.presence_screens_phone,
});

/** The vocabularies' own names, the practice's words. */
export const vocabularyNames: Record<VocabularyId, string> = /* @__PURE__ */ fromCatalogue({
  safety: m.practice_safety_label,
  wellbeing: m.practice_wellbeing_label,
  success: m.practice_success_label,
});

export const canvasNames = /* @__PURE__ */ fromCatalogue({
  genogram: m.drawing_canvas_genogram,
  houses: m.drawing_canvas_houses,
  story: m.drawing_canvas_story,
});

/** The parts that help draft a statement, on the chair's statement editor. */
export const statementPartNames = /* @__PURE__ */ fromCatalogue({
  whoIsWorried: m.statement_whoIsWorried,
  behaviour: m.statement_behaviour,
  impactOnChild: m.statement_impactOnChild,
});
