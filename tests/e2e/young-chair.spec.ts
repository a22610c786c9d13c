import { type Result } from '@kinboard/shared';
import { expect, test, type Page } from '@playwright/test';
import { connectRealtime, request } from '../helpers/realtime-client.ts';
import {
  accessEnv,
  askToJoin,
  createFamily,
  createMeeting,
  openMeeting,
  overflow,
  phoneContext,
  signIn,
  staffContext,
} from './access-pages.ts';
import { useTestServer } from './test-server.ts';

const server = useTestServer({ env: accessEnv });

async function admit(chair: Page, name: string, role: string) {
  const waiting = chair.getByTestId('lobby-person').filter({ hasText: name });
  await waiting.getByLabel(`Role for ${name}`).selectOption({ label: role });
  await waiting.getByRole('button', { name: `Let ${name} in` }).click();
  await expect(chair.getByTestId('lobby-admitted')).toContainText(name);
}

test('[MEET5] a young person chairs their looked-after review from their phone; the server allows them only the safe controls', async ({
  browser,
}) => {
  const staff = await staffContext(browser);
  const chair = await staff.newPage();
  await signIn(chair, server.url);
  await createFamily(chair, 'Achebe', ['Tobi']);
  await chair.getByLabel('Kind of meeting').selectOption({ label: 'Looked-after review' });
  const meetingId = await createMeeting(chair, 'Tobi’s review');
  const code = await openMeeting(chair, 'Tobi’s review');
  await chair.goto(`${server.url}/chair/${meetingId}`);

  const phoneContextOfTobi = await phoneContext(browser);
  const tobi = await phoneContextOfTobi.newPage();
  await askToJoin(tobi, server.url, code, 'Tobi', 'It is me');
  await admit(chair, 'Tobi', 'Child or young person');
  await expect(tobi.getByTestId('young-chair')).toBeVisible({ timeout: 15_000 });
  await expect(tobi.getByTestId('young-chair')).toContainText('You are chairing this meeting');
  expect(await overflow(tobi)).toBeLessThanOrEqual(0);

  // Tobi takes everyone to the scaling step: the chair's console shows the move.
  await tobi
    .getByRole('button', { name: 'Take everyone to: Scaling, with everyone including the young person' })
    .click();
  await expect(
    chair.getByRole('button', {
      name: 'Move everyone to: Scaling, with everyone including the young person',
      exact: true,
    }),
  ).toHaveAttribute('aria-current', 'step');

  // The server decides: with Tobi's own sign-in, moving is allowed, agreeing the plan is not.
  const cookie = (await phoneContextOfTobi.cookies()).map((each) => `${each.name}=${each.value}`).join('; ');
  const socket = connectRealtime(server.url, 1, cookie);
  const ask = (event: Parameters<typeof request>[1], payload: unknown) =>
    request(socket, event, payload) as unknown as Promise<Result<unknown>>;
  expect(await ask('meeting:enter', { meetingId, screen: 'phone' })).toMatchObject({ ok: true });
  expect(await ask('chair:follow', { follow: true })).toMatchObject({ ok: true });
  expect(await ask('plan:agreement', { action: 'start', reason: 'no' })).toMatchObject({
    ok: false,
    code: 'forbidden',
  });
  expect(await ask('chair:lock', { column: 'worries', locked: true })).toMatchObject({
    ok: false,
    code: 'forbidden',
  });
  socket.disconnect();
  await staff.close();
  await phoneContextOfTobi.close();
});
