/** What an Outlook on the web URL says is open. */
export type OutlookLocation = {
  origin: string;
  /** "/mail/0/" on outlook.live.com, "/mail/" elsewhere. */
  mailRoot: string;
  /** The conversation id of /mail/<folder>/id/<id>, decoded. */
  conversationId: string | null;
  /** The item id of /mail/deeplink/read/<id> or ?ItemID=, decoded. */
  deeplinkItemId: string | null;
  /** The URL's own path when it names a conversation. */
  conversationPath: string | null;
};

const OUTLOOK_HOSTS = new Set([
  'outlook.office.com',
  'outlook.office365.com',
  'outlook.cloud.microsoft',
  'outlook.live.com',
]);

function decode(segment: string | undefined): string | null {
  if (!segment) return null;
  try {
    return decodeURIComponent(segment) || null;
  } catch {
    return null;
  }
}

export function parseOutlookUrl(url: string): OutlookLocation | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!OUTLOOK_HOSTS.has(parsed.hostname)) return null;
  const path = parsed.pathname;
  const mailRoot =
    /^\/mail\/\d+\//.test(path) || parsed.hostname === 'outlook.live.com' ? '/mail/0/' : '/mail/';
  const deeplink = /\/deeplink\/read\/([^/?#]+)/.exec(path);
  const itemParameter = parsed.searchParams.get('ItemID') ?? parsed.searchParams.get('itemid');
  const conversation = /^(\/mail\/.*\/id\/)([^/?#]+)/.exec(path);
  return {
    origin: parsed.origin,
    mailRoot,
    conversationId: deeplink ? null : decode(conversation?.[2]),
    deeplinkItemId: decode(deeplink?.[1]) ?? (itemParameter || null),
    conversationPath: conversation ? `${conversation[1]}${conversation[2]}` : null,
  };
}

export function outlookConversationUrl(location: OutlookLocation, conversationId: string): string {
  if (location.conversationPath && location.conversationId === conversationId) {
    return `${location.origin}${location.conversationPath}`;
  }
  return `${location.origin}${location.mailRoot}inbox/id/${encodeURIComponent(conversationId)}`;
}

export function outlookDeeplinkUrl(location: OutlookLocation, itemId: string): string {
  return `${location.origin}${location.mailRoot}deeplink/read/${encodeURIComponent(itemId)}`;
}
