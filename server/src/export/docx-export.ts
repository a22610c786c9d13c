import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
  type ILevelsOptions,
} from 'docx';
import {
  exportWords,
  type ExportBlock,
  type ExportDocument,
  type ExportPicture,
} from '@kinboard/shared/export/index';
import { pngSize } from './png-size.ts';

/**
 * The case record as Word: the title as Title, each section as Heading 1, lists as real Word
 * lists (numbered lists restart per section), each detail a second-level bullet with its label
 * in bold. A case-system user pastes any part and keeps its structure. Right-to-left writing
 * is marked as such, paragraph and run, so Word lays it out the right way round. Drawings are
 * real pictures (PNG parts of the file), each under its title, which is also its alternative
 * text, and scaled to the width of the page.
 */
const rightToLeftLetter = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]/u;
const firstStrong = /[\p{L}]/u;

function isRightToLeft(text: string): boolean {
  const first = firstStrong.exec(text)?.[0];
  return first !== undefined && rightToLeftLetter.test(first);
}

/** Stretches of right-to-left words (with the spaces between them), to mark as such; the rest stays left to right. */
const rightToLeftStretch =
  /([\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]+(?:\s+[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]+)*)/u;

/** Runs for a text: a line break for each one someone typed, right-to-left words in runs of their own. */
function runs(text: string, options: { bold?: boolean } = {}): TextRun[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .flatMap((line, index) =>
      line
        .split(rightToLeftStretch)
        .map((part, at) => ({ part, at }))
        .filter(({ part, at }) => part !== '' || at === 0)
        .map(
          ({ part, at }) =>
            new TextRun({
              text: part,
              break: index > 0 && at === 0 ? 1 : 0,
              rightToLeft: rightToLeftLetter.test(part),
              ...options,
            }),
        ),
    );
}

const bulletLevels: ILevelsOptions[] = [
  {
    level: 0,
    format: LevelFormat.BULLET,
    text: '\u2022',
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720, hanging: 360 } } },
  },
  {
    level: 1,
    format: LevelFormat.BULLET,
    text: '\u2013',
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 1440, hanging: 360 } } },
  },
];
const numberedLevels: ILevelsOptions[] = [
  {
    level: 0,
    format: LevelFormat.DECIMAL,
    text: '%1.',
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720, hanging: 360 } } },
  },
  bulletLevels[1]!,
];

/**
 * The page the record is laid out on: A4 with inch margins, in twentieths of a point (twips), as
 * Word keeps it. Set here, not left to the library's default, because pictures are sized to it.
 */
const page = { width: 11906, height: 16838, margin: 1440 };
/** Word sizes pictures in pixels at 96 to the inch; a twip is 1/1440 inch. */
const pixels = (twips: number) => Math.floor((twips * 96) / 1440);
const contentWidth = pixels(page.width - 2 * page.margin);
/** Leave room on the page for the picture's title above it. */
const contentHeight = pixels(page.height - 2 * page.margin) - 60;

/** A drawing as the width of the page (or less, if it is tall), under its title. */
function picture(drawing: ExportPicture): Paragraph[] {
  if (!drawing.png)
    return [
      new Paragraph({ children: runs(drawing.title), keepNext: true }),
      new Paragraph({ children: runs(exportWords.drawings.unreadable) }),
    ];
  const image = pngSize(drawing.png);
  const scale = Math.min(contentWidth / image.width, contentHeight / image.height);
  return [
    new Paragraph({ children: runs(drawing.title), keepNext: true }),
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: drawing.png,
          transformation: {
            width: Math.max(1, Math.round(image.width * scale)),
            height: Math.max(1, Math.round(image.height * scale)),
          },
          altText: { name: drawing.title, title: drawing.title, description: drawing.title },
        }),
      ],
    }),
  ];
}

export async function renderDocx(document: ExportDocument): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      children: runs(document.title),
      bidirectional: isRightToLeft(document.title),
    }),
    ...document.lines.map((line) => new Paragraph({ children: runs(line) })),
  ];
  let numberedInstance = 0;
  const block = (each: ExportBlock): Paragraph[] => {
    if (each.kind === 'paragraph')
      return [new Paragraph({ children: runs(each.text), bidirectional: isRightToLeft(each.text) })];
    if (each.kind === 'pictures') return each.pictures.flatMap(picture);
    const instance = (numberedInstance += 1);
    const reference = each.numbered ? 'numbered' : 'bullets';
    return each.items.flatMap((entry) => [
      new Paragraph({
        children: runs(entry.text),
        numbering: { reference, level: 0, instance },
        bidirectional: isRightToLeft(entry.text),
      }),
      ...entry.details.map(
        (detail) =>
          new Paragraph({
            children: [...runs(`${detail.label}: `, { bold: true }), ...runs(detail.text)],
            numbering: { reference, level: 1, instance },
            bidirectional: isRightToLeft(detail.text),
          }),
      ),
    ]);
  };
  for (const section of document.sections)
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(section.heading) }),
      ...section.blocks.flatMap(block),
    );
  const file = new Document({
    title: document.title,
    creator: 'Kinboard',
    styles: { default: { document: { run: { size: 24 } } } },
    numbering: {
      config: [
        { reference: 'numbered', levels: numberedLevels },
        { reference: 'bullets', levels: bulletLevels },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: page.width, height: page.height },
            margin: { top: page.margin, bottom: page.margin, left: page.margin, right: page.margin },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(file);
}
