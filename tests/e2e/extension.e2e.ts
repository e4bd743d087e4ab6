import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '../../lib/extension/db/schema-versions';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { chromeExtensionDir } from './support/builds';
import { TABLE_NAMES } from './support/database';
import { EXTENSION_ID, extensionUrl, REPO_ROOT } from './support/paths';

/** Written out, not imported from lib/mail-page/hosts.ts: widening the hosts must fail this test. */
const GMAIL_MATCHES = ['https://mail.google.com/*'];
const OUTLOOK_MATCHES = [
  'https://outlook.cloud.microsoft/*',
  'https://outlook.live.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
];

type ContentScript = { matches: string[]; js: string[]; run_at?: string; all_frames?: boolean };
type Manifest = Record<string, unknown> & {
  key?: string;
  permissions?: string[];
  content_scripts?: ContentScript[];
  web_accessible_resources?: { resources: string[]; matches: string[] }[];
  background?: { service_worker?: string; type?: string };
};

/** Chrome's rule: the first 32 hex digits of sha256(public key DER), each digit mapped 0-f to a-p. */
function extensionIdFromKey(key: string): string {
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

describe('the test build of the extension', () => {
  let session: ExtensionBrowser;
  let manifestText: string;
  let manifest: Manifest;

  beforeAll(async () => {
    manifestText = readFileSync(path.join(chromeExtensionDir(), 'manifest.json'), 'utf8');
    manifest = JSON.parse(manifestText) as Manifest;
    session = await launchExtensionBrowser();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('contains no InboxSDK when built without an InboxSDK app id (it sends telemetry)', () => {
    const gmailScript = readFileSync(path.join(chromeExtensionDir(), 'content-scripts/gmail.js'), 'utf8');
    expect(gmailScript).not.toMatch(/inboxsdk\.com|InboxSDK\.load|pageWorld/i);
    expect(manifest.permissions).not.toContain('scripting');
    expect(manifest).not.toHaveProperty('host_permissions');
  });

  it('starts its service worker under the fixed id that manifest.key yields', () => {
    expect(manifest.key, 'the test build must carry manifest.key').toBeTypeOf('string');
    expect(extensionIdFromKey(manifest.key ?? '')).toBe(EXTENSION_ID);
    expect(session.extensionId).toBe(EXTENSION_ID);
    expect(session.worker.url()).toBe(extensionUrl('background.js'));
  });

  it('asks only for session storage, alarms, notifications and the side panel, and reaches only the mail sites', () => {
    // storage: each mail tab's open thread is kept in session storage for the sidebar.
    // alarms + notifications: reminders fire on time as system notifications.
    // sidePanel: the same sidebar page in Chrome's side panel, following the active mail tab.
    expect(manifest.permissions ?? []).toEqual(['storage', 'alarms', 'notifications', 'sidePanel']);
    for (const key of ['host_permissions', 'optional_permissions']) {
      expect(manifest, `manifest.${key}`).not.toHaveProperty(key);
    }
    // Team sync: the server's origin is asked for when the rep connects, and given back on disconnect;
    // plain http only on the loopback.
    const { optional_host_permissions: optionalHosts, ...required } = manifest;
    expect(optionalHosts).toEqual(['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*']);
    expect(manifestText).not.toContain('<all_urls>');
    expect(JSON.stringify(required)).not.toMatch(/"\*:\/\/|"https?:\/\/\*\//);
    expect(manifestText).not.toMatch(/"(tabs|scripting|webRequest|cookies|history|downloads)"/);

    const scripts = (manifest.content_scripts ?? []).map((script) => ({
      matches: [...script.matches].sort(),
      js: script.js,
      allFrames: script.all_frames ?? false,
    }));
    expect(scripts).toEqual([
      { matches: GMAIL_MATCHES, js: ['content-scripts/gmail.js'], allFrames: false },
      { matches: OUTLOOK_MATCHES, js: ['content-scripts/outlook.js'], allFrames: false },
    ]);
    expect(manifest.web_accessible_resources).toEqual([
      {
        resources: ['sidebar.html'],
        matches: [
          'https://mail.google.com/*',
          'https://outlook.office.com/*',
          'https://outlook.office365.com/*',
          'https://outlook.cloud.microsoft/*',
          'https://outlook.live.com/*',
        ],
      },
    ]);
    expect(manifest.background).toEqual({ type: 'module', service_worker: 'background.js' });
    expect(manifest).not.toHaveProperty('content_security_policy');
  });

  it('runs with the manifest that was checked above', async () => {
    const loaded = await session.worker.evaluate(() => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { getManifest(): unknown } } }).chrome
        .runtime;
      return runtime.getManifest();
    });
    expect(loaded).toMatchObject({
      permissions: manifest.permissions,
      content_scripts: manifest.content_scripts,
      web_accessible_resources: manifest.web_accessible_resources,
    });
  });

  it('exposes the database to tests, at the schema version lib/extension/db declares', async () => {
    const database = await session.worker.evaluate(async () => {
      const hooks = (globalThis as unknown as { dealsideTest: { database: import('dexie').Dexie } })
        .dealsideTest;
      await hooks.database.open();
      return {
        name: hooks.database.name,
        version: hooks.database.verno,
        tables: hooks.database.tables.map((table) => table.name).sort(),
      };
    });
    expect(database).toEqual({
      name: 'dealside',
      version: CURRENT_SCHEMA_VERSION,
      // The CRM's tables and team sync's own (lib/extension/sync/client/sync-tables.ts).
      tables: [...TABLE_NAMES, 'outbox', 'syncFields', 'syncQuarantine', 'syncState'].sort(),
    });
  });

  it('answers a typed ping from an extension page and refuses a malformed message', async () => {
    const page = await session.newPage();
    await page.goto(extensionUrl('options.html'));
    const replies = await page.evaluate(async () => {
      const runtime = (
        globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }
      ).chrome.runtime;
      return {
        ping: await runtime.sendMessage({ channel: 'dealside', type: 'ping', payload: {} }),
        unknownType: await runtime.sendMessage({
          channel: 'dealside',
          type: 'deleteEverything',
          payload: {},
        }),
        badPayload: await runtime.sendMessage({ channel: 'dealside', type: 'ping', payload: { extra: 1 } }),
      };
    });
    const version = (
      JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
    ).version;
    expect(replies.ping).toEqual({ ok: true, data: { version } });
    expect(replies.unknownType).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a Dealside message'),
    });
    expect(replies.badPayload).toMatchObject({ ok: false, error: expect.stringContaining('malformed ping') });
    await page.close();
  });
});
