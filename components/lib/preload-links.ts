import { FileRoutes } from "@solidjs/start/router";
import { onCleanup, onMount } from "solid-js";
import { whenIdle } from "./when-idle";

/** A file route as FileRoutes gives it in the browser: its path and its lazy page, whose preload loads the page's code. */
interface PageRoute { path?: string; component?: { preload?: () => Promise<unknown> } }

/**
 * The home page is a menu: once it is idle, the code of the pages its visible links open is fetched (no data,
 * no call to the gateway), so a tap costs the page's own call and not first two or three round trips of scripts
 * (issue 22). One page at a time, in the page's order: a tap meanwhile waits for at most one other page's
 * scripts, not for every link's at once (tests/bench/RESULTS.md). Links scrolled into view later follow;
 * nothing with the browser's data saver on, and nothing more once the page is left.
 */
export function preloadVisibleLinks(root: () => HTMLElement | undefined): void {
  let left = false;
  let observer: IntersectionObserver | undefined;
  onCleanup(() => {
    left = true;
    observer?.disconnect();
  });
  onMount(() => {
    const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;
    if (saveData || typeof IntersectionObserver === "undefined") return;
    const queue = createPreloadQueue(() => left);
    whenIdle(() => {
      if (left) return;
      observer = new IntersectionObserver((entries) => {
        for (const entry of entries.filter((seen) => seen.isIntersecting)) {
          observer?.unobserve(entry.target);
          queue((entry.target as HTMLAnchorElement).pathname);
        }
      });
      for (const link of root()?.querySelectorAll<HTMLAnchorElement>('a[href^="/"]') ?? []) observer.observe(link);
    });
  });
}

/** Loads each path's page code after the previous one's has arrived; a path without a page is skipped. */
function createPreloadQueue(stopped: () => boolean): (path: string) => void {
  const pages = FileRoutes() as PageRoute[];
  let chain: Promise<unknown> = Promise.resolve();
  return (path) => {
    const page = pages.find((route) => route.path === path || route.path === `${path}/`)?.component;
    if (!page?.preload) return;
    chain = chain.then(() => (stopped() ? undefined : page.preload!())).catch(() => undefined);
  };
}
