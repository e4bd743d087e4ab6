import { en } from 'zod/locales';
import { z } from 'zod/mini';

/**
 * zod/mini brings no messages of its own: without these, refusals would only say "Invalid input".
 * Imported where refusals are read (the background), not by content scripts: nobody reads theirs,
 * and the locale would add about 1 kB gzip to every mail page.
 */
z.config(en());
