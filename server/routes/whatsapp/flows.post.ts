import { defineEventHandler, setResponseHeader } from "h3";
import { answerFlowRequest, requireFlows } from "../../features/flows/endpoint";

// WhatsApp Flows' data endpoint (README: WhatsApp Flows): an encrypted request in, an encrypted answer out.
export default defineEventHandler(async (event) => {
  const flows = requireFlows(event);
  const answer = await answerFlowRequest(event, flows);
  setResponseHeader(event, "content-type", "text/plain; charset=utf-8");
  return answer;
});
