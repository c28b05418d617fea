import { useEffect, useState } from 'preact/hooks';
import { attachHost, type AttachOutcome, type HostSession } from './host.session.js';
import { accessToken, savedAuth } from './instructor.auth.js';

/**
 * Attaches this page to room `roomId` as its host, with the instructor's token kept by the teach
 * screens (the console and the projector screen both do); undefined while attaching. The session
 * is closed when the page leaves the room, even if the attach finishes after that.
 */
export function useHostAttach(roomId: string): AttachOutcome | undefined {
  const [outcome, setOutcome] = useState<AttachOutcome | undefined>(undefined);
  useEffect(() => {
    if (!savedAuth()) {
      setOutcome({ ok: false, code: 'UNAUTHORIZED', message: 'Sign in first.' });
      return;
    }
    let live = true;
    let session: HostSession | undefined;
    void attachHost(accessToken, roomId).then((o) => {
      if (o.ok) session = o.session;
      if (live) setOutcome(o);
      else session?.close();
    });
    return () => {
      live = false;
      session?.close();
    };
  }, [roomId]);
  return outcome;
}
