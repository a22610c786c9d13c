import {
  agreedRecordSchema,
  caseRecord,
  familyPlan,
  myPartSheet,
  peopleInPlan,
  toMarkdown,
  toPlainText,
  type AgreedRecord,
  type ExportDocument,
  exportWords,
} from '@kinboard/shared/export/index';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { renderAgreedBoard } from '@kinboard/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderDocx } from './docx-export.ts';
import { fiftyRuleContent, hardTexts, hollisContent, hollisScaling, recordOf } from './export-fixtures.ts';
import { pageLayouts, renderPdf } from './pdf-export.ts';
import { positionsInOrder, readDocx, readDocxPictures, readPdf, squeeze, type ReadPdf } from './read-back.ts';

const hollis = recordOf(hollisContent(), hollisScaling());
const fifty = recordOf(fiftyRuleContent(), hollisScaling());

/** Everything a document says, in the order it says it: what every format must carry. */
function wordsOf(document: ExportDocument): string[] {
  return [
    document.title,
    ...document.lines,
    ...document.sections.flatMap((section) => [
      section.heading,
      ...section.blocks.flatMap((block) =>
        block.kind === 'paragraph'
          ? [block.text]
          : block.kind === 'pictures'
            ? block.pictures.map((picture) => picture.title)
            : block.items.flatMap((item) => [
                item.text,
                ...item.details.flatMap((detail) => [detail.label, detail.text]),
              ]),
      ),
    ]),
  ];
}

/** Every piece of text pdf.js finds lies inside the page less its margins; every tag is closed on its page. */
function expectInsideMargins(pdf: ReadPdf, margin: number = pageLayouts.a4.margin): void {
  for (const [index, page] of pdf.pages.entries())
    expect(page.marks.closed, `page ${index + 1}`).toBe(page.marks.opened);
  for (const [index, page] of pdf.pages.entries())
    for (const item of page.items) {
      const where = `page ${index + 1}: "${item.str.slice(0, 40)}" at ${item.x.toFixed(1)},${item.y.toFixed(1)}`;
      expect(item.x, where).toBeGreaterThanOrEqual(margin - 0.5);
      expect(item.x + item.width, where).toBeLessThanOrEqual(page.width - margin + 0.5);
      expect(item.y, where).toBeGreaterThanOrEqual(margin - 0.5);
      expect(item.y + item.height, where).toBeLessThanOrEqual(page.height - margin + 0.5);
    }
}

/** The text of one section: from its heading to the next section's heading. */
function sectionText(text: string, heading: string, nextHeading?: string): string {
  const squeezed = squeeze(text);
  const start = squeezed.indexOf(squeeze(heading));
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const end = nextHeading ? squeezed.indexOf(squeeze(nextHeading), start) : squeezed.length;
  expect(end, `heading ${nextHeading}`).toBeGreaterThan(start);
  return squeezed.slice(start, end);
}

function expectPlanContent(
  text: string,
  record: AgreedRecord,
  headings: { statements: string; rules: string; next: string },
) {
  const statements = sectionText(text, headings.statements, headings.rules);
  positionsInOrder(
    statements,
    record.board.statements.flatMap((pair) => [pair.statement, pair.goal]),
  );
  const rules = sectionText(text, headings.rules, headings.next);
  positionsInOrder(
    rules,
    record.board.rules.flatMap((rule) => [
      rule.fields['what']!,
      rule.who.map((person) => person.name).join(', '),
      rule.fields['when']!,
      rule.fields['howWeKnow']!,
    ]),
  );
  positionsInOrder(text, [
    ...record.board.bottomLines.map((line) => line.text),
    headings.rules,
    record.board.notes.contingency,
    ...record.board.nextSteps.flatMap((step) => [
      step.fields['what']!,
      step.who.map((person) => person.name).join(', '),
    ]),
  ]);
}

