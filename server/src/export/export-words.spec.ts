import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every word an exported file carries lives in `shared/src/export/export-words.ts` (and its
 * Welsh and Arabic in `export-translations.ts`, LANG12), so a translation has one place to go. This reads the other export sources the way
 * the compiler does and names any string in them that looks like words for a reader.
 */
const sharedExport = path.resolve(import.meta.dirname, '../../../shared/src/export');
const sources = [
  ...readdirSync(sharedExport)
    .filter(
      (name) =>
        name.endsWith('.ts') &&
        !name.endsWith('.spec.ts') &&
        name !== 'export-words.ts' &&
        name !== 'export-translations.ts',
    )
    .map((name) => path.join(sharedExport, name)),
  ...['pdf-export.ts', 'docx-export.ts', 'drawings-for-export.ts'].map((name) =>
    path.resolve(import.meta.dirname, name),
  ),
];

/** Names a PDF's structure or a file's metadata uses, which no reader sees as text. */
const notWords = new Set([
  'Document',
  'Span',
  'Lbl',
  'Figure',
  'Artifact',
  'Pagination',
  'Kinboard',
  'LBody',
]);
const looksLikeWords = (text: string) =>
  !notWords.has(text) && (/\p{L}{2,}\s+\p{L}{2,}/u.test(text) || /^\p{Lu}\p{Ll}{2,}/u.test(text.trim()));

/** Whether a node is an argument of `log.warn(...)` and the like: server log lines, never in a file. */
const isLogArgument = (node: ts.Node) =>
  node.parent !== undefined &&
  ts.isCallExpression(node.parent) &&
  ts.isPropertyAccessExpression(node.parent.expression) &&
  ts.isIdentifier(node.parent.expression.expression) &&
  node.parent.expression.expression.text === 'log' &&
  ['trace', 'debug', 'info', 'warn', 'error', 'fatal'].includes(node.parent.expression.name.text);

/** The strings in a TypeScript source that look like words, leaving out module names in imports and log lines. */
function wordsIn(fileName: string, code: string): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const isModuleName =
      node.parent !== undefined &&
      (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent));
    const isText =
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node);
    if (isText && !isModuleName && !isLogArgument(node) && looksLikeWords(node.text))
      found.push(`${fileName}: ${JSON.stringify(node.text)}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the words inside exported files', () => {
  it('are all in shared/src/export/export-words.ts', () => {
    expect(sources.length).toBeGreaterThan(8);
    expect(sources.flatMap((file) => wordsIn(path.basename(file), readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('the check finds a heading, a label or a sentence written anywhere else', () => {
    const code = [
      "import { item } from './export-document.ts';",
      "const heading = 'Drawings';",
      "const label = item(text, [['Who', who]]);",
      'const line = `Agreed on ${date}.`;',
      "const id = section('bottomLines', words.bottomLines, []);",
    ].join('\n');
    expect(wordsIn('stray.ts', code)).toEqual([
      'stray.ts: "Drawings"',
      'stray.ts: "Who"',
      'stray.ts: "Agreed on "',
    ]);
  });
});

describe('[LANG12] the family files in Welsh and Arabic', () => {
  it('are marked as needing review by a fluent speaker, and change every heading of my part', async () => {
    const { exportTranslationReview, exportWords, exportWordsIn } =
      await import('@kinboard/shared/export/index');
    for (const language of ['cy', 'ar'] as const) {
      expect(exportTranslationReview[language].status).toBe('needs review');
      const words = exportWordsIn(language);
      for (const key of ['rules', 'fireDrills', 'nextSteps'] as const)
        expect(words.myPart[key], `${language} ${key}`).not.toBe(exportWords.myPart[key]);
      expect(words.myPart.title('Sam')).not.toBe(exportWords.myPart.title('Sam'));
      expect(words.pageOf(1, 2)).not.toBe(exportWords.pageOf(1, 2));
      // The staff's case record stays English.
      expect(words.caseRecord).toBe(exportWords.caseRecord);
    }
  });
});
