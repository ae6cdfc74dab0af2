import { defineNitroConfig } from "nitropack/config";
import shared from "../nitro.config";

// Read only by `nitropack dev server` (npm run dev), whose root is server/.
// vinxi's build and the worker build read the root nitro.config.ts instead.
export default defineNitroConfig({ ...shared, srcDir: "." });
