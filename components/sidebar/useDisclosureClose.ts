import { type KeyboardEvent, useRef } from 'react';

/**
 * Closing an inline disclosure the same way everywhere: `close` runs `onClose` and puts focus back on
 * the button that opened it (`opener`); Escape inside the disclosure closes it.
 */
export function useDisclosureClose(onClose: () => void) {
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    onClose();
    opener.current?.focus();
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    close();
  };
  return { opener, close, closeOnEscape };
}