describe('the family plan as PDF', () => {
  it('carries every statement, goal, rule, person and date of the Hollis plan, in order, inside the margins', async () => {
    const document = familyPlan(hollis);
    const pdf = await readPdf(await renderPdf(document));
    positionsInOrder(pdf.text, wordsOf(document));
    expectPlanContent(pdf.text, hollis, {
      statements: 'Danger statements and safety goals',
      rules: 'Who does what and when',
      next: 'Practising the plan',
    });
    positionsInOrder(pdf.text, ['When we look at the plan again', 'The next review is 18 December 2026']);
    expectInsideMargins(pdf);
    // Tagged for screen readers and reflowing phone readers: a title, sections, real lists.
    expect(pdf.pages[0]!.roles.slice(0, 11)).toEqual([
      'Document',
      'H1',
      'P',
      'P',
      'H2',
      'P',
      'L',
      'LI',
      'Lbl',
      'LBody',
      'P',
    ]);
    // An element that continues onto the next page is on both pages' trees: headings never do.
    const roles = pdf.pages.flatMap((page) => page.roles);
    expect(roles.filter((role) => role === 'H2')).toHaveLength(document.sections.length);
    const items = document.sections
      .flatMap((section) => section.blocks)
      .reduce((sum, block) => sum + (block.kind === 'list' ? block.items.length : 0), 0);
    expect(roles.filter((role) => role === 'LI').length).toBeGreaterThanOrEqual(items);
  });

  it('keeps 50 rules, long texts, accents, apostrophes, emoji and right-to-left script intact on every page', async () => {
    const document = familyPlan(fifty);
    const pdf = await readPdf(await renderPdf(document));
    positionsInOrder(pdf.text, wordsOf(document));
    expectPlanContent(pdf.text, fifty, {
      statements: 'Danger statements and safety goals',
      rules: 'Who does what and when',
      next: 'Next steps',
    });
    positionsInOrder(
      pdf.text,
      Array.from({ length: 50 }, (_, index) => `Rule ${index + 1}:`),
    );
    for (const text of Object.values(hardTexts)) expect(squeeze(pdf.text)).toContain(squeeze(text));
    expectInsideMargins(pdf);
    expect(pdf.pages.length).toBeGreaterThan(5);
  });

  it('on a phone-sized page: the same words in the same order, inside its narrow margins', async () => {
    const document = familyPlan(fifty);
    const pdf = await readPdf(await renderPdf(document, { layout: 'phone' }));
    expect(pdf.pages[0]).toMatchObject({ width: pageLayouts.phone.width, height: pageLayouts.phone.height });
    positionsInOrder(pdf.text, wordsOf(document));
    for (const text of Object.values(hardTexts)) expect(squeeze(pdf.text)).toContain(squeeze(text));
    expectInsideMargins(pdf, pageLayouts.phone.margin);
  });

  it('draws the meeting drawings, each scaled to fit the page, under their own heading', async () => {
    const wide = new PNG({ width: 2400, height: 600 });
    for (let index = 0; index < wide.data.length; index += 4) wide.data.set([200, 30, 60, 255], index);
    const small = new PNG({ width: 40, height: 30 });
    small.data.fill(255);
    const pdf = await readPdf(
      await renderPdf(
        familyPlan(hollis, [
          { title: "Maisie's house of good things", png: PNG.sync.write(wide) },
          { title: 'Three houses: Jack', png: PNG.sync.write(small) },
        ]),
      ),
    );
    positionsInOrder(pdf.text, [
      'When we look at the plan again',
      'Drawings',
      "Maisie's house of good things",
      'Three houses: Jack',
    ]);
    expect(pdf.pages.reduce((sum, page) => sum + page.images, 0)).toBe(2);
    expect(pdf.pages.flatMap((page) => page.roles).filter((role) => role === 'Figure')).toHaveLength(2);
    expectInsideMargins(pdf);
  });
});

describe('[EXPORT5] the family’s own words hold only what family members wrote', () => {
  it('credits each card to the writer the server recorded, and leaves out the network’s and professionals’ cards', async () => {
    const text = (await readPdf(await renderPdf(familyPlan(hollis)))).text;
    const own = sectionText(text, exportWords.familyPlan.familyWords, 'Bottom lines');
    positionsInOrder(
      own,
      hollisContent().familyWords!.flatMap((words) => [words.text, `Said by: ${words.author} (Nan)`]),
    );
    // A worry typed by a network member (whose screen claimed the family's voice) and the
    // worker's card are not the family's words, whatever name their screens wrote in them.
    expect(own).not.toContain(squeeze('A network member’s worry'));
    expect(own).not.toContain(squeeze('A professional card'));
    expect(own).not.toContain(squeeze('Dani Hollis'));
    expect(hollis.familyWords.map((words) => words.author)).toEqual([
      'Pat Hollis',
      'Pat Hollis',
      'Pat Hollis',
    ]);
  });
});

