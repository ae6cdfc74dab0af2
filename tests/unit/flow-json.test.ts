import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FLOWS } from "../../server/features/flows/endpoint";
import { SHARED_SCREENS } from "../../server/features/flows/screens";
import { FLOW_NAMES } from "../../server/features/flows/token";
import { ROOT } from "../support/gateway";

// The Flow JSON files KRA uploads to Meta (deploy/whatsapp-flows/), checked against the parts of Meta's Flow
// JSON reference (version 6.3, data API 3.0) these Flows use. The integration test checks the other direction:
// every screen and data field the handlers answered with is declared here.
const DIR = `${ROOT}deploy/whatsapp-flows`;
const COMPONENTS = new Set(["TextBody", "TextCaption", "TextInput", "Dropdown", "EmbeddedLink", "Footer"]);
const ACTIONS = new Set(["data_exchange", "complete", "open_url"]);

const schemaOfData = z.record(z.string(), z.object({ type: z.enum(["string", "boolean", "number", "array", "object"]), __example__: z.unknown() }).loose());
const screenSchema = z.strictObject({
  id: z.string().regex(/^[A-Z_]+$/), title: z.string().min(1).max(30), terminal: z.boolean().optional(), success: z.boolean().optional(),
  data: schemaOfData.optional(), sensitive: z.array(z.string()).min(1).optional(),
  layout: z.strictObject({ type: z.literal("SingleColumnLayout"), children: z.array(z.object({ type: z.string() }).loose()).min(1) }),
});
const flowSchema = z.strictObject({
  version: z.literal("6.3"), data_api_version: z.literal("3.0"),
  routing_model: z.record(z.string(), z.array(z.string())), screens: z.array(screenSchema).min(1),
});

const flows = Object.fromEntries(FLOW_NAMES.map((name) => [name, JSON.parse(readFileSync(`${DIR}/${name}.json`, "utf8"))]));

describe.each(FLOW_NAMES)("%s.json", (name) => {
  const flow = flows[name];

  it("has the shape Meta's Flow JSON 6.3 with data API 3.0 asks for", () => {
    expect(flowSchema.safeParse(flow).error?.issues ?? []).toEqual([]);
  });

  it("has exactly the screens its handler knows (server/features/flows: the shared ones and the Flow's own)", () => {
    const ids = flow.screens.map((screen: { id: string }) => screen.id).sort();
    expect(ids).toEqual([...SHARED_SCREENS, ...FLOWS[name].screens].sort());
  });

  it("routes only between its own screens, each screen listed, terminal screens leading nowhere", () => {
    const ids = flow.screens.map((screen: { id: string }) => screen.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(flow.routing_model).sort()).toEqual([...ids].sort());
    for (const [from, to] of Object.entries(flow.routing_model) as [string, string[]][]) {
      for (const target of to) expect([from, ids.includes(target)]).toEqual([from, true]);
    }
    for (const screen of flow.screens.filter((s: { terminal?: boolean }) => s.terminal)) expect(flow.routing_model[screen.id]).toEqual([]);
  });

  it("uses only known components and actions, and every ${data.…} and ${form.…} it names exists on its screen", () => {
    for (const screen of flow.screens) {
      const declared = Object.keys(screen.data ?? {});
      const inputs = screen.layout.children.filter((c: { name?: string }) => c.name).map((c: { name: string }) => c.name);
      const footers = screen.layout.children.filter((c: { type: string }) => c.type === "Footer");
      expect([screen.id, footers.length]).toEqual([screen.id, 1]);
      for (const child of screen.layout.children) expect([screen.id, COMPONENTS.has(child.type)]).toEqual([screen.id, true]);
      const text = JSON.stringify(screen.layout);
      for (const [, field] of text.matchAll(/\$\{data\.([a-z_]+)\}/g)) expect([screen.id, field, declared.includes(field)]).toEqual([screen.id, field, true]);
      for (const [, field] of text.matchAll(/\$\{form\.([a-z_]+)\}/g)) expect([screen.id, field, inputs.includes(field)]).toEqual([screen.id, field, true]);
      for (const [, action] of text.matchAll(/"name":"([a-z_]+)","(?:payload|url)"/g)) expect([screen.id, ACTIONS.has(action)]).toEqual([screen.id, true]);
      for (const field of declared) expect([screen.id, field, text.includes(`\${data.${field}}`)]).toEqual([screen.id, field, true]);
    }
  });

  it("masks the SMS code: a passcode input, declared sensitive (its value is hidden in the chat's summary)", () => {
    const signIn = flow.screens.find((screen: { id: string }) => screen.id === "SIGN_IN");
    const code = signIn.layout.children.find((child: { name?: string }) => child.name === "otp");
    expect(code["input-type"]).toBe("passcode");
    expect(signIn.sensitive).toEqual(["otp"]);
  });

  it("declares as sensitive only its own screen's inputs", () => {
    for (const screen of flow.screens.filter((s: { sensitive?: string[] }) => s.sensitive)) {
      const inputs = screen.layout.children.filter((c: { name?: string }) => c.name).map((c: { name: string }) => c.name);
      for (const field of screen.sensitive) expect([screen.id, field, inputs.includes(field)]).toEqual([screen.id, field, true]);
    }
  });
});

it("deploy/whatsapp-flows holds exactly the three Flows", () => {
  expect(readdirSync(DIR).sort()).toEqual(FLOW_NAMES.map((name) => `${name}.json`).sort());
});
