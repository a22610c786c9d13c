import { expect, test, type Page } from '@playwright/test';
import { startServer, type TestServer } from '../helpers/server.ts';
import {
  accessEnv,
  createFamily,
  createMeeting,
  openMeeting,
  overflow,
  phoneContext,
  seriousViolations,
  signIn,
  staffContext,
} from './access-pages.ts';
import { addCard, cardById, connectionStatus } from './board-page.ts';

let server: TestServer;
test.beforeAll(async () => {
  server = await startServer({ env: accessEnv });
});
test.afterAll(async () => {
  await server.dispose();
});

/** The words each phone is checked by, in its own language (web/messages/*.json). */
const words = {
  en: {
    join: 'Join a meeting',
    name: 'Your name',
    relationship: 'How do you know the child or children?',
    ask: 'Ask to join',
    waiting: 'Waiting for the chair to let you in',
    connected: 'Connected',
    workingWell: "What's working well?",
    finished: 'This meeting has finished',
  },
  cy: {
    join: 'Ymuno â chyfarfod',
    name: 'Eich enw',
    relationship: 'Sut ydych chi’n adnabod y plentyn neu’r plant?',
    ask: 'Gofyn am gael ymuno',
    waiting: 'Yn aros i’r cadeirydd adael i chi ddod i mewn',
    connected: 'Wedi cysylltu',
    workingWell: 'Beth sy’n gweithio’n dda?',
    finished: 'Mae’r cyfarfod hwn wedi dod i ben',
  },
  ar: {
    join: 'الانضمام إلى اجتماع',
    name: 'اسمك',
    relationship: 'ما صلتك بالطفل أو الأطفال؟',
    ask: 'طلب الانضمام',
    waiting: 'في انتظار أن يسمح لك رئيس الاجتماع بالدخول',
    connected: 'متصل',
    workingWell: 'ما الذي يسير بشكل جيد؟',
    finished: 'انتهى هذا الاجتماع',
  },
} as const;
type Language = keyof typeof words;

/** What the phone keeps in its tab's storage, leaving out SvelteKit's own scroll positions. */
const storedOnPhone = (page: Page) =>
  page.evaluate(() =>
    Object.keys(sessionStorage)
      .filter((key) => !key.startsWith('sveltekit:'))
      .map((key) => `${key}=${sessionStorage.getItem(key)}`)
      .concat(Object.keys(localStorage).map((key) => `local:${key}`)),
  );

/** Where a start-aligned line of text sits: its words' middle, left or right of the screen's. */
async function sideOf(page: Page, selector: string): Promise<'left' | 'right'> {
  const middle = await page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      const box = range.getBoundingClientRect();
      return box.left + box.width / 2;
    });
  return middle > page.viewportSize()!.width / 2 ? 'right' : 'left';
}

/** A phone at 360 px opens the join link, chooses its language there, and asks to join. */
async function phoneAsks(page: Page, code: string, language: Language, name: string) {
  const say = words[language];
  await page.goto(`${server.url}/join/${code.replace('-', '')}`);
  await expect(page.getByRole('heading', { name: words.en.join })).toBeVisible();
  if (language !== 'en') {
    // The switch is labelled in the page's language and names each language in itself.
    await page.getByLabel('Language').selectOption(language);
    await expect(page.getByRole('heading', { name: say.join })).toBeVisible();
  }
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
  expect(await seriousViolations(page)).toEqual([]);
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await page.getByLabel(say.name, { exact: true }).fill(name);
  await page.getByLabel(say.relationship).fill('Aunt');
  await page.getByRole('button', { name: say.ask }).click();
  await expect(page.getByRole('heading', { name: say.waiting })).toBeVisible();
}

