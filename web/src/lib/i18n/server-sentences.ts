import type { RefusedEditReason } from '@kinboard/shared';
import { m } from '../paraglide/messages.js';

/**
 * What a person is told when the server refused their last change because of a state that
 * changes (4423, close-codes.ts) and the screen started afresh from what the server has.
 */
export function refusedSentence(reason: RefusedEditReason | 'other'): string {
  switch (reason) {
    case 'planLocked':
      return m.refused_planLocked();
    case 'columnLocked':
      return m.refused_columnLocked();
    case 'notYourCard':
      return m.refused_notYourCard();
    case 'readOnly':
      return m.refused_readOnly();
    case 'notSaving':
      return m.refused_notSaving();
    default:
      return m.refused_other();
  }
}

/** What a person is told when the server has stopped this screen for good (see close-codes.ts). */
export function stoppedSentence(code: number): string {
  switch (code) {
    case 4401:
      return m.stopped_4401();
    case 4403:
      return m.stopped_4403();
    case 4404:
      return m.stopped_4404();
    case 4410:
      return m.stopped_4410();
    case 4413:
    case 1009:
      return m.stopped_4413();
    case 4426:
      return m.stopped_4426();
    case 4440:
      return m.stopped_4440();
    case 4441:
      return m.stopped_4441();
    default:
      return m.stopped_default();
  }
}
