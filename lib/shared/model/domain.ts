import { getDomain } from 'tldts';
import { z } from 'zod';

// Kept apart from common.ts: tldts carries the whole Public Suffix List, and the content scripts,
// which validate addresses but never domains, must not bundle it.
/** A registrable domain (example.com.tw, not www.example.com.tw), lower-cased. */
export const registrableDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((domain) => getDomain(domain, { allowPrivateDomains: false }) === domain, {
    message: 'is not a registrable domain (for example acme.com.tw, not www.acme.com.tw)',
    // The code names this refusal to the UI, which words it in the rep's language.
    params: { code: 'notRegistrableDomain' },
  });
