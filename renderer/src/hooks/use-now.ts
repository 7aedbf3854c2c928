/** A clock for relative times ("3 s ago"): re-renders every `ms` while `active`. */
import { useEffect, useState } from 'react';

/** The current time, refreshed every `ms` milliseconds while `active`. */
export function useNow(ms: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms, active]);
  return now;
}
