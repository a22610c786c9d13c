import { expect, test } from '@playwright/test';
import { addCard, cardById, connectionStatus, holdSyncFrames, openChair } from './board-page.ts';
import { useTestServer } from './test-server.ts';

const server = useTestServer();

test('a phone typing in a card as the chair locks its column is put right: it says why, keeps the stored text and its card still writes', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const chair = await openChair(browser, server.url);
  const phone = await (
    await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })
  ).newPage();
  const gate = await holdSyncFrames(phone, /\/yjs\/demo-hollis\.map/);
  await phone.goto(`${server.url}/phone/demo-hollis`);
  await expect(connectionStatus(phone)).toHaveText('Connected');
  await phone.getByRole('button', { name: "What's working well?" }).tap();

  const id = await addCard(phone, 'Existing strengths', 'Nan reads with the children');
  await expect(cardById(chair, id)).toHaveValue('Nan reads with the children');

  // Still typing as the chair locks the column: the keystrokes reach the server after the lock.
  gate.held = true;
  await phone.keyboard.type(' every night');
  await expect(cardById(phone, id)).toHaveValue('Nan reads with the children every night');
  await chair.getByRole('button', { name: "Lock What's working well?" }).click();
  await expect(phone.getByTestId('locked-note')).toHaveText('Agreed — locked by the chair');
  gate.release();

  const refused = phone.getByTestId('refused-edit');
  await expect(refused).toContainText(
    'Your last change could not be saved because the chair has locked that part of the board. Everything else is here.',
    { timeout: 15_000 },
  );
  await expect(connectionStatus(phone)).toHaveText('Connected', { timeout: 15_000 });
  await expect(cardById(phone, id)).toHaveValue('Nan reads with the children');
  await expect(cardById(chair, id)).toHaveValue('Nan reads with the children');

  // Unlocked again, the same card on the phone writes to the board as the server has it.
  await chair.getByRole('button', { name: "Lock What's working well?" }).click();
  await expect(phone.getByTestId('locked-note')).toHaveCount(0);
  await cardById(phone, id).click();
  await phone.keyboard.press('End');
  await phone.keyboard.type(' on Sundays');
  await expect(cardById(chair, id)).toHaveValue('Nan reads with the children on Sundays');
  await expect(phone.getByTestId('save-status')).toHaveText('All changes saved');
  await phone.context().close();
  await chair.context().close();
});
