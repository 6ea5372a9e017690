/**
 * A module loaded on demand (a dynamic `import()`), for code a page's first screen does without:
 * the import starts once `wanted`, after the render that asked for it has been painted, so its
 * download never competes with what the reader is waiting for. `failed` when the import failed
 * (offline, or a deploy replaced the page's files); `retry` then loads the page again: the browser
 * keeps a failed import's answer for the page's life (Chromium asks nothing when it is imported
 * again), so only a new page can load it.
 */
import { useEffect, useState } from 'preact/hooks';

export interface LazyModule<T> {
  module: T | null;
  failed: boolean;
  retry: () => void;
}

export function useLazyModule<T>(load: () => Promise<T>, wanted = true): LazyModule<T> {
  const [state, setState] = useState<{ module: T | null; failed: boolean }>({ module: null, failed: false });
  useEffect(() => {
    if (!wanted || state.module) return;
    let current = true;
    load().then(
      (module) => current && setState({ module, failed: false }),
      () => current && setState({ module: null, failed: true }),
    );
    return () => {
      current = false;
    };
  }, [wanted]);
  return { ...state, retry: () => window.location.reload() };
}
