/** Every mail site Dealside runs beside. Content-script matches and frame access derive from this list. */
export const GMAIL_MATCHES = ['https://mail.google.com/*'];

export const OUTLOOK_MATCHES = [
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.cloud.microsoft/*',
  'https://outlook.live.com/*',
];

export const MAIL_HOST_MATCHES = [...GMAIL_MATCHES, ...OUTLOOK_MATCHES];
