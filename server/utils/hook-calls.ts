/** What of Nitro's hooks (hookable) this needs: its public `callHookWith`, and `callHook` to replace. */
interface Hooks {
  callHook(name: string, ...args: unknown[]): Promise<unknown>;
  callHookWith(caller: (hooks: HookFunction[], args: unknown[]) => unknown, name: string, ...args: unknown[]): unknown;
}
type HookFunction = (...args: unknown[]) => unknown;

/**
 * hookable's `callHook` wraps every call in a `console.createTask` (DevTools' async stack tagging),
 * whether or not a hook listens, and runs each hook inside it: Nitro calls it three times per request
 * (request, beforeResponse, afterResponse), a few µs of every proxied call's CPU (tests/bench/RESULTS.md,
 * "Issue 22, round 3"). Calls go through hookable's own `callHookWith` instead, with the same serial
 * order as `callHook`: each hook after the previous one's promise settles, the first in a microtask,
 * and a throw or rejection rejects the returned promise; only the DevTools task is gone.
 */
export function callHooksWithoutTasks(hooks: Hooks): void {
  hooks.callHook = (name, ...args) => hooks.callHookWith(inOrder, name, ...args) as Promise<unknown>;
}

function inOrder(hooks: HookFunction[], args: unknown[]): Promise<unknown> {
  let chain: Promise<unknown> = Promise.resolve();
  for (const hook of hooks) chain = chain.then(() => hook(...args));
  return chain;
}
