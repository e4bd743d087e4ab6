import type { ReactNode } from 'react';

type Kind = 'loading' | 'error' | 'empty' | 'success';

/** Loading, empty, error and success notes look and announce themselves the same way everywhere. */
export function StatusMessage({ kind, children }: { kind: Kind; children: ReactNode }) {
  return (
    <div
      className={`status status-${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      aria-busy={kind === 'loading'}
    >
      {children}
    </div>
  );
}
