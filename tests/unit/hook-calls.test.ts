// Nitro's hooks, called without hookable's per-call DevTools task, keep hookable's serial order and errors.
import type { Hookable } from "hookable";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { callHooksWithoutTasks } from "../../server/utils/hook-calls";

type Hook = (...args: (string | number)[]) => Promise<void> | void;
interface TestHooks { afterResponse: Hook; request: Hook; close: Hook; "nothing-listens": Hook }
let createHooks: () => Hookable<TestHooks>;
const createTask = vi.fn((name: string) => ({ run: <T>(fn: () => T) => fn(), name }));

beforeAll(async () => {
  // hookable reads console.createTask once, when it loads: watch it before that.
  vi.resetModules();
  (console as unknown as { createTask: typeof createTask }).createTask = createTask;
  const hookable = await import("hookable");
  createHooks = () => hookable.createHooks<TestHooks>();
});

describe("callHooksWithoutTasks", () => {
  it("makes no DevTools task per call (hookable's own callHook makes one even with no hook)", async () => {
    const plain = createHooks();
    await plain.callHook("afterResponse");
    expect(createTask).toHaveBeenCalledTimes(1);
    createTask.mockClear();
    const hooks = createHooks();
    callHooksWithoutTasks(hooks);
    hooks.hook("afterResponse", () => {});
    await hooks.callHook("afterResponse");
    await hooks.callHook("request");
    expect(createTask).not.toHaveBeenCalled();
  });

  it("runs the hooks in order, each after the previous one settled, with the arguments, from a microtask", async () => {
    const hooks = createHooks();
    callHooksWithoutTasks(hooks);
    const seen: string[] = [];
    hooks.hook("afterResponse", async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(`first ${args.join(",")}`);
    });
    hooks.hook("afterResponse", (...args) => void seen.push(`second ${args.join(",")}`));
    const call = hooks.callHook("afterResponse", "event", 200);
    seen.push("returned");
    await call;
    expect(seen).toEqual(["returned", "first event,200", "second event,200"]);
  });

  it("rejects with a hook's error, as hookable does, and skips the hooks after it", async () => {
    const hooks = createHooks();
    callHooksWithoutTasks(hooks);
    const after = vi.fn();
    hooks.hook("request", () => {
      throw new Error("boom");
    });
    hooks.hook("request", after);
    await expect(hooks.callHook("request")).rejects.toThrow("boom");
    expect(after).not.toHaveBeenCalled();
    await expect(hooks.callHook("nothing-listens")).resolves.toBeUndefined();
  });

  it("still reports calls to hookable's beforeEach and afterEach", async () => {
    const hooks = createHooks();
    callHooksWithoutTasks(hooks);
    const names: string[] = [];
    hooks.beforeEach((event) => void names.push(`before ${event.name}`));
    hooks.afterEach((event) => void names.push(`after ${event.name}`));
    await hooks.callHook("close");
    expect(names).toEqual(["before close", "after close"]);
  });
});
