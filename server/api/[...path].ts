import { defineEventHandler } from "h3";

export default defineEventHandler((event) => ({ proxied: event.path }));
