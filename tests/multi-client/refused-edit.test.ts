import { testReason } from '../helpers/agreement.ts';
import { closeCodes, planRules, readPlanRules, statementPairsRoot, type Result } from '@kinboard/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventually } from '../helpers/eventually.ts';
import { request } from '../helpers/realtime-client.ts';
import { admitGuest, cookieOf, createOpenMeeting, joinAsGuest } from '../helpers/meeting-harness.ts';
import { useMeetingSuite } from '../helpers/meeting-suite.ts';
import { storedDoc, storedRows } from '../helpers/store-fixtures.ts';
import type { StockClient } from '../helpers/yjs-client.ts';

/** The server's close of a stock client: its code and reason. */
const closeOf = (client: StockClient) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    client.provider.on(
      'connection-close',
      (event) => event && resolve({ code: event.code, reason: event.reason }),
    ),
  );

describe('[SYNC22] an edit refused because of a state that changes closes with 4423, not 4403', () => {
  const suite = useMeetingSuite({ chairAddress: '10.7.0.1', family: 'Adeyemi' });
  const stock = (name: string, cookie: string) => suite.stock(name, cookie);

  it('a phone’s plan edit as agreement starts: 4423 planLocked, nothing stored or relayed, the stock client stops, a fresh copy syncs what the server has', async () => {
    const { server, chair, familyId } = suite;
    const { meetingId, code } = await createOpenMeeting(chair, familyId, {
      date: '2026-12-02',
      title: 'Refused edit',
    });
    const guest = await joinAsGuest(server, code, {
      address: '10.7.0.2',
      name: 'Gran',
      relationship: 'grandmother',
    });
    await admitGuest(chair, meetingId, guest.participantId, 'family');
    const phoneCookie = guest.cookie;
    const planName = `${meetingId}.plan`;

    const phone = await stock(planName, phoneCookie);
    const rule = planRules.add(
      phone.doc,
      { what: 'Gran collects from school' },
      { authorId: `guest:${guest.participantId}` },
    );
    await eventually(() => expect(readPlanRules(storedDoc(server.dataDir, planName))).toHaveLength(1));
    const onlooker = await stock(planName, cookieOf(chair));
    await eventually(() => expect(readPlanRules(onlooker.doc)).toHaveLength(1));

    const chairSocket = await suite.enter(cookieOf(chair), meetingId, 'chair');
    expect(
      (await request(chairSocket, 'plan:agreement', {
        action: 'start',
        reason: testReason,
      })) as unknown as Result<unknown>,
    ).toMatchObject({ ok: true });

    // The phone was still typing in the rule.
    const rowsBefore = storedRows(server.dataDir, planName).length;
    const storedBefore = Y.encodeStateAsUpdate(storedDoc(server.dataDir, planName));
    const closed = closeOf(phone);
    planRules.edit(phone.doc, rule, { what: 'Gran collects from school on Fridays' });
    expect(await closed).toEqual({ code: closeCodes.refusedEdit, reason: 'planLocked' });

    // Nothing of it was applied, stored or relayed.
    expect(storedRows(server.dataDir, planName)).toHaveLength(rowsBefore);
    expect(Y.encodeStateAsUpdate(storedDoc(server.dataDir, planName))).toEqual(storedBefore);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readPlanRules(onlooker.doc)[0]!.fields.what).toBe('Gran collects from school');

    // A stock y-websocket client stops on 4423 as on any 44xx code: it does not send the refused
    // edit again and again.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(phone.provider.shouldConnect).toBe(false);
    expect(phone.provider.ws).toBeNull();

    // What the web client does: a fresh copy of the document, from the same phone, syncs the
    // server's plan (the refused edit is gone) and is not refused.
    const fresh = await stock(planName, phoneCookie);
    expect(readPlanRules(fresh.doc).map((each) => each.fields.what)).toEqual(['Gran collects from school']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fresh.provider.wsconnected).toBe(true);
  });

  it('something no honest screen sends (the frame from a guest) still stops with 4403', async () => {
    const { server, chair, familyId } = suite;
    const { meetingId, code } = await createOpenMeeting(chair, familyId, {
      date: '2026-12-03',
      title: 'Forged edit',
    });
    const guest = await joinAsGuest(server, code, {
      address: '10.7.0.3',
      name: 'Uncle',
      relationship: 'uncle',
    });
    await admitGuest(chair, meetingId, guest.participantId, 'family');
    const frame = await stock(`${meetingId}.frame`, guest.cookie);
    const closed = closeOf(frame);
    frame.doc.getMap(statementPairsRoot).set('danger-forged', new Y.Map());
    expect((await closed).code).toBe(closeCodes.forbidden);
  });
});
