// What a Flow's handler returns: the next screen and its data, or the end of the Flow.
import type { H3Event } from "h3";
import { z, type ZodType } from "zod";
import type { FlowClaims } from "./token";
import type { FlowText } from "./text";
import type { Session } from "../../utils/session";

export interface FlowScreen { screen: string; data: Record<string, unknown> }
/** The Flow is done: WhatsApp closes it and posts `summary` into the chat. */
export interface FlowEnd { end: string }
export type FlowReply = FlowScreen | FlowEnd;

export interface FlowContext { event: H3Event; session: Session; claims: FlowClaims; text: FlowText }

/** One input step: the payload its screen sends (strict: no other field, no identity) and what follows. */
export interface FlowStep { payload: ZodType<Record<string, string>>; next(context: FlowContext, input: Record<string, string>): Promise<FlowReply> }

/** A Flow: its own screens (besides the shared ones), its first screen after sign-in, and its steps by name (the session's `flow.step`). */
export interface FlowDefinition { screens: readonly string[]; start(context: FlowContext): Promise<FlowReply>; steps: Record<string, FlowStep> }

/** The screens every Flow has: the SMS code, the web sign-up link, a notice. */
export const SHARED_SCREENS = ["SIGN_IN", "NOT_REGISTERED", "NOTICE"] as const;

/** An input screen, with room for a refusal's message (`error`, shown when `has_error`). */
export function inputScreen(screen: string, data: Record<string, unknown>, error = ""): FlowScreen {
  return { screen, data: { ...data, error, has_error: error !== "" } };
}

/** A message the Flow ends on (the user closes it). */
export function noticeScreen(text: FlowText, message: string): FlowScreen {
  return { screen: "NOTICE", data: { message, done: text.done } };
}

/** Moves the Flow to `step`, remembering the screen it answers with. */
export function goTo(context: FlowContext, step: string, screen: FlowScreen, changes: Partial<NonNullable<Session["record"]["flow"]>> = {}): FlowScreen {
  const flow = context.session.record.flow!;
  context.session.record.flow = { ...flow, ...changes, step, screen: { id: screen.screen, data: screen.data } };
  return screen;
}

/** The last screen's button: the Flow ends with its summary. */
export const DONE = z.strictObject({ done: z.literal("1") });
