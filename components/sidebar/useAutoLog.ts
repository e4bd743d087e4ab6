import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { autoLogThread } from '@/lib/extension/email-log/auto-log';
import type { OpenThread } from '@/lib/mail-page/mail-page-state';
import type { Settings } from '@/lib/shared/model';

export type AutoLogState = { kind: 'idle' } | { kind: 'logged'; count: number } | { kind: 'failed' };

/**
 * Runs the auto-log rule (when the rep turned it on) each time the open thread's content changes.
 * Running it again is harmless: logging is exactly-once, so only new messages are added.
 */
export function useAutoLog(context: OpenThread, settings: Settings): AutoLogState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<AutoLogState>({ kind: 'idle' });

  useEffect(() => {
    if (!settings.autoLogOpenDeals) return;
    // Runs overlap when the page reports the thread twice in a row; whichever run logged the
    // messages reports them, so counts add up rather than replace each other.
    autoLogThread(openDatabase(), context, settings).then(
      (outcomes) => {
        const count = outcomes.reduce((total, outcome) => total + outcome.result.logged.length, 0);
        if (count === 0) return;
        void queryClient.invalidateQueries();
        setState((previous) => ({
          kind: 'logged',
          count: count + (previous.kind === 'logged' ? previous.count : 0),
        }));
      },
      () => setState({ kind: 'failed' }),
    );
  }, [context, settings, queryClient]);

  return state;
}
