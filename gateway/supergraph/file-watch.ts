import { type FSWatcher, watch } from 'node:fs';
import { dirname } from 'node:path';

/** A watch that can be stopped. */
export interface FileWatch {
  close(): void;
}

/**
 * Calls `onSettled` once the folder holding `file` has been quiet for `debounceMs` after any
 * change in it. The folder is watched, not the file: a release that writes a new file and renames
 * it over the old one (an atomic deploy, a Kubernetes ConfigMap swapping its `..data` link)
 * replaces the file's inode, and a watch on the old inode would hear nothing more. Any change in
 * the folder counts; the caller reads the file and compares, so a change to a neighbour costs one
 * read. The watch never keeps the process alive.
 */
export function watchFileSettled(file: string, debounceMs: number, onSettled: () => void, onError: (error: Error) => void): FileWatch {
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(dirname(file), { persistent: false }, () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onSettled();
    }, debounceMs);
    timer.unref();
  });
  watcher.on('error', onError);
  return {
    close: () => {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
