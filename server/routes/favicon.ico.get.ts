import { defineEventHandler, setResponseHeaders } from "h3";

// A 16×16 icon (a white K on KRA red, PNG inside ICO), 144 bytes: browsers and WebViews ask for it once.
const ICON = Buffer.from(
  "AAABAAEAEBAAAAEAGAB6AAAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAQAAAAEAgCAAAAkJFoNgAAAEFJREFUeNpjOCGgRxJiIF/DfzBAk8YUxKcBqxE4NWBVjVMDLtXYNeBRjUUDftXU0ECyk8jxNDnBSk7EEU4atEqtACnwZGD9A6umAAAAAElFTkSuQmCC",
  "base64",
);

export default defineEventHandler((event) => {
  setResponseHeaders(event, { "content-type": "image/x-icon", "cache-control": "public, max-age=604800" });
  return ICON;
});
