import { z } from 'zod';

/** Env names as given; that they exist (and that the caller may see them) the registry checks. */
export const envNames = z.array(z.string().min(1).max(128)).max(64);

/** An optional env filter: absent = every env with the backend. */
export const envFilter = envNames.nullish();

/** The service a query is about (also what PromQL templates and log queries are built from). */
export const serviceName = z.string().trim().min(1, 'must not be empty').max(256);