describe('the drawings in the case record', () => {
  const wide = new PNG({ width: 2400, height: 600 });
  wide.data.fill(200);
  const small = new PNG({ width: 40, height: 30 });
  small.data.fill(255);
  const tall = new PNG({ width: 300, height: 3000 });
  tall.data.fill(90);
  const drawings = [
    { title: 'Genogram and safety circles', png: PNG.sync.write(wide) },
    { title: 'Three houses', png: PNG.sync.write(small) },
    { title: 'Words and pictures', png: PNG.sync.write(tall) },
  ];
  const record = caseRecord(hollis, drawings);

  it('Word carries each picture under a Drawings heading, with its title as alt text, as wide as the page', async () => {
    const bytes = await renderDocx(record);
    const html = await readDocx(bytes);
    positionsInOrder(html.replace(/<[^>]+>/g, ' '), [
      'Agreement',
      'Drawings',
      'Genogram and safety circles',
      'Three houses',
      'Words and pictures',
    ]);
    expect(html).toContain('<h1>Drawings</h1>');
    expect(html.match(/<img alt="[^"]*"/g)).toEqual([
      '<img alt="Genogram and safety circles"',
      '<img alt="Three houses"',
      '<img alt="Words and pictures"',
    ]);
    const pictures = await readDocxPictures(bytes);
    expect(pictures.media).toHaveLength(3);
    expect(pictures.imageRelationships).toBe(3);
    expect(pictures.altTexts).toEqual(drawings.map((drawing) => drawing.title));
    // A4 less two inch margins is 6.27 inches, 601 pixels at 96 to the inch, 9525 EMUs each.
    const pageWidth = 601 * 9525;
    const [wideOnPage, smallOnPage, tallOnPage] = pictures.extents;
    expect(wideOnPage).toEqual({ width: pageWidth, height: Math.round(601 / 4) * 9525 });
    // Small drawings are scaled up to the page width too, keeping their shape.
    expect(smallOnPage).toEqual({ width: pageWidth, height: Math.round((601 * 30) / 40) * 9525 });
    // A tall one is fitted to the page's height instead, so it never runs off the page.
    expect(tallOnPage!.width).toBeLessThan(pageWidth);
    expect(tallOnPage!.height).toBeLessThanOrEqual(Math.floor((11.69 - 2) * 96) * 9525);
  });

  it('Markdown and plain text name each drawing and say where the pictures are, with no image data', () => {
    const markdown = toMarkdown(record);
    expect(markdown).toContain(
      '## Drawings\n\n- Genogram and safety circles\n- Three houses\n- Words and pictures\n\n' +
        "The pictures are in the Word record and in the family's plan (PDF).\n",
    );
    const text = toPlainText(record);
    positionsInOrder(text, [
      'Drawings\n--------',
      '* Genogram and safety circles',
      '* Words and pictures',
      "The pictures are in the Word record and in the family's plan (PDF).",
    ]);
    for (const written of [markdown, text]) {
      expect(written).not.toMatch(/iVBOR|base64|data:image/);
      expect(written.length).toBeLessThan(toMarkdown(caseRecord(hollis)).length + 400);
    }
  });

  it('with no drawings, no Drawings heading in any format', async () => {
    const bare = caseRecord(hollis);
    expect(bare.sections.map((section) => section.id)).not.toContain('drawings');
    expect(await readDocx(await renderDocx(bare))).not.toContain('Drawings');
    expect(toMarkdown(bare)).not.toContain('Drawings');
  });
});

describe('an empty plan', () => {
  it('still exports in every format, with no empty headings', async () => {
    const empty = recordOf({ statements: [], bottomLines: [], rules: [], nextSteps: [], people: [] });
    const plan = familyPlan(empty);
    expect(plan.sections).toEqual([]);
    const pdf = await readPdf(await renderPdf(plan));
    expect(pdf.pages).toHaveLength(1);
    positionsInOrder(pdf.text, ['The plan for the Hollis family', 'Agreed at the family network meeting']);
    expect(pdf.text).not.toContain('Who does what');
    // The fixture's one professional card is the only thing on the map.
    expect(caseRecord(empty).sections.map((section) => section.id)).toEqual(['meeting', 'mapWorries']);
    expect(await readDocx(await renderDocx(caseRecord(empty)))).toContain('<h1>Meeting</h1>');
  });
});

