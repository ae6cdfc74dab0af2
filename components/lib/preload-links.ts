import { FileRoutes } from "@solidjs/start/router";
import { onCleanup, onMount } from "solid-js";
import { whenIdle } from "./when-idle";

/** A file route as FileRoutes gives it in the browser: its path and its lazy page, whose preload loads the page's code. */
interface PageRoute { path?: string; component?: { preload?: () => Promise<unknown> } }

/**
 * The home page is a menu: once it is idle, the code of the pages its visible links marked `data-preload` open is
 * fetched (no data, no call to the gateway), so a tap costs the page's own call and not first two or three round
 * trips of scripts (issue 22). Only the pages most taps go to, whose code is small: preloading every visible link
 * cost a first visit 21 scripts, 54.9 KB as sent, mostly the eTIMS pages' zod; now 5, 8.9 KB
 * (tests/browser/home-preload.test.ts). One page at a time, in the page's order; a touch or a key on any link stops the queue, so the tapped page's scripts
 * share the connection with at most the one page already on its way. Links scrolled into view later follow;
 * nothing with the browser's data saver on, and nothing more once the page is left.
 */
export function preloadVisibleLinks(root: () => HTMLElement | undefined): void {
  let stopped = false;
  let observer: IntersectionObserver | undefined;
  const stop = () => {
    stopped = true;
    observer?.disconnect();
  };
  onCleanup(stop);
  onMount(() => {
    const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;
    if (saveData || typeof IntersectionObserver === "undefined") return;
    stopOnTap(root(), stop);
    const queue = createPreloadQueue(() => stopped);
    whenIdle(() => {
      if (stopped) return;
      observer = new IntersectionObserver((entries) => {
        for (const entry of entries.filter((seen) => seen.isIntersecting)) {
          observer?.unobserve(entry.target);
          queue((entry.target as HTMLAnchorElement).pathname);
        }
      });
      for (const link of root()?.querySelectorAll<HTMLAnchorElement>('a[href^="/"][data-preload]') ?? []) observer.observe(link);
    });
  });
}

/** The first pointer or key down on a link inside `root` stops what is not yet asked for. */
function stopOnTap(root: HTMLElement | undefined, stop: () => void): void {
  const onLink = (event: Event) => {
    if (!(event.target instanceof Element) || !event.target.closest("a[href]")) return;
    stop();
    for (const type of ["pointerdown", "keydown", "click"]) root?.removeEventListener(type, onLink, true);
  };
  for (const type of ["pointerdown", "keydown", "click"]) root?.addEventListener(type, onLink, { capture: true, passive: true });
  onCleanup(() => ["pointerdown", "keydown", "click"].forEach((type) => root?.removeEventListener(type, onLink, true)));
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
