import { defineConfig } from 'wxt';
import { MAIL_HOST_MATCHES } from './lib/mail/hosts';

/**
 * A fixed public key gives test builds a stable extension id (kfiffphpeabpjplpdnioiegngmpflgmh),
 * so e2e tests can address chrome-extension:// URLs. Store builds never carry it.
 */
const TEST_BUILD_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr//DMwm6i/baznY4Hj4IXcZUi9Wbu/CZwgRmd9k3ASsH44L0KGHq7Gb+g9Lh5XHwKfKKXHXpVsSAB0q1oU5TgQ/a1zOvAjOLSuLa1mxhH2VOSzKdNRk54T+XN2FI5u/jThDDdJz3uk9lEgbs9cTmx8s0VC7cAJOk5AvIx6bNSnaYQLltGtlWlM6Ya2IYdlYeeevfcPFgRUOzHZVWh+XMGF1nAO7bN2XUFr0RqdhZxrLrv5Brx4q3ZD/wOpAz2zebd/1e9tEAfropB+DELJiwanPqaoz/EzXrDmAGwKZ2QqxJsGm+emUPf6wQPHvLCEU3+NxHO339gCHlUsVIdnJvewIDAQAB';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: session storage holds each mail tab's open thread. IndexedDB needs no permission;
    // the mail sites are reached only through content-script matches.
    permissions: ['storage'],
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
