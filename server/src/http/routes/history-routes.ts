import { formatDocumentName, recordHistory, type DocumentPart, type ItemHistory } from '@kinboard/shared';
import type { Store } from '../../store/store.ts';
import type { ApiContext } from '../api-context.ts';
import { ok, Reply } from '../reply.ts';
import { route } from '../router.ts';

/** The parts whose items have a history: the map's cards, the frame's statements, goals and bottom lines, the plan's rules. */
const partsWithItems: readonly DocumentPart[] = ['map', 'frame', 'plan'];

/**
 * GET /api/meetings/:id/history: every card, statement, goal, bottom line and plan rule of the
 * meeting, each with its versions, who wrote them (the name and role the server recorded) and
 * when [HISTORY5]. Staff with access to the meeting's family only, as every family route.
 */
async function meetingHistory(context: ApiContext): Promise<Reply> {
  const allowed = await context.meetingOfStaff(context.params['id']!);
  if (allowed instanceof Reply) return allowed;
  return ok({ items: await meetingItemHistory(context.store, allowed.meeting.id) });
}

/** Every item's versions in one meeting, as the history route and the subject-access archive give them. */
export async function meetingItemHistory(store: Store, meetingId: string): Promise<ItemHistory[]> {
  const items: ItemHistory[] = [];
  for (const part of partsWithItems) {
    const entries = await store.loadDocumentHistory(formatDocumentName({ meetingId, part }));
    items.push(
      ...recordHistory(
        part,
        entries.map(({ update, participant, author, at }) => ({
          update,
          at,
          author: author && { participant, name: author.name, role: author.role },
        })),
      ),
    );
  }
  return items;
}

export const historyRoutes = [route('GET', '/api/meetings/:id/history', meetingHistory)];
