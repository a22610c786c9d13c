import { addCard, formatDocumentName, type DomainId } from '@kinboard/shared';
import { viewBeforeKey } from '@kinboard/shared/before-meeting/view-before';
import type { BoardDocuments } from '../realtime/plan-events.ts';
import type { UpdateAuthor, ViewBeforeRecord } from '../store/store.ts';

/** Where each part of a view lands on the map [PRIOR4]. */
const domainOfPart: Record<'worries' | 'workingWell' | 'offers', DomainId> = {
  worries: 'complicatingFactors',
  workingWell: 'existingStrengths',
  offers: 'nextSteps',
};

/**
 * Writes a view sent before the meeting onto the map as cards [PRIOR4]: one card for each part
 * that says something, credited to the view (`authorId` `prior:<viewId>`, which the meeting's
 * author list names as its sender, as the server recorded the pass), from the network's point of
 * view. The server writes it through the loaded document, stored before it is relayed, with the
 * chair as the edit's author in the board's history [HISTORY1].
 */
export async function bringViewIn(
  documents: BoardDocuments,
  view: ViewBeforeRecord,
  chair: { key: string; author: UpdateAuthor },
  now: number,
): Promise<string[]> {
  const ids: string[] = [];
  await documents.changeDocument(
    formatDocumentName({ meetingId: view.meetingId, part: 'map' }),
    chair.key,
    chair.author,
    (doc) => {
      for (const part of ['worries', 'workingWell', 'offers'] as const) {
        const text = view[part].trim();
        if (!text) continue;
        ids.push(
          addCard(
            doc,
            {
              domain: domainOfPart[part],
              text,
              author: view.name,
              authorId: viewBeforeKey(view.id),
              perspective: 'network',
            },
            { now },
          ),
        );
      }
    },
  );
  return ids;
}