describe('my part', () => {
  it('is one page with only that person’s jobs', async () => {
    const sam = peopleInPlan(hollis.board).find((person) => person.name === 'Sam Okoro')!;
    const document = myPartSheet(hollis, sam.id)!;
    const pdf = await readPdf(await renderPdf(document));
    expect(pdf.pages).toHaveLength(1);
    positionsInOrder(pdf.text, [
      'My part in the plan: Sam Okoro',
      'Sam knocks at 8pm on Friday and Saturday',
      'Friday and Saturday, 8pm',
    ]);
    expect(pdf.text).not.toContain('Handovers happen at');
    expect(pdf.text).not.toContain('housing office');
    expectInsideMargins(pdf);
  });

  it('shrinks the type to stay on one page when someone has many jobs', async () => {
    const busy = recordOf({
      ...hollisContent(),
      rules: Array.from({ length: 7 }, (_, index) => ({
        what: `Pat's job ${index + 1}: she rings Dani at six and goes round if Dani sounds low or does not answer`,
        who: ['Pat Hollis'],
        when: 'Every evening, and straight away on Fridays',
        howWeKnow: 'Pat writes it in the safety journal',
        answers: [0],
      })),
    });
    const pat = peopleInPlan(busy.board).find((person) => person.name === 'Pat Hollis')!;
    const document = myPartSheet(busy, pat.id)!;
    expect((await readPdf(await renderPdf(document))).pages.length).toBeGreaterThan(1);
    const pdf = await readPdf(await renderPdf(document, { onePage: true }));
    expect(pdf.pages).toHaveLength(1);
    positionsInOrder(
      pdf.text,
      busy.board.rules.map((rule) => rule.fields['what']!),
    );
    expectInsideMargins(pdf);
  });

  it('finds people named without a key, and nobody the plan does not name', () => {
    expect(myPartSheet(hollis, 'guest:nobody')).toBeUndefined();
    const names = peopleInPlan(hollis.board).map((person) => person.name);
    expect(names).toEqual(['Dani Hollis', 'Lee Carter', 'Pat Hollis', 'Sam Okoro', 'Tom Price']);
  });
});

