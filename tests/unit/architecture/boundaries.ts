import type { ImportGraph } from './import-graph';
import { runtimeClosure } from './import-graph';

/**
 * Where code runs, read from its path (docs/architecture.md, "Where code runs"):
 * - `lib/shared/`: every context and the sync server: schemas, the sync wire protocol, merge, clocks;
 * - `lib/mail-page/`: content scripts in the hostile mail page, and what they share with the extension
 *   (the message protocol): zod/mini only, no Dexie, no React;
 * - `lib/extension/`, `components/`, `entrypoints/` (but `*.content.ts`): the extension's own origin.
 * Data generators and test builders (`demo/`, `tests/`, `bench/`, `scripts/`) are never product code.
 */
export type Violation = { rule: string; file: string; imports: string };

const TEST_FILE = /\.(test|e2e)\.tsx?$/;
const CONTENT_SCRIPT_ENTRY = /^entrypoints\/[^/]+\.content\.tsx?$/;
/** Packages a content script may not load: the database, the UI runtime, and classic zod (not tree-shakeable). */
const MAIL_PAGE_FORBIDDEN_PACKAGE = /^(dexie|react|react-dom|@tanstack\/.*|zod|zod\/v4|zod\/v3)(\/.*)?$/;
const ZOD_MINI = /^zod\/(mini|v4-mini)$/;
const PRODUCT = /^(lib|components|entrypoints)\//;
const NOT_PRODUCT = /^(demo|tests|bench|scripts)\//;
const SHARED = /^lib\/shared\//;
const MAIL_PAGE_SAFE = /^lib\/(mail-page|shared)\//;

/** Shared code runs on the server too: no browser, database or UI packages. */
const SHARED_FORBIDDEN_PACKAGE =
  /^(dexie|react|react-dom|@tanstack\/.*|wxt|@wxt-dev\/.*|@inboxsdk\/.*)(\/.*)?$/;

const isProductSource = (file: string) => PRODUCT.test(file) && !TEST_FILE.test(file);

function mailPageViolations(graph: ImportGraph): Violation[] {
  const starts = [...graph.keys()].filter(
    (file) => CONTENT_SCRIPT_ENTRY.test(file) || (file.startsWith('lib/mail-page/') && !TEST_FILE.test(file)),
  );
  const violations: Violation[] = [];
  for (const file of runtimeClosure(graph, starts)) {
    if (!CONTENT_SCRIPT_ENTRY.test(file) && !MAIL_PAGE_SAFE.test(file)) {
      violations.push({ rule: 'mail page loads extension-only code', file, imports: file });
    }
    for (const edge of graph.get(file) ?? []) {
      if (edge.typeOnly || edge.kind !== 'package') continue;
      if (MAIL_PAGE_FORBIDDEN_PACKAGE.test(edge.target) && !ZOD_MINI.test(edge.target)) {
        violations.push({ rule: 'mail page loads Dexie, React or classic zod', file, imports: edge.target });
      }
    }
  }
  return violations;
}

function edgeViolations(graph: ImportGraph): Violation[] {
  const violations: Violation[] = [];
  for (const [file, edges] of graph) {
    for (const edge of edges) {
      if (edge.kind === 'package') {
        if (SHARED.test(file) && SHARED_FORBIDDEN_PACKAGE.test(edge.target)) {
          violations.push({
            rule: 'shared code imports a browser, database or UI package',
            file,
            imports: edge.target,
          });
        }
        continue;
      }
      const target = edge.target;
      const add = (rule: string) => violations.push({ rule, file, imports: target });
      if (file.startsWith('lib/') && /^(components|entrypoints)\//.test(target))
        add('lib imports UI or entrypoints');
      if (isProductSource(file) && NOT_PRODUCT.test(target)) add('product code imports test or demo code');
      if (file.startsWith('server/') && PRODUCT.test(target) && !SHARED.test(target)) {
        add('server imports extension code');
      }
      if (SHARED.test(file) && !TEST_FILE.test(file) && !SHARED.test(target))
        add('shared code imports beyond lib/shared');
    }
  }
  return violations;
}

/** Every import that crosses a line it may not; empty when the tree keeps its shape. */
export function boundaryViolations(graph: ImportGraph): Violation[] {
  return [...mailPageViolations(graph), ...edgeViolations(graph)];
}
