import { z } from 'zod';

/** A secret given inline (after ${VAR} substitution) or read from a file at load time. */
export const secretSchema = z.union([
  z.string().min(1),
  z.object({ file: z.string().min(1) }).strict(),
  z.object({ env: z.string().min(1) }).strict(),
]);

export const authSchema = z.union([
  z.object({ bearer: secretSchema }).strict(),
  z.object({ basic: z.object({ username: z.string().min(1), password: secretSchema }).strict() }).strict(),
  z.object({ apiKey: secretSchema }).strict(),
]);

export type SecretInput = z.infer<typeof secretSchema>;
export type AuthInput = z.infer<typeof authSchema>;
