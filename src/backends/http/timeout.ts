/**
 * An AbortSignal that fires after `ms` or when `parent` aborts, with a release() that clears the timer.
 * AbortSignal.timeout() keeps its timer alive until it fires, so a busy gateway would carry one live
 * timer per finished request for the whole timeout; this one is gone as soon as the call settles.
 */
export function timeoutSignal(
  ms: number,
  parent?: AbortSignal,
): { signal: AbortSignal; timedOut: () => boolean; release: () => void } {
  const child = childSignal(parent);
  let fired = false;
  const timer = setTimeout(() => {
    fired = true;
    child.abort(new DOMException(`timed out after ${ms} ms`, 'TimeoutError'));
  }, ms);
  return {
    signal: child.signal,
    timedOut: () => fired,
    release: () => {
      clearTimeout(timer);
      child.release();
    },
  };
}

/** A signal that aborts with `parent` (when given) or on its own abort(); release() unhooks it from the parent. */
export function childSignal(parent?: AbortSignal): {
  signal: AbortSignal;
  abort: (reason?: unknown) => void;
  release: () => void;
} {
  const controller = new AbortController();
  const onParent = (): void => controller.abort(parent?.reason);
  if (parent?.aborted) onParent();
  else parent?.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    release: () => parent?.removeEventListener('abort', onParent),
  };
}
