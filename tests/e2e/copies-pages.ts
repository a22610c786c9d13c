import { planRules, readPlanRules, type Result } from '@kinboard/shared';
import { expect } from '@playwright/test';
import { testReason } from '../helpers/agreement.ts';
import { Browser as HttpBrowser } from '../helpers/browser.ts';
import { eventually } from '../helpers/eventually.ts';
import {
  admitGuest,
  cookieOf,
  createFamily,
  createOpenMeeting,
  joinAsGuest,
  type Guest,
} from '../helpers/meeting-harness.ts';
import { connectRealtime, request, type RealtimeClient } from '../helpers/realtime-client.ts';
import type { TestServer } from '../helpers/server.ts';
import { storedDoc } from '../helpers/store-fixtures.ts';
import { connectStockClient, type StockClient } from '../helpers/yjs-client.ts';
import { admin } from './access-pages.ts';

/**
 * The Pemberton family's agreed plan, set up as the other screens would: Nan joins, writes her
 * rule from her phone, and everyone agrees. The copies' browser tests start from here [COPY8].
 */
export async function agreedPlanForNan(
  server: TestServer,
): Promise<{ familyId: string; meetingId: string; nan: Guest }> {
  const chairHttp = new HttpBrowser(server);
  await chairHttp.post('/api/session', { email: admin.email, password: admin.password });
  const familyId = await createFamily(chairHttp, 'Pemberton family', {
    network: [{ name: 'Nan Pemberton', relationship: 'Nan', contact: 'nan@family.example' }],
  });
  const { meetingId, code } = await createOpenMeeting(chairHttp, familyId, {
    title: 'Network meeting',
    date: '2026-12-02',
  });
  const nan = await joinAsGuest(server, code, { address: '', name: 'Nan Pemberton', relationship: 'Nan' });
  await admitGuest(chairHttp, meetingId, nan.participantId, 'family');
  const clients: StockClient[] = [];
  const sockets: RealtimeClient[] = [];
  try {
    const plan = connectStockClient(server.wsUrl, `${meetingId}.plan`, { cookie: nan.cookie });
    clients.push(plan);
    await plan.synced;
    planRules.add(
      plan.doc,
      {
        what: 'Nan collects Alfie from school on Tuesdays',
        when: 'Tuesdays, 3pm',
        howWeKnow: 'Nan texts the social worker',
        who: [{ key: nan.key, name: 'Nan Pemberton' }],
        answers: [],
      },
      { authorId: nan.key },
    );
    await eventually(() =>
      expect(readPlanRules(storedDoc(server.dataDir, `${meetingId}.plan`))).toHaveLength(1),
    );
    const chairSocket = connectRealtime(server.url, 1, cookieOf(chairHttp));
    const nanSocket = connectRealtime(server.url, 1, nan.cookie);
    sockets.push(chairSocket, nanSocket);
    const ask = async (socket: RealtimeClient, event: Parameters<typeof request>[1], payload: unknown) =>
      expect((await request(socket, event, payload)) as unknown as Result<unknown>).toMatchObject({
        ok: true,
      });
    await ask(chairSocket, 'meeting:enter', { meetingId, screen: 'chair' });
    await ask(nanSocket, 'meeting:enter', { meetingId, screen: 'phone' });
    await ask(chairSocket, 'plan:agreement', { action: 'start', reason: testReason });
    await ask(nanSocket, 'plan:answer', { agrees: true });
    await ask(chairSocket, 'plan:answer', { agrees: true });
    await ask(chairSocket, 'plan:agreement', { action: 'finalise' });
  } finally {
    for (const client of clients) client.destroy();
    for (const socket of sockets) socket.disconnect();
  }

  return { familyId, meetingId, nan };
}
