/** The identity service did not answer within the deadline (both runtimes throw this). */
export class JsonCallTimeout extends Error {}
