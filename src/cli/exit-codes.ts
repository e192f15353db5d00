/**
 * Exit codes of `parallax`, for runbook scripts to branch on:
 *   0  ok: no regression found (verdict pass, or marginal: possibly worse, printed as a warning)
 *   1  regression found: the verdict is fail
 *   2  bad input: a wrong argument, or the gateway rejected the request (4xx, e.g. unknown env, bad token)
 *   3  gateway unreachable: no connection, timeout, or the gateway itself failed (5xx)
 *   4  no data: a side had no traffic in the window or is absent from every backend; nothing was judged
 */
export const EXIT = { OK: 0, REGRESSION: 1, BAD_INPUT: 2, UNREACHABLE: 3, NO_DATA: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
