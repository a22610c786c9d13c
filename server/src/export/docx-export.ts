import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
  type ILevelsOptions,
} from 'docx';
import type { ExportBlock, ExportDocument } from '@kinboard/shared/export/index';

/**
 * The case record as Word: the title as Title, each section as Heading 1, lists as real Word
 * lists (numbered lists restart per section), each detail a second-level bullet with its label
 * in bold. A case-system user pastes any part and keeps its structure. Right-to-left writing
 * is marked as such, paragraph and run, so Word lays it out the right way round.
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
    sections: [{ children }],
  });
  return Packer.toBuffer(file);
}
