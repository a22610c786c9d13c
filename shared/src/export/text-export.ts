import type { ExportDocument, ExportItem } from './export-document.ts';
import { exportWords } from './export-words.ts';

/**
 * The document as Markdown (headings, numbered and bulleted lists, details as nested bullets)
 * and as plain text for systems that take nothing else. Line breaks inside what people wrote
 * are kept, indented under their item, so nothing reads as a new heading or item. Pictures
 * are named, never inlined (no base64 in a case note): the PDF and Word files carry them.
 */
const indent = (text: string, by: string) => text.replace(/\r?\n/g, `\n${by}`);

/** Characters that would turn someone's words into Markdown syntax. */
const escapeMarkdown = (text: string) =>
  text
    .replace(/([\\`*_[\]#<>|])/g, '\\$1')
    .replace(/^(\s*)(\d+)\.(\s)/gm, '$1$2\\.$3')
    .replace(/^(\s*)([-+])(\s)/gm, '$1\\$2$3');

export function toMarkdown(document: ExportDocument): string {
  const out = [
    `# ${escapeMarkdown(document.title)}`,
    '',
    ...document.lines.map((line) => `${escapeMarkdown(line)}  `),
    '',
  ];
  for (const section of document.sections) {
    out.push(`## ${escapeMarkdown(section.heading)}`, '');
    for (const block of section.blocks) {
      if (block.kind === 'paragraph') out.push(indent(escapeMarkdown(block.text), ''), '');
      else if (block.kind === 'pictures')
        out.push(
          ...block.pictures.map((picture) => `- ${escapeMarkdown(picture.title)}`),
          '',
          escapeMarkdown(exportWords.drawings.picturesElsewhere),
          '',
        );
      else {
        block.items.forEach((entry: ExportItem, index) => {
          const marker = block.numbered ? `${index + 1}.` : '-';
          const pad = ' '.repeat(marker.length + 1);
          out.push(`${marker} ${indent(escapeMarkdown(entry.text), pad)}`);
          for (const detail of entry.details)
            out.push(
              `${pad}- **${escapeMarkdown(detail.label)}:** ${indent(escapeMarkdown(detail.text), `${pad}  `)}`,
            );
        });
        out.push('');
      }
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function toPlainText(document: ExportDocument): string {
  const underline = (text: string, by: string) => `${text}\n${by.repeat(Math.min(72, [...text].length))}`;
  const out = [underline(document.title, '='), ...document.lines, ''];
  for (const section of document.sections) {
    out.push(underline(section.heading, '-'), '');
    for (const block of section.blocks) {
      if (block.kind === 'paragraph') out.push(block.text, '');
      else if (block.kind === 'pictures')
        out.push(
          ...block.pictures.map((picture) => `* ${picture.title}`),
          '',
          exportWords.drawings.picturesElsewhere,
          '',
        );
      else {
        block.items.forEach((entry, index) => {
          const marker = block.numbered ? `${index + 1}.` : '*';
          const pad = ' '.repeat(marker.length + 1);
          out.push(`${marker} ${indent(entry.text, pad)}`);
          for (const detail of entry.details)
            out.push(`${pad}${detail.label}: ${indent(detail.text, `${pad}  `)}`);
        });
        out.push('');
      }
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
