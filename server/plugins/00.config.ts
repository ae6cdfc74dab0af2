import { defineNitroPlugin } from "nitropack/runtime";

export default defineNitroPlugin(() => {
  console.log("plugin loaded");
});
