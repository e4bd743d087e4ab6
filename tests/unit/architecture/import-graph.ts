import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import in the source: where it points, and whether it survives compilation. */
export type ImportEdge = {
  /** A repository-relative file path, or a package specifier such as `zod/mini`. */
  target: string;
  kind: 'file' | 'package';
  /** `import type …` (or every name marked `type`) is erased: it never loads the module. */
  typeOnly: boolean;
};

export type ImportGraph = Map<string, ImportEdge[]>;

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.output', '.wxt', '.git']);
const SOURCE_FILE = /\.(ts|tsx)$/;
const RESOLVED_SUFFIXES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

function sourceFiles(root: string, directory = root, found: string[] = []): string[] {
  for (const entry of readdirSync(directory)) {
    if (SKIPPED_DIRECTORIES.has(entry)) continue;
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) sourceFiles(root, full, found);
    else if (SOURCE_FILE.test(entry) && !entry.endsWith('.d.ts')) found.push(path.relative(root, full));
  }
  return found;
}

/** `@/` and `~/` are the project root (WXT's aliases); `#…` are aliases set in wxt.config.ts. */
function resolveSpecifier(root: string, fromFile: string, specifier: string): ImportEdge['target'] | null {
  let base: string;
  if (specifier.startsWith('@/') || specifier.startsWith('~/')) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith('.')) base = path.resolve(root, path.dirname(fromFile), specifier);
  else return null;
  for (const suffix of RESOLVED_SUFFIXES) {
    const candidate = base + suffix;
    if (existsSync(candidate) && statSync(candidate).isFile()) return path.relative(root, candidate);
  }
  return path.relative(root, base);
}

function isTypeOnlyImport(declaration: ts.ImportDeclaration): boolean {
  const clause = declaration.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    !clause.name &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
}

function importsOf(text: string, fileName: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnlyImport(node) });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) found.push({ specifier: literal.text, typeOnly: true });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every TypeScript file under `root` and what it imports, read with the TypeScript parser. */
export function readImportGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of sourceFiles(root)) {
    const edges = importsOf(readFileSync(path.join(root, file), 'utf8'), file).map(
      ({ specifier, typeOnly }): ImportEdge => {
        const resolved = resolveSpecifier(root, file, specifier);
        return resolved === null
          ? { target: specifier, kind: 'package', typeOnly }
          : { target: resolved, kind: 'file', typeOnly };
      },
    );
    graph.set(file, edges);
  }
  return graph;
}

/** The files `start` loads at run time, itself included: type-only imports are not followed. */
export function runtimeClosure(graph: ImportGraph, start: readonly string[]): Set<string> {
  const reached = new Set<string>();
  const pending = [...start];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (reached.has(file)) continue;
    reached.add(file);
    for (const edge of graph.get(file) ?? []) {
      if (edge.kind === 'file' && !edge.typeOnly) pending.push(edge.target);
    }
  }
  return reached;
}
