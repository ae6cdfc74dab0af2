import { usePreloadRoute } from "@solidjs/router";
import { onCleanup, onMount } from "solid-js";

/**
 * The home page is a menu: once it is idle, the scripts of the pages its visible links open are fetched
 * (the router's route preload, code only: no data, no call to the gateway), so a tap costs the page's own
 * call and not first two or three round trips of scripts (issue 22). Links scrolled into view later follow;
 * nothing with the browser's data saver on. Call it from a component whose `root` holds the links.
 */
export function preloadVisibleLinks(root: () => HTMLElement | undefined): void {
  const preload = usePreloadRoute();
  let observer: IntersectionObserver | undefined;
  onMount(() => {
    const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;
    if (saveData || typeof IntersectionObserver === "undefined") return;
    const start = () => {
      observer = new IntersectionObserver((entries) => {
        for (const entry of entries.filter((seen) => seen.isIntersecting)) {
          observer?.unobserve(entry.target);
          preload((entry.target as HTMLAnchorElement).pathname, { preloadData: false });
        }
      });
      for (const link of root()?.querySelectorAll<HTMLAnchorElement>('a[href^="/"]') ?? []) observer.observe(link);
    };
    whenIdle(start);
  });
  onCleanup(() => observer?.disconnect());
}

/** After the page's load event, when the main thread is idle (a second at most). */
function whenIdle(run: () => void): void {
  const idle = () => (typeof requestIdleCallback === "function" ? requestIdleCallback(run, { timeout: 1000 }) : setTimeout(run, 200));
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}
