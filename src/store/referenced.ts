import type { ChildProcessWithoutNullStreams } from 'node:child_process';

/**
 * An idle child process must not keep Node alive (a CLI that forgets `close()` would hang), a busy one must.
 * The pipes are handles of their own, so they are (un)referenced together with the process.
 */
export function setReferenced(child: ChildProcessWithoutNullStreams, referenced: boolean): void {
  for (const handle of [child, child.stdin, child.stdout, child.stderr] as unknown as Array<{
    ref?: () => void;
    unref?: () => void;
  }>) {
    if (referenced) handle.ref?.();
    else handle.unref?.();
  }
}
