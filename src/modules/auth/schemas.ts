/** Zod schemas of logging in and the session it opens. */
import { z } from "@hono/zod-openapi";
import { emailSchema, organizationSchema, userSchema } from "../organizations/schemas";

export const loginBodySchema = z
  .strictObject({ email: emailSchema, password: z.string().min(1).max(128) })
  .openapi("LoginRequest");

export const sessionSchema = z
  .object({ token: z.string(), expiresAt: z.string(), user: userSchema, organization: organizationSchema })
  .openapi("Session");

export const meSchema = z.object({ user: userSchema, organization: organizationSchema }).openapi("Me");

export type LoginBody = z.infer<typeof loginBodySchema>;
