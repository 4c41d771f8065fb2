import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and until the page is hydrated, true after. A control whose work is
 * done by script is disabled until then: clicked earlier, it would do nothing (or a form would
 * submit natively, losing what was typed), and a slow phone shows the HTML well before.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
