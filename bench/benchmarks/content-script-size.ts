import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR } from '../support/browser';
import { round } from '../support/stats';
import type { Benchmark } from '../support/types';

const CONTENT_SCRIPTS_DIR = path.join(EXTENSION_DIR, 'content-scripts');
/** InboxSDK's own code is loaded only when configured and is not ours to shrink. */
const EXCLUDED = /inboxsdk/i;

/**
 * What a mail page pays for Dealside: the built content scripts gzipped (zlib level 9), in kB
 * (1,000 bytes). A mail page loads only its own site's script, so the headline figure is the
 * largest one; the sum is reported beside it. Measured on the test build, which has the same
 * content scripts.
 */
export const contentScriptSize: Benchmark = {
  name: 'content-script-size',
  description: 'gzip size of the largest built content script, and of all of them (InboxSDK excluded)',
  async run() {
    const files = readdirSync(CONTENT_SCRIPTS_DIR).filter(
      (file) => file.endsWith('.js') && !EXCLUDED.test(file),
    );
    if (files.length === 0) throw new Error(`No content scripts in ${CONTENT_SCRIPTS_DIR}`);
    let total = 0;
    let largest = 0;
    for (const file of files) {
      const size = gzipSync(readFileSync(path.join(CONTENT_SCRIPTS_DIR, file)), { level: 9 }).length;
      total += size;
      largest = Math.max(largest, size);
    }
    return {
      content_script_kb_gzip: round(largest / 1000),
      content_scripts_total_kb_gzip: round(total / 1000),
    };
  },
};
