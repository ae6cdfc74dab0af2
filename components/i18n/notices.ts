import { registerCatalog } from "./index";
import { noticesEn } from "./notices-en";
import { noticesSw } from "./notices-sw";

// Called by the pages that use these texts (the service pages, the session-ended page) and by the problem
// describer (components/lib/kra-words.ts) as they load or render:
// the app's translator then knows them. The first page does not load them.
let registered = false;
export function registerNotices(): void {
  if (registered) return;
  registerCatalog({ en: noticesEn, sw: noticesSw });
  registered = true;
}
