import { lchown, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** A separate user the agent process (and every command it runs) runs as. */
export interface RunAs {
  uid: number;
  gid: number;
}

/** The owner a directory tree is handed back to after a run: this service's own user. */
export function serviceOwner(): RunAs {
  return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 };
}

/**
 * Gives `dir` and everything in it to `owner`. `lchown` never follows a link, so a link the
 * agent planted (to /etc/shadow, say) changes owner itself and its target stays as it was.
 */
export async function chownTree(dir: string, owner: RunAs): Promise<void> {
  await lchown(dir, owner.uid, owner.gid);
  const entries = await readdir(dir, { recursive: true });
  for (const entry of entries) {
    await lchown(path.join(dir, entry), owner.uid, owner.gid).catch((error: unknown) => {
      // A file the agent's last command removed between the listing and now.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
  }
}

/**
 * Why `user` cannot reach `dir`, or null when it can: every ancestor needs the search bit for
 * it (a workspace created 0700 by the service is closed to another uid until it is 0711).
 */
export async function unreachableReason(dir: string, user: RunAs): Promise<string | null> {
  let current = path.dirname(path.resolve(dir));
  for (;;) {
    const info = await stat(current);
    const bit = info.uid === user.uid ? 0o100 : info.gid === user.gid ? 0o010 : 0o001;
    if (user.uid !== 0 && (info.mode & bit) === 0) {
      return `uid ${user.uid} cannot enter ${current} (mode ${(info.mode & 0o777).toString(8)}); make it traversable (0711) for the agent user`;
    }
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}
