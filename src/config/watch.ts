import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Calls `onChange` once the config file has stopped changing for `debounceMs`. The folder is watched,
 * not the file: editors and Kubernetes (a ConfigMap volume swaps its `..data` symlink) replace files,
 * which a watch on the file itself would miss after the first swap.
 */
export function watchConfigFile(path: string, onChange: () => void, debounceMs = 500): () => void {
  const file = basename(path);
  let timer: NodeJS.Timeout | undefined;
  const fire = (): void => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
    timer.unref();
  };
  let watcher: FSWatcher;
  try {
    watcher = watch(dirname(path), (_event, name) => {
      if (name === null || name === file || name === '..data' || name.startsWith('..')) fire();
    });
  } catch {
    return () => undefined; // a folder that cannot be watched still reloads on SIGHUP
  }
  watcher.unref();
  watcher.on('error', () => watcher.close());
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
