/** Variables every request carries through the HTTP app (the request id that a 500 names). */
export type AppEnv = { Variables: { requestId: string } };
