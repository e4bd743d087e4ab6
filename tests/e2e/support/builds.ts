import { existsSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

function built(directory: string, command: string): string {
  if (!existsSync(path.join(directory, 'manifest.json'))) {
    throw new Error(`There was no build to test: run \`${command}\` first (npm run test:e2e does).`);
  }
  return directory;
}

/** This run's copy of `.output/chrome-mv3-test`. */
export function chromeExtensionDir(): string {
  return built(inject('chromeExtensionDir'), 'npm run build:test');
}

/** This run's copy of `.output/firefox-mv2`. */
export function firefoxExtensionDir(): string {
  return built(inject('firefoxExtensionDir'), 'npm run build:firefox');
}
