import { getDomainWithoutSuffix } from 'tldts';

/**
 * Free-mail providers: an address there says nothing about the sender's company, so these
 * domains never match or suggest a company. Curated by hand rather than taken from npm lists
 * (email-providers, free-email-domains): those are "domains seen at sign-up" and include
 * businesses and universities (alibaba.com, facebook.com, nus.edu.sg) that are real customers
 * here and must match their company. Keys are registrable domains.
 */
const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // Global
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'passport.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'ymail.com',
  'rocketmail.com',
  'protonmail.com',
  'protonmail.ch',
  'proton.me',
  'pm.me',
  'tutanota.com',
  'tuta.io',
  'fastmail.com',
  'zohomail.com',
  'mail.com',
  'email.com',
  'hushmail.com',
  'inbox.com',
  // Taiwan: portals and ISPs (msa.hinet.net, ms1.seed.net.tw … resolve to these)
  'pchome.com.tw',
  'seed.net.tw',
  'hinet.net',
  'so-net.net.tw',
  'yam.com',
  'kimo.com',
  'giga.net.tw',
  // Greater China
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  '188.com',
  'sina.com',
  'sina.cn',
  'sohu.com',
  '139.com',
  'netvigator.com',
  // Japan, Korea
  'docomo.ne.jp',
  'ezweb.ne.jp',
  'softbank.ne.jp',
  'naver.com',
  'daum.net',
  'hanmail.net',
  // Europe, Russia, elsewhere
  'mail.ru',
  'inbox.ru',
  'list.ru',
  'bk.ru',
  'rambler.ru',
  'web.de',
  't-online.de',
  'freenet.de',
  'free.fr',
  'orange.fr',
  'laposte.net',
  'libero.it',
  'seznam.cz',
  'wp.pl',
  'onet.pl',
  'rediffmail.com',
  'comcast.net',
  'att.net',
  'verizon.net',
]);

/** Providers that offer free mail under many country suffixes (gmx.de, yandex.ru, yahoo.com.tw …). */
const FREE_MAIL_BRANDS: ReadonlySet<string> = new Set([
  'gmx',
  'yandex',
  'yahoo',
  'hotmail',
  'outlook',
  'windowslive',
]);

/** True for a registrable domain of a free-mail provider (`yahoo.com.tw`, `hinet.net`, `gmx.at`). */
export function isFreeMailDomain(registrableDomain: string): boolean {
  const domain = registrableDomain.toLowerCase();
  if (FREE_MAIL_DOMAINS.has(domain)) return true;
  const brand = getDomainWithoutSuffix(domain, { allowPrivateDomains: false });
  return brand !== null && FREE_MAIL_BRANDS.has(brand);
}
