/** After the page's load event, when the main thread is idle (a second at most). */
export function whenIdle(run: () => void): void {
  const idle = () => (typeof requestIdleCallback === "function" ? requestIdleCallback(run, { timeout: 1000 }) : setTimeout(run, 200));
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}
