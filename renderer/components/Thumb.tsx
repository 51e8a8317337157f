import { useEffect, useRef } from 'react';
import type { ScreenshotDto } from '../../common/dto';
import { clockTime } from '../format';
import { useScreenshots } from '../stores/screenshots-store';

/** A screenshot thumbnail button; decrypts (through the core) only once it scrolls into view. */
export function Thumb({
  shot,
  onOpen,
}: {
  readonly shot: ScreenshotDto;
  readonly onOpen: (shot: ScreenshotDto) => void;
}): React.JSX.Element {
  const thumb = useScreenshots((state) => state.thumbnails.get(shot.id));
  const load = useScreenshots((state) => state.thumbnail);
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (element === null || shot.state !== 'ok') return;
    if (typeof IntersectionObserver === 'undefined') {
      void load(shot.id);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        void load(shot.id);
      }
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, [shot, load]);
  const time = clockTime(shot.capturedAt);
  return (
    <button
      ref={ref}
      type="button"
      className="thumb"
      aria-label={`Open screenshot at ${time}${shot.blurred ? ' (blurred)' : ''}`}
      onClick={() => {
        onOpen(shot);
      }}
    >
      {thumb?.state === 'ready' ? (
        <img src={thumb.src} alt="" />
      ) : (
        <span className="thumb-empty">{shot.state === 'tampered' ? 'Tampered' : ''}</span>
      )}
      <span className="thumb-time">{time}</span>
      {shot.blurred && <span className="thumb-blur">Blurred</span>}
    </button>
  );
}
