import { type RefObject, useEffect, useState } from 'react';

/**
 * After "Add", the keyboard goes to the first box of the list's new last row; it exists only once
 * the list has rendered again, hence the effect.
 */
export function useFocusNewRow(list: RefObject<HTMLElement | null>): () => void {
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (!pending) return;
    list.current?.querySelector<HTMLElement>(':scope > li:last-child :is(input, select)')?.focus();
    setPending(false);
  }, [pending, list]);
  return () => setPending(true);
}
