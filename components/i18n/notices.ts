import { registerCatalog } from "./index";
import { noticesEn } from "./notices-en";
import { noticesSw } from "./notices-sw";

// Imported for its effect by the pages that use these texts (SignedIn, the session-ended page):
// the app's translator then knows them. The first page does not load them.
registerCatalog({ en: noticesEn, sw: noticesSw });
