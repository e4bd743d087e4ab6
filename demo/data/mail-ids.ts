import type { MailProvider } from '../../lib/shared/model';
import { type Random, randomString } from './random';

const HEX = '0123456789abcdef';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const UPPER_ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export type MailThread = { provider: MailProvider; threadId: string; threadUrl: string };

/** Ids shaped like the mail sites' own: Gmail's legacy hex ids, Outlook's base64 item ids. */
export function providerMessageId(random: Random, provider: MailProvider): string {
  return provider === 'gmail'
    ? `19${randomString(random, HEX, 14)}`
    : `AAMkAGI2${randomString(random, BASE62, 120)}AAA=`;
}

export function newMailThread(random: Random, provider: MailProvider): MailThread {
  if (provider === 'gmail') {
    const threadId = `19${randomString(random, HEX, 14)}`;
    return { provider, threadId, threadUrl: `https://mail.google.com/mail/u/0/#inbox/${threadId}` };
  }
  const threadId = `AAQkAGI2${randomString(random, BASE62, 40)}AQ=`;
  return {
    provider,
    threadId,
    threadUrl: `https://outlook.office.com/mail/inbox/id/${encodeURIComponent(threadId)}`,
  };
}

/** The RFC 5322 Message-ID the sender's mail system would have written (without angle brackets). */
export function rfcMessageId(
  random: Random,
  senderSystem: 'gmail' | 'outlook' | 'own',
  domain: string,
): string {
  switch (senderSystem) {
    case 'gmail':
      return `CA${randomString(random, BASE62, 34)}+${randomString(random, BASE62, 12)}@mail.gmail.com`;
    case 'outlook': {
      const server = `TYZPR06MB${random.int(1000, 9999)}`;
      return `${server}${randomString(random, UPPER_ALPHANUMERIC, 32)}@${server}.apcprd06.prod.outlook.com`;
    }
    case 'own':
      return `${randomString(random, HEX, 12)}.${randomString(random, HEX, 8)}@mail.${domain}`;
  }
}
