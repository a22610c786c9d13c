/**
 * Moves a word group of words.ts still written as plain English into the catalogue:
 *
 *   node web/messages/move-to-catalogue.ts scalingWords [moreWords ...]
 *
 * `export const scalingWords = { title: 'Scaling', scoreOf: (name: string) => `${name}'s score` }`
 * becomes the messages `scaling_title` and `scaling_scoreOf` ("{name}'s score") in en.json and
 * `fromCatalogue({ title: m.scaling_title }, { scoreOf: (name: string) => m.scaling_scoreOf({ name }) })`
 * in words.ts. What it cannot move for certain (a template that computes, like `${index + 1}`;
 * a condition; a brace in the text) it keeps as it was, and names, to be moved by hand: README.md,
 * "Adding a word". Then run `pnpm run format` and the unit tests.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ts from 'typescript';

const wordsPath = new URL('../src/lib/words.ts', import.meta.url);
const cataloguePath = new URL('./en.json', import.meta.url);
const groupNames = process.argv.slice(2);
if (groupNames.length === 0) {
  console.error('usage: node web/messages/move-to-catalogue.ts <group>Words [...]');
  process.exit(2);
}

let source = readFileSync(wordsPath, 'utf8');
const catalogue: Record<string, unknown> = JSON.parse(readFileSync(cataloguePath, 'utf8'));
const byHand: string[] = [];

for (const groupName of groupNames) {
  const file = ts.createSourceFile('words.ts', source, ts.ScriptTarget.Latest, true);
  const declaration = findGroup(file, groupName);
  if (!declaration?.initializer) throw new Error(`words.ts has no 'export const ${groupName} = { ... }'`);
  const literal = unwrap(declaration.initializer);
  if (!ts.isObjectLiteralExpression(literal)) {
    console.log(`${groupName} is not a plain object (already moved?): left as it is`);
    continue;
  }
  const prefix = groupName.replace(/Words$/, '');
  const replacement = fromCatalogueCall(literal, prefix, groupName);
  source =
    source.slice(0, declaration.initializer.getStart()) +
    replacement +
    source.slice(declaration.initializer.getEnd());
  console.log(`${groupName}: moved to the messages ${prefix}_*`);
}

writeFileSync(wordsPath, source);
writeFileSync(cataloguePath, JSON.stringify(catalogue, null, 2) + '\n');
if (byHand.length > 0) console.log(`kept as they were, to move by hand:\n  ${byHand.join('\n  ')}`);

/** The object's words as a `fromCatalogue(...)` call, adding their messages to the catalogue. */
function fromCatalogueCall(literal: ts.ObjectLiteralExpression, prefix: string, path: string): string {
  const plain: string[] = [];
  const functions: string[] = [];
  for (const property of literal.properties) {
    const comment = leadingComment(property, source);
    const name = property.name && ts.isIdentifier(property.name) ? property.name.text : undefined;
    const key = `${prefix}_${name}`;
    if (name !== undefined && ts.isPropertyAssignment(property)) {
      const nested = unwrap(property.initializer);
      if (ts.isObjectLiteralExpression(nested)) {
        const satisfies = ts.isSatisfiesExpression(property.initializer)
          ? ` satisfies ${property.initializer.type.getText()}`
          : '';
        functions.push(
          `${comment}${name}: ${fromCatalogueCall(nested, key, `${path}.${name}`)}${satisfies},`,
        );
        continue;
      }
    }
    const moved = name === undefined ? undefined : asMessage(property);
    if (moved === undefined) {
      const kept = property.getFullText().trim();
      functions.push(kept.endsWith(',') ? kept : `${kept},`);
      byHand.push(`${path}.${name ?? property.getText()}`);
      continue;
    }
    if (key in catalogue && catalogue[key] !== moved.text)
      throw new Error(`${key} is already in en.json, as other text`);
    catalogue[key] = moved.text;
    if (moved.parameters === undefined) plain.push(`${comment}${name}: m.${key},`);
    else {
      const inputs = moved.inputs.length > 0 ? `{ ${moved.inputs.join(', ')} }` : '';
      functions.push(`${comment}${name}: (${moved.parameters}) => m.${key}(${inputs}),`);
    }
  }
  const strings = `{\n${plain.join('\n')}\n}`;
  return `/* @__PURE__ */ fromCatalogue(${strings}${functions.length > 0 ? `, {\n${functions.join('\n')}\n}` : ''})`;
}

function findGroup(file: ts.SourceFile, name: string): ts.VariableDeclaration | undefined {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name) return declaration;
    }
  }
  return undefined;
}

/** `{ ... } as const` and `{ ... } satisfies T` are the object itself. */
function unwrap(expression: ts.Expression): ts.Expression {
  if (ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression))
    return unwrap(expression.expression);
  return expression;
}

function leadingComment(node: ts.Node, text: string): string {
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  return ranges.map((range) => `${text.slice(range.pos, range.end)}\n`).join('');
}

/**
 * A word that is a string, or a function whose body is a template built only from its own
 * parameters: `(name: string) => `Let ${name} in`` is "Let {name} in", with input `name`.
 */
function asMessage(
  property: ts.ObjectLiteralElementLike,
): { text: string; parameters?: string; inputs: string[] } | undefined {
  if (!ts.isPropertyAssignment(property)) return undefined;
  const value = property.initializer;
  if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value))
    return /[{}]/.test(value.text) ? undefined : { text: value.text, inputs: [] };
  if (!ts.isArrowFunction(value) || !ts.isExpression(value.body)) return undefined;
  const parameterNames = value.parameters.map((parameter) => parameter.name.getText());
  const parameters = value.parameters.map((parameter) => parameter.getText()).join(', ');
  const body = value.body;
  if (ts.isStringLiteral(body) || ts.isNoSubstitutionTemplateLiteral(body))
    return /[{}]/.test(body.text) ? undefined : { text: body.text, parameters, inputs: [] };
  if (!ts.isTemplateExpression(body)) return undefined;
  // A brace in the text would read as an input in the catalogue: leave such a word to a person.
  if ([body.head, ...body.templateSpans.map((span) => span.literal)].some((part) => /[{}]/.test(part.text)))
    return undefined;
  let text = body.head.text;
  const inputs = new Set<string>();
  for (const span of body.templateSpans) {
    if (!ts.isIdentifier(span.expression) || !parameterNames.includes(span.expression.text)) return undefined;
    inputs.add(span.expression.text);
    text += `{${span.expression.text}}${span.literal.text}`;
  }
  return { text, parameters, inputs: [...inputs] };
}
