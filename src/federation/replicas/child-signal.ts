/** A signal that aborts with `parent` or on its own abort(); release() unhooks it from the parent. */
export function childSignal(parent: AbortSignal): {
  signal: AbortSignal;
  abort: () => void;
  release: () => void;
} {
  const controller = new AbortController();
  const onParent = (): void => controller.abort(parent.reason);
  if (parent.aborted) onParent();
  else parent.addEventListener('abort', onParent, { once: true });
  return {
    signal: controller.signal,
    abort: () => controller.abort(new DOMException('a faster replica answered', 'AbortError')),
    release: () => parent.removeEventListener('abort', onParent),
  };
}
