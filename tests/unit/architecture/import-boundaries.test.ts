import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { boundaryViolations } from './boundaries';
import { type ImportGraph, readImportGraph, runtimeClosure } from './import-graph';

const REPOSITORY = path.resolve(import.meta.dirname, '../../..');

let plantedTrees: string[] = [];

/** A throwaway tree holding `files` (path → source), to show each rule fails on a real violation. */
function plantTree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dealside-boundaries-'));
  plantedTrees.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const rulesBroken = (files: Record<string, string>) =>
  boundaryViolations(readImportGraph(plantTree(files))).map(({ rule }) => rule);

afterEach(() => {
  for (const root of plantedTrees) rmSync(root, { recursive: true, force: true });
  plantedTrees = [];
});

/** Parsing every source file takes a few seconds on a busy two-core machine: once, with room. */
const READ_TIMEOUT_MS = 60_000;

describe('the import boundaries of this repository', () => {
  let graph: ImportGraph;
  beforeAll(() => {
    graph = readImportGraph(REPOSITORY);
  }, READ_TIMEOUT_MS);

  it('are all kept', () => {
    expect(boundaryViolations(graph)).toEqual([]);
  });

  it('are checked over the real content scripts, which reach the message protocol and the shared mini schemas', () => {
    const reached = runtimeClosure(graph, ['entrypoints/gmail.content.ts', 'entrypoints/outlook.content.ts']);
    expect(reached).toContain('lib/mail-page/messaging/protocol.ts');
    expect(reached).toContain('lib/shared/model/mini-schemas.ts');
  });
});

describe('each boundary rule fails on a planted violation', () => {
  it('a content script that reaches Dexie through a helper', () => {
    expect(
      rulesBroken({
        'entrypoints/mail.content.ts': "import { read } from '@/lib/mail-page/read';\nread();\n",
        'lib/mail-page/read.ts': "import { helper } from './helper';\nexport const read = helper;\n",
        'lib/mail-page/helper.ts':
          "import Dexie from 'dexie';\nexport const helper = () => new Dexie('x');\n",
      }),
    ).toEqual(['mail page loads Dexie, React or classic zod']);
  });

  it('mail-page code that loads classic zod or React, while zod/mini and type-only imports are fine', () => {
    expect(
      rulesBroken({
        'lib/mail-page/ok.ts': "import { z } from 'zod/mini';\nimport type { ReactNode } from 'react';\n",
        'lib/mail-page/zod.ts': "import { z } from 'zod';\n",
        'lib/mail-page/react.ts': "import { useState } from 'react';\n",
      }).sort(),
    ).toEqual(['mail page loads Dexie, React or classic zod', 'mail page loads Dexie, React or classic zod']);
  });

  it('mail-page code that loads an extension module (even one without packages)', () => {
    expect(
      rulesBroken({
        'lib/mail-page/watch.ts': "import { loadSettings } from '../extension/db/settings';\n",
        'lib/extension/db/settings.ts': 'export const loadSettings = () => null;\n',
      }),
    ).toEqual(['mail page loads extension-only code']);
  });

  it('lib importing components or entrypoints, even for a type', () => {
    expect(
      rulesBroken({
        'lib/extension/queries/x.ts': "import type { Props } from '@/components/sidebar/Sidebar';\n",
        'components/sidebar/Sidebar.tsx': 'export type Props = {};\n',
      }),
    ).toEqual(['lib imports UI or entrypoints']);
  });

  it('the server importing extension code', () => {
    expect(
      rulesBroken({
        'server/push.ts':
          "import { merge } from '../lib/shared/sync/merge';\nimport { db } from '../lib/extension/db/database';\n",
        'lib/shared/sync/merge.ts': 'export const merge = 1;\n',
        'lib/extension/db/database.ts': 'export const db = 1;\n',
      }),
    ).toEqual(['server imports extension code']);
  });

  it('shared code importing beyond lib/shared or a browser package', () => {
    expect(
      rulesBroken({
        'lib/shared/model/deal.ts':
          "import { t } from '../../extension/i18n/translate';\nimport Dexie from 'dexie';\n",
        'lib/extension/i18n/translate.ts': 'export const t = 1;\n',
      }).sort(),
    ).toEqual([
      'shared code imports a browser, database or UI package',
      'shared code imports beyond lib/shared',
    ]);
  });

  it('product code importing demo data or test builders, while tests may', () => {
    expect(
      rulesBroken({
        'components/board/Board.tsx': "import { deals } from '@/demo/data/deals';\n",
        'lib/extension/db/database.test.ts': "import { makeDeal } from '@/tests/unit/records';\n",
        'demo/data/deals.ts': 'export const deals = [];\n',
        'tests/unit/records.ts': 'export const makeDeal = () => null;\n',
      }),
    ).toEqual(['product code imports test or demo code']);
  });
});
