/**
 * Exit codes of `parallax`, for runbook scripts to branch on:
 *   0  ok: the candidate envs show no regression (verdict pass, marginal or no_data)
 *   1  regression found: the verdict is fail
 *   2  bad input: a wrong argument, or the gateway rejected the request (4xx, e.g. unknown env, bad token)
 *   3  gateway unreachable: no connection, timeout, or the gateway itself failed (5xx)
 */
export const EXIT = { OK: 0, REGRESSION: 1, BAD_INPUT: 2, UNREACHABLE: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
