import os from 'node:os';
import type { Browser } from 'puppeteer-core';

/** One line that says what the figures were measured on; results are only comparable on alike machines. */
export async function describeMachine(browser: Browser): Promise<string> {
  const cpus = os.cpus();
  const memoryGb = (os.totalmem() / 1024 ** 3).toFixed(1);
  return [
    cpus[0]?.model.trim() ?? 'unknown CPU',
    `${cpus.length} cores`,
    `${memoryGb} GB RAM`,
    await browser.version(),
    `Node ${process.version}`,
    `${os.platform()} ${os.arch()}`,
  ].join(', ');
}