describe('the case record', () => {
  it('as Word: real headings and lists, every section in order, scaling numbers and each answer', async () => {
    const document = caseRecord(fifty);
    const html = await readDocx(await renderDocx(document));
    const headings = [...html.matchAll(/<h1>(.*?)<\/h1>/g)].map((match) => match[1]);
    expect(headings.map((heading) => heading?.replaceAll('&#39;', "'"))).toEqual(
      document.sections.map((section) => section.heading),
    );
    expect(headings).toEqual([
      'Meeting',
      'Attendees',
      'What the meeting decided',
      'The map: What are we worried about?',
      "The map: What's working well?",
      'The map: What needs to happen?',
      "In the child's own words",
      'Danger statements and safety goals',
      'Scaling',
      'Bottom lines',
      'Plan rules',
      'Fire drills',
      'Contingency plan',
      'Safety object',
      'Next steps',
      'Trajectory and review dates',
      'Agreement',
    ]);
    const text = html
      .replace(/<[^>]+>/g, ' ')
      .replaceAll('&#39;', "'")
      .replaceAll('&amp;', '&')
      .replaceAll('&quot;', '"');
    positionsInOrder(text, wordsOf(document));
    expectPlanContent(text, fifty, {
      statements: 'Danger statements and safety goals',
      rules: 'Plan rules',
      next: 'Fire drills',
    });
    // Rules as one numbered list of 50 items, each with its details as a nested list.
    const rules = html.slice(html.indexOf('<h1>Plan rules</h1>'), html.indexOf('<h1>Fire drills</h1>'));
    expect(rules.startsWith('<h1>Plan rules</h1><ol><li>')).toBe(true);
    expect(rules.match(/<li>Rule \d+:/g)).toHaveLength(50);
    const scaling = sectionText(text, 'Scaling', 'Bottom lines');
    positionsInOrder(scaling, [
      hollisScaling()[0]!.round.question.text,
      'Numbers: 3, 4, 6',
      'Tom Price (professional): 3: Still early days.',
      'Dani Hollis (family): 6: Pat comes when I ring.',
      hollisScaling()[1]!.round.question.text,
      'Numbers: 3, 5, 7',
      'Anonymous: 3',
    ]);
    expect(scaling).not.toContain(squeeze('Dani Hollis (family): 7'));
    positionsInOrder(sectionText(text, 'Agreement'), [
      'Dani Hollis',
      'Agrees and understands their part: Yes',
      'Lee Carter',
      'Agrees and understands their part: No',
      'Reason: I need to think about Fridays.',
    ]);
    for (const value of Object.values(hardTexts)) expect(squeeze(text)).toContain(squeeze(value));
  });

  it('as Word: right-to-left words are runs of their own, marked right to left; the Latin beside them is not', async () => {
    const bytes = await renderDocx(caseRecord(fifty));
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    const runOf = (text: string) => {
      const at = xml.indexOf(`>${text}</w:t>`);
      expect(at, text).toBeGreaterThan(0);
      return xml.slice(xml.lastIndexOf('<w:r>', at), at);
    };
    expect(runOf('مرحبا بكم')).toContain('<w:rtl/>');
    expect(runOf('שלום')).toContain('<w:rtl/>');
    expect(xml).toContain('xml:space="preserve">Pat says </w:t>');
    expect(
      xml.slice(xml.lastIndexOf('<w:r>', xml.indexOf('>Pat says </w:t>')), xml.indexOf('>Pat says </w:t>')),
    ).not.toContain('<w:rtl/>');
    // Real Word structure: Heading 1 paragraphs and numbered list paragraphs.
    expect(xml.match(/<w:pStyle w:val="Heading1"\/>/g)).toHaveLength(17);
    expect(xml.match(/<w:numPr>/g)!.length).toBeGreaterThan(50 * 4);
  });

  it('as Markdown and plain text: the same words in the same order, Markdown characters escaped', () => {
    const document = caseRecord(fifty);
    const markdown = toMarkdown(document);
    const plain = toPlainText(document);
    positionsInOrder(plain, wordsOf(document));
    positionsInOrder(markdown.replaceAll('\\', ''), wordsOf(document));
    expect(markdown).toContain('## Plan rules\n\n1. Rule 1:');
    expect(markdown).toContain('50. Rule 50:');
    const tricky = caseRecord(
      recordOf({ ...hollisContent(), bottomLines: ['# not a heading *or bold*', '1. not a list'] }),
    );
    expect(toMarkdown(tricky)).toContain('- \\# not a heading \\*or bold\\*');
    expect(toMarkdown(tricky)).toContain('- 1\\. not a list');
  });

  it('says the meeting’s own words: a Wellbeing meeting has worry statements and wellbeing goals', async () => {
    const wellbeing = recordOf({ ...hollisContent(), vocabulary: 'wellbeing' });
    const record = caseRecord(wellbeing);
    const plan = familyPlan(wellbeing);
    expect(record.sections.map((section) => section.heading)).toContain(
      'Worry statements and wellbeing goals',
    );
    const pdf = await readPdf(await renderPdf(plan));
    const docx = await readDocx(await renderDocx(record));
    for (const text of [pdf.text, docx, toMarkdown(record), toPlainText(record)]) {
      expect(text).toContain('Wellbeing goal');
      expect(text).toMatch(/Worry statements? 1/);
      expect(text.toLowerCase()).not.toContain('danger statement');
      expect(text.toLowerCase()).not.toContain('safety goal');
    }
  });
});

describe('the JSON export', () => {
  it('is the whole agreed version with its schema version, and reads back through the schema', () => {
    const json = JSON.parse(JSON.stringify(fifty)) as unknown;
    const parsed = agreedRecordSchema.parse(json);
    expect(parsed).toEqual(fifty);
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.board.rules).toHaveLength(50);
    // The family's own words are map cards the server recorded as a family member's [EXPORT5]:
    // a card whose screen claimed the family's point of view is not enough.
    const mapTexts = parsed.map.map((card) => card.text);
    for (const words of parsed.familyWords) expect(mapTexts).toContain(words.text);
    expect(parsed.familyWords.map((words) => words.text)).not.toContain(
      'A network member’s worry, not the family’s words.',
    );
    expect(parsed.familyWords.map((words) => words.text)).toEqual(
      expect.arrayContaining([hardTexts.emoji, hardTexts.arabic]),
    );
    expect(parsed.map.length).toBeGreaterThan(10);
    expect(parsed.decision.nextMeetingDate).toBe('2026-12-18');
    // The documents as agreed come with it, and give the same board back.
    const docs = Object.fromEntries(
      parsed.documents.map(({ part, yjsUpdateBase64 }) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, Buffer.from(yjsUpdateBase64, 'base64'));
        return [part, doc];
      }),
    ) as Record<'map' | 'frame' | 'plan', Y.Doc>;
    expect(renderAgreedBoard(docs)).toEqual(parsed.board);
  });
});
