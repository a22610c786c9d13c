import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const words = fileURLToPath(new URL('./src/lib/words.ts', import.meta.url));
const partQuery = '?words-part=';

/** The few ESTree fields this plugin reads. */
interface Node {
  type: string;
  start: number;
  end: number;
  [field: string]: unknown;
}
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

/** Names a declaration introduces: `const a = …, b = …`, `function f() {}`. */
function declaredNames(node: Node): string[] {
  if (node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration')
    return isNode(node.id) ? [node.id.name as string] : [];
  if (node.type === 'VariableDeclaration')
    return (node.declarations as Node[]).map((declarator) => {
      const id = declarator.id as Node;
      if (id.type !== 'Identifier') throw new Error('words-plugin: destructuring at the top of words.ts');
      return id.name as string;
    });
  throw new Error(`words-plugin: a ${node.type} at the top of words.ts`);
}

/** Every identifier the node reads (not property names, not member names). */
function referencedNames(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) referencedNames(item, into);
    return into;
  }
  if (!isNode(node)) return into;
  if (node.type === 'Identifier') into.add(node.name as string);
  for (const [field, value] of Object.entries(node)) {
    if (node.type === 'Property' && field === 'key' && !node.computed) continue;
    if (node.type === 'MemberExpression' && field === 'property' && !node.computed) continue;
    referencedNames(value, into);
  }
  return into;
}

/**
 * The browser build reads words.ts as one small module per word group [LANG10]. words.ts
 * imports every message of every screen, and Rollup places a whole module in one chunk, so
 * each screen's bundle carried every screen's words: the phone paid for the staff pages' and
 * the chair's. Here each top-level declaration of words.ts becomes a module of its own
 * (`words.ts?words-part=boardWords`, importing what it uses of the others), and words.ts
 * itself only re-exports them: a screen's chunks hold the groups, and so the messages, it
 * reads. Nothing changes for the components, which import from words.ts as before, nor in
 * dev, the server's render or the unit tests, which read words.ts as written.
 */
export function wordsPlugin(): Plugin {
  let building = false;
  const parts = new Map<string, string>();
  return {
    name: 'kinboard:words-by-group',
    enforce: 'post',
    configResolved(config) {
      building = config.command === 'build';
    },
    resolveId(id) {
      if (id.startsWith(words + partQuery)) return id;
    },
    load(id) {
      if (!id.startsWith(words + partQuery)) return;
      const part = parts.get(id.slice(words.length + partQuery.length));
      if (part === undefined) this.error(`words-plugin: no part ${id}`);
      return { code: part, map: null };
    },
    transform(code, id, options) {
      if (!building || options?.ssr || id !== words) return;
      const program = this.parse(code) as unknown as { body: Node[] };
      const imports: string[] = [];
      const declarations: { names: string[]; exported: boolean; node: Node }[] = [];
      for (const node of program.body) {
        if (node.type === 'ImportDeclaration') {
          const source = node.source as Node;
          const from = source.value as string;
          const absolute = from.startsWith('.') ? resolve(dirname(words), from) : from;
          imports.push(
            code.slice(node.start, source.start) +
              JSON.stringify(absolute) +
              code.slice(source.end, node.end),
          );
        } else if (node.type === 'ExportNamedDeclaration' && isNode(node.declaration)) {
          declarations.push({ names: declaredNames(node.declaration), exported: true, node });
        } else if (node.type !== 'ExportNamedDeclaration' && node.type !== 'ExportDefaultDeclaration') {
          declarations.push({ names: declaredNames(node), exported: false, node });
        } else {
          this.error(`words-plugin: words.ts exports in a way it does not split (${node.type})`);
        }
      }
      /** Each top-level name, and the part (named for its declaration's first name) it lives in. */
      const partOf = new Map(declarations.flatMap(({ names }) => names.map((name) => [name, names[0]!])));
      const partId = (part: string) => JSON.stringify(words + partQuery + part);
      for (const { names, exported, node } of declarations) {
        const uses = [...referencedNames(node)].filter((name) => partOf.has(name) && !names.includes(name));
        const fromOthers = uses.map((name) => `import { ${name} } from ${partId(partOf.get(name)!)};`);
        const own = code.slice(node.start, node.end);
        parts.set(
          names[0]!,
          [...imports, ...fromOthers, exported ? own : `${own}\nexport { ${names.join(', ')} };`].join('\n'),
        );
      }
      const reexports = declarations
        .filter(({ exported }) => exported)
        .map(({ names }) => `export { ${names.join(', ')} } from ${partId(names[0]!)};`);
      return { code: reexports.join('\n'), map: null };
    },
  };
}