test('[LANG1][LANG2][LANG3][LANG7] phones in Welsh and Arabic beside one in English, in one meeting; the chair keeps English', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const staff = await (await staffContext(browser)).newPage();
  await signIn(staff, server.url);
  const familyPage = await createFamily(staff, 'Pryce family', ['Elin', 'Yusuf']);
  const meetingId = await createMeeting(staff, 'Family network meeting');
  const code = await openMeeting(staff, 'Family network meeting');
  await staff.goto(`${server.url}/chair/${meetingId}`);
  await expect(connectionStatus(staff)).toHaveText('Connected');

  const people = { en: 'Ann Pryce', cy: 'Siân Pryce', ar: 'Layla Haddad' } as const;
  const phones = {} as Record<Language, Page>;
  for (const language of ['en', 'cy', 'ar'] as const) {
    phones[language] = await (await phoneContext(browser)).newPage();
    await phoneAsks(phones[language], code, language, people[language]);
  }

  // The chair's screen keeps its own language while it lets each phone in.
  for (const language of ['en', 'cy', 'ar'] as const) {
    const name = people[language];
    const waiting = staff.getByTestId('lobby-person').filter({ hasText: name });
    await waiting.getByLabel(`Role for ${name}`).selectOption({ label: 'Family member' });
    await waiting.getByRole('button', { name: `Let ${name} in` }).click();
    await expect(staff.getByTestId('lobby-admitted')).toContainText(`${name}: Family member`);
  }
  await expect(staff.locator('html')).not.toHaveAttribute('dir', 'rtl');

  for (const language of ['en', 'cy', 'ar'] as const) {
    const phone = phones[language];
    await expect(phone).toHaveURL(new RegExp(`/phone/${meetingId}$`), { timeout: 15_000 });
    await expect(connectionStatus(phone)).toHaveText(words[language].connected);
    await expect(phone.getByRole('button', { name: words[language].workingWell })).toBeVisible();
    // The phone's root carries its language and direction; the first tab and a start-aligned
    // line sit on the right in Arabic, on the left in English and Welsh.
    const root = phone.locator('.phone');
    await expect(root).toHaveAttribute('lang', language);
    await expect(root).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
    expect(await sideOf(phone, 'nav .tab')).toBe(language === 'ar' ? 'right' : 'left');
    expect(await sideOf(phone, '[data-testid="follow-state"]')).toBe(language === 'ar' ? 'right' : 'left');
    expect(await seriousViolations(phone)).toEqual([]);
    expect(await overflow(phone)).toBeLessThanOrEqual(0);
  }
  // Only the phones that chose a language keep it, for this meeting, in the tab alone.
  expect(await storedOnPhone(phones.en)).toEqual([]);
  expect(await storedOnPhone(phones.cy)).toEqual(['kinboard-phone-language=cy']);

  // The same board behind every language: a card written on the Arabic phone reaches the chair
  // and the Welsh phone, under the Welsh phone's own words.
  await phones.ar.getByRole('button', { name: words.ar.workingWell }).click();
  const strengths = 'نقاط القوة الموجودة';
  await phones.ar.getByRole('button', { name: `إضافة بطاقة إلى ${strengths}`, exact: true }).click();
  await phones.ar.keyboard.type('Layla takes the children to school on Mondays');
  const cardId = await phones.ar.locator('textarea:focus').getAttribute('data-card-id');
  expect(cardId).toBeTruthy();
  await expect(cardById(staff, cardId!)).toHaveValue('Layla takes the children to school on Mondays');
  await phones.cy.getByRole('button', { name: words.cy.workingWell }).click();
  await expect(cardById(phones.cy, cardId!)).toHaveValue('Layla takes the children to school on Mondays');
  await expect(phones.cy.getByRole('heading', { name: 'Cryfderau presennol' })).toBeVisible();
  // The English phone writes as before.
  await phones.en.getByRole('button', { name: words.en.workingWell }).click();
  const englishCard = await addCard(phones.en, 'Existing strengths', 'Ann cooks on Sundays');
  await expect(cardById(phones.ar, englishCard)).toHaveValue('Ann cooks on Sundays');

  // A reload keeps the phone's language for the meeting.
  await phones.ar.reload();
  await expect(connectionStatus(phones.ar)).toHaveText(words.ar.connected);

  // The chair closes the meeting: each phone says so in its language, and forgets the choice.
  await staff.goto(familyPage);
  const meeting = staff.getByTestId('meeting').filter({ hasText: 'Family network meeting' });
  await meeting.getByRole('button', { name: 'Close the meeting' }).click();
  await meeting.getByRole('button', { name: 'Yes, close it' }).click();
  await expect(meeting.getByTestId('meeting-state')).toHaveText('Closed');
  for (const language of ['en', 'cy', 'ar'] as const) {
    const phone = phones[language];
    await expect(phone.getByRole('heading', { name: words[language].finished })).toBeVisible({
      timeout: 25_000,
    });
    expect(await seriousViolations(phone)).toEqual([]);
    await expect.poll(() => storedOnPhone(phone)).toEqual([]);
  }
  // After the meeting the phone is back in its browser's language.
  await phones.ar.reload();
  await expect(phones.ar.getByTestId('meeting-problem')).toContainText(words.en.finished);

  for (const page of [staff, ...Object.values(phones)]) await page.context().close();
});
