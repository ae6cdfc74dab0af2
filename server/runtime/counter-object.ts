import { DurableObject } from "cloudflare:workers";

interface Slot { count: number; expiresAt: number }
type Storage = GatewayCounter["ctx"]["storage"];

async function liveSlot(storage: Storage, now: number): Promise<Slot | undefined> {
  const slot = await storage.get<Slot>("slot");
  return slot && slot.expiresAt > now ? slot : undefined;
}

/**
 * One counter or nonce per object, addressed by its key (`idFromName`). A
 * Durable Object runs one event at a time and holds further events while it
 * awaits its own storage (input gates), so the read-then-write below is atomic:
 * the compare-and-set that Workers KV lacks. An alarm deletes the slot when its
 * window ends.
 */
export class GatewayCounter extends DurableObject {
  /** Adds `by` (default 1); a slot that is absent or past its window starts again at `by` with a new window of `ttlSeconds`. */
  async increment(ttlSeconds: number, by = 1): Promise<number> {
    const now = Date.now();
    const slot = await liveSlot(this.ctx.storage, now);
    const next = slot ? { count: slot.count + by, expiresAt: slot.expiresAt } : { count: by, expiresAt: now + Math.max(1, ttlSeconds) * 1000 };
    await this.ctx.storage.put("slot", next);
    if (!slot) await this.ctx.storage.setAlarm(next.expiresAt);
    return next.count;
  }

  /** The current count, 0 when absent or past its window; counts nothing. */
  async read(): Promise<number> {
    return (await liveSlot(this.ctx.storage, Date.now()))?.count ?? 0;
  }

  /** True only for the first claim within the window (single-use nonces). */
  async claim(ttlSeconds: number): Promise<boolean> {
    return (await this.increment(ttlSeconds)) === 1;
  }

  async release(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  async alarm(): Promise<void> {
    const slot = await this.ctx.storage.get<Slot>("slot");
    if (!slot || slot.expiresAt <= Date.now()) await this.ctx.storage.deleteAll();
    else await this.ctx.storage.setAlarm(slot.expiresAt);
  }
}
