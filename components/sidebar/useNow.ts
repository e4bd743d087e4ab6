import { useEffect, useState } from 'react';

const MINUTE = 60_000;

/** The current time, updated each minute, so due times move from "upcoming" to "overdue" on screen. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), MINUTE);
    return () => clearInterval(timer);
  }, []);
  return now;
}
