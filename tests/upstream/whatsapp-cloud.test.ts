import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PDF_BYTES } from "./pdf";
import { startSimulatedCloudApi, type SimulatedCloudApi } from "./whatsapp-cloud";

// The simulated WhatsApp Cloud API itself: Graph's shapes, the token check, the window error, faults.
const TOKEN = "EAAG-simulator-test-token";
const PHONE_ID = "106540352242922";
let cloud: SimulatedCloudApi;

beforeAll(async () => {
  cloud = await startSimulatedCloudApi({ accessToken: TOKEN, phoneNumberId: PHONE_ID });
});
afterAll(() => cloud?.close());

const post = (endpoint: string, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${cloud.baseUrl}/${PHONE_ID}/${endpoint}`, { method: "POST", body, headers: { authorization: `Bearer ${TOKEN}`, ...headers } });

function pdfForm(type = "application/pdf", bytes: Uint8Array = PDF_BYTES): FormData {
  const form = new FormData();
  form.set("messaging_product", "whatsapp");
  form.set("type", type);
  form.set("file", new Blob([bytes as BlobPart], { type }), "Invoice-INVABCDEFG.pdf");
  return form;
}

const document = (to: string, id: string) =>
  JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", to, type: "document", document: { id, filename: "a.pdf" } });

describe("simulated WhatsApp Cloud API", () => {
  it("uploads a PDF as media and sends it as a document message, recording both", async () => {
    const upload = await post("media", pdfForm());
    expect(upload.status).toBe(200);
    const { id } = await upload.json();
    expect(id).toMatch(/^\d{15,16}$/);
    const sent = await post("messages", document("254700000001", id), { "content-type": "application/json" });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({ messaging_product: "whatsapp", contacts: [{ wa_id: "254700000001" }], messages: [{ id: expect.stringMatching(/^wamid\./) }] });
    expect(cloud.sent().at(-1)).toMatchObject({ to: "254700000001", mediaId: id, filename: "a.pdf" });
    expect(cloud.sent().at(-1)!.pdf.equals(PDF_BYTES)).toBe(true);
    expect(cloud.received.at(-1)!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("answers Graph errors: a wrong token (190), a file that is not a PDF, an unknown media id", async () => {
    const wrongToken = await fetch(`${cloud.baseUrl}/${PHONE_ID}/media`, { method: "POST", body: pdfForm(), headers: { authorization: "Bearer nope" } });
    expect(wrongToken.status).toBe(401);
    expect(await wrongToken.json()).toMatchObject({ error: { code: 190, type: "OAuthException", fbtrace_id: expect.any(String) } });
    expect((await post("media", pdfForm("application/pdf", new TextEncoder().encode("not a pdf")))).status).toBe(400);
    const unknown = await post("messages", document("254700000001", "999"), { "content-type": "application/json" });
    expect(await unknown.json()).toMatchObject({ error: { code: 100 } });
  });

  it("refuses a number whose 24-hour window is closed with 131047 (Re-engagement message)", async () => {
    cloud.closeWindow("254700000009");
    const { id } = await (await post("media", pdfForm())).json();
    const refused = await post("messages", document("254700000009", id), { "content-type": "application/json" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      error: { code: 131047, message: "(#131047) Re-engagement message", error_data: { messaging_product: "whatsapp", details: expect.stringContaining("24 hours") } },
    });
    expect(cloud.sent().map((message) => message.to)).not.toContain("254700000009");
  });

  it("takes faults by path, like the KRA simulator", async () => {
    cloud.addFault({ fault: { kind: "html503" }, path: /\/media$/, times: 1 });
    expect((await post("media", pdfForm())).status).toBe(503);
    expect((await post("media", pdfForm())).status).toBe(200);
  });
});
