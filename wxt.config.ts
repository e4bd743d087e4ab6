import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { MAIL_HOST_MATCHES } from './lib/mail-page/hosts';

/**
 * A fixed public key gives test builds a stable extension id (kfiffphpeabpjplpdnioiegngmpflgmh),
 * so e2e tests can address chrome-extension:// URLs. Store builds never carry it.
 */
const TEST_BUILD_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr//DMwm6i/baznY4Hj4IXcZUi9Wbu/CZwgRmd9k3ASsH44L0KGHq7Gb+g9Lh5XHwKfKKXHXpVsSAB0q1oU5TgQ/a1zOvAjOLSuLa1mxhH2VOSzKdNRk54T+XN2FI5u/jThDDdJz3uk9lEgbs9cTmx8s0VC7cAJOk5AvIx6bNSnaYQLltGtlWlM6Ya2IYdlYeeevfcPFgRUOzHZVWh+XMGF1nAO7bN2XUFr0RqdhZxrLrv5Brx4q3ZD/wOpAz2zebd/1e9tEAfropB+DELJiwanPqaoz/EzXrDmAGwKZ2QqxJsGm+emUPf6wQPHvLCEU3+NxHO339gCHlUsVIdnJvewIDAQAB';

/**
 * Gmail support through InboxSDK is built only with an app id (WXT_INBOXSDK_APP_ID=sdk_… npm run build).
 * InboxSDK sends telemetry to its vendor that cannot be turned off, so builds without an id never
 * contain it; they use Dealside's own Gmail adapter.
 */
const INBOXSDK_APP_ID = process.env.WXT_INBOXSDK_APP_ID;

/**
 * Team sync servers (lib/extension/sync/): the rep grants their server's origin when connecting in options,
 * and it is removed again on disconnect, so nothing is reachable until then. Plain http only on the
 * loopback, where a token cannot be read off the network.
 */
const SYNC_SERVER_ORIGINS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];

export default defineConfig({
  vite: () => ({
    resolve: {
      alias: {
        '#inboxsdk-background': INBOXSDK_APP_ID
          ? '@inboxsdk/core/background.js'
          : resolve(import.meta.dirname, 'lib/mail-page/inboxsdk/no-background.ts'),
      },
    },
  }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      // InboxSDK injects this file into Gmail's page world; it must sit at the extension root.
      if (INBOXSDK_APP_ID) {
        files.push({
          absoluteSrc: resolve(import.meta.dirname, 'node_modules/@inboxsdk/core/pageWorld.js'),
          relativeDest: 'pageWorld.js',
        });
      }
    },
  },
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: session storage holds each mail tab's open thread. IndexedDB needs no permission;
    // the mail sites are reached only through content-script matches.
    // sidePanel (Chrome only): shows the sidebar page in the browser's side panel, following the
    // active mail tab. Firefox's sidebar_action needs no permission.
    // scripting + Gmail host access: only InboxSDK builds, which inject InboxSDK's page-world script.
    // alarms + notifications: reminders wake the worker when due and show a system notification
    // (lib/extension/reminders/reminder-service.ts); both exist in Chrome and Firefox.
    permissions: [
      'storage',
      'alarms',
      'notifications',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
      ...(INBOXSDK_APP_ID ? ['scripting'] : []),
    ],
    ...(INBOXSDK_APP_ID ? { host_permissions: ['https://mail.google.com/'] } : {}),
    // Optional, asked for at connect time: the team sync server's origin (SYNC_SERVER_ORIGINS).
    // Manifest V2 (Firefox) has no optional_host_permissions; origins go in optional_permissions.
    ...(browser === 'firefox'
      ? { optional_permissions: SYNC_SERVER_ORIGINS }
      : { optional_host_permissions: SYNC_SERVER_ORIGINS }),
    // The toolbar button opens the popup (entrypoints/popup/, added to the action by WXT as
    // default_popup); the popup opens the side panel (lib/extension/platform/toolbar-action.ts).
    action: { default_title: '__MSG_extName__' },
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: MAIL_HOST_MATCHES }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'dealside@dealside.app',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
    ...(mode === 'test' ? { key: TEST_BUILD_PUBLIC_KEY } : {}),
  }),
});
