import axe from 'axe-core';
import type { Frame, Page } from 'puppeteer-core';

export type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
};

type AxeWindow = { axe?: typeof axe };

const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe-core in a page or frame. Extension pages' CSP (script-src 'self') refuses inline
 * <script> tags, so axe's source goes in through page.evaluate, which CSP does not govern.
 */
export async function runAxe(target: Page | Frame): Promise<AxeViolation[]> {
  const loaded = await target.evaluate(() => (window as AxeWindow).axe !== undefined);
  if (!loaded) await target.evaluate(axe.source);
  return target.evaluate(async () => {
    const engine = (window as AxeWindow).axe;
    if (!engine) throw new Error('axe-core did not load');
    const results = await engine.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({
        target: node.target.map(String).join(' '),
        html: node.html,
        summary: node.failureSummary ?? '',
      })),
    }));
  });
}

export function blockingViolations(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter(
    (violation) => violation.impact !== null && BLOCKING_IMPACTS.has(violation.impact),
  );
}

export function describeViolations(where: string, violations: readonly AxeViolation[]): string {
  if (violations.length === 0) return `${where}: no violations`;
  const lines = [`${where}: ${violations.length} violation(s)`];
  for (const violation of violations) {
    lines.push(
      `  [${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help} (${violation.helpUrl})`,
    );
    for (const node of violation.nodes) {
      lines.push(`    at ${node.target}: ${node.html}`);
      for (const line of node.summary.split('\n')) lines.push(`      ${line}`);
    }
  }
  return lines.join('\n');
}
