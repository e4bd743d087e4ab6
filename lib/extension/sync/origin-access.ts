import { originPattern } from './server-url';

/**
 * The sync server's origin as an optional host permission (wxt.config.ts): without it the browser
 * refuses every request to the server. Asking shows the browser's prompt, which browsers allow only
 * during a user action, so the options page calls this straight from the Connect click, before any
 * await.
 */
export function requestOriginAccess(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(origin)] });
}

export function hasOriginAccess(origin: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [originPattern(origin)] });
}

/** After disconnecting, the extension can no longer reach the server until the rep grants it again. */
export async function removeOriginAccess(origin: string): Promise<void> {
  await browser.permissions.remove({ origins: [originPattern(origin)] });
}
