import { DurableObject } from "cloudflare:workers";

interface Slot { count: number; expiresAt: number }

/**
 * One counter or nonce per object, addressed by its key (`idFromName`). A
 * Durable Object runs one event at a time and holds further events while it
 * awaits its own storage (input gates), so the read-then-write below is atomic:
 * the compare-and-set that Workers KV lacks. An alarm deletes the slot when its
 * window ends.
 */
export class GatewayCounter extends DurableObject {
  /** Adds one; a slot whose window has passed starts again at 1 with a new window of `ttlSeconds`. */
  async increment(ttlSeconds: number): Promise<number> {
    const now = Date.now();
    const slot = await this.ctx.storage.get<Slot>("slot");
    const next = slot && slot.expiresAt > now
      ? { count: slot.count + 1, expiresAt: slot.expiresAt }
      : { count: 1, expiresAt: now + Math.max(1, ttlSeconds) * 1000 };
    await this.ctx.storage.put("slot", next);
    if (next.count === 1) await this.ctx.storage.setAlarm(next.expiresAt);
    return next.count;
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
