import { useEffect, useRef, useState } from 'react';
import type { ScreenshotDto } from '../../common/dto';
import { clockTime } from '../format';
import { useAllowed } from '../stores/policy-flags';
import { useScreenshotImage } from '../stores/screenshot-image-store';
import { useScreenshots } from '../stores/screenshots-store';
import { Dialog } from './Dialog';
import { ErrorNote } from './ErrorNote';
import { TaskName } from './TaskName';

type Zoom = 'fit' | 'actual';

/**
 * One screenshot at full size (decrypted by the core when shown, released when left), fitted to the window or at
 * 100 %; previous/next through the day with the arrow keys; delete when the policy allows it.
 */
export function ScreenshotViewer({
  shots,
  id,
  onSelect,
  onClose,
  onDeleted,
}: {
  /** The day's screenshots, in order: the arrows move through these. */
  readonly shots: readonly ScreenshotDto[];
  readonly id: string;
  readonly onSelect: (id: string) => void;
  readonly onClose: () => void;
  /** After a delete (the Today view reloads its day). */
  readonly onDeleted?: (id: string) => void;
}): React.JSX.Element | null {
  const { image, open, close } = useScreenshotImage();
  const { remove, error, markTampered } = useScreenshots();
  const thumb = useScreenshots((state) => state.thumbnails.get(id));
  const canDelete = useAllowed('screenshots.allowUserDelete');
  const [zoom, setZoom] = useState<Zoom>('fit');
  const stage = useRef<HTMLDivElement>(null);
  const listed = useRef(shots);
  listed.current = shots;
  const index = shots.findIndex((shot) => shot.id === id);
  // Just deleted: it stays on screen until the viewer has moved on to its neighbour (or closed).
  const last = useRef<ScreenshotDto | null>(null);
  const shot = shots[index] ?? (last.current?.id === id ? last.current : undefined);
  last.current = shot ?? null;

  useEffect(() => {
    setZoom('fit');
    // Read the state when the screenshot is chosen: a refusal marks it tampered, which must not reopen it.
    const chosen = listed.current.find((candidate) => candidate.id === id);
    if (chosen?.state === 'ok') void open(id);
    return () => {
      close();
    };
  }, [id, open, close]);
  useEffect(() => {
    if (image.state === 'failed' && image.id === id && image.code === 'conflict') markTampered(id);
  }, [image, id, markTampered]);
  if (shot === undefined) return null;

  const previous = shots[index - 1];
  const next = shots[index + 1];
  const time = clockTime(shot.capturedAt);
  const mine = image.state !== 'none' && image.id === id ? image : null;
  const toggleZoom = (): void => {
    setZoom((current) => (current === 'fit' ? 'actual' : 'fit'));
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLDialogElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // At 100 % the focused image scrolls with the arrow keys; elsewhere they move through the day.
    const scrolling = zoom === 'actual' && event.target instanceof Node && stage.current?.contains(event.target) === true;
    switch (event.key) {
      case 'ArrowLeft':
        if (scrolling || previous === undefined) return;
        event.preventDefault();
        onSelect(previous.id);
        return;
      case 'ArrowRight':
        if (scrolling || next === undefined) return;
        event.preventDefault();
        onSelect(next.id);
        return;
      case 'z':
      case 'Z':
        event.preventDefault();
        toggleZoom();
        return;
      case '+':
      case '=':
        event.preventDefault();
        setZoom('actual');
        return;
      case '-':
        event.preventDefault();
        setZoom('fit');
        return;
      default:
        return;
    }
  };
  const deleteShot = (): void => {
    const after = next ?? previous;
    void remove(id).then((done) => {
      if (!done) return;
      onDeleted?.(id);
      if (after === undefined) onClose();
      else onSelect(after.id);
    });
  };

  return (
    <Dialog title={`Screenshot at ${time}`} onClose={onClose} wide="viewer" onKeyDown={onKeyDown}>
      <figure className="viewer">
        <div
          ref={stage}
          className={`viewer-stage zoom-${zoom}`}
          {...(zoom === 'actual' && mine?.state === 'ready' && { tabIndex: 0, role: 'region', 'aria-label': 'Screenshot at 100 %' })}
        >
          {mine?.state === 'failed' ? (
            <p className="error-note viewer-refusal" role="alert">
              {mine.reason}
            </p>
          ) : shot.state === 'tampered' ? (
            <p className="error-note viewer-refusal" role="alert">
              This file failed its integrity check and is never shown.
            </p>
          ) : mine?.state === 'ready' ? (
            <img
              className="viewer-image"
              src={mine.url}
              width={mine.width}
              height={mine.height}
              alt={`Screenshot of display ${shot.display} at ${time}${shot.blurred ? ' (blurred)' : ''}`}
              onClick={toggleZoom}
            />
          ) : (
            <div className="viewer-placeholder" role="status">
              {thumb?.state === 'ready' && <img className="viewer-preview" src={thumb.src} alt="" />}
              <span className="viewer-decrypting">Decrypting…</span>
            </div>
          )}
        </div>
        <figcaption className="viewer-meta">
          <span className="viewer-position">
            {String(index + 1)} of {String(shots.length)}
          </span>
          {shot.taskRef !== null && <TaskName taskRef={shot.taskRef} />}
          <span>
            Display {shot.display} · {String(shot.width)}×{String(shot.height)}
          </span>
          {shot.blurred && (
            <span className="pill" title="Blurred before it was encrypted: the sharp image was never stored">
              Blurred
            </span>
          )}
        </figcaption>
      </figure>
      <div className="viewer-tools">
        <button
          type="button"
          className="small"
          aria-label="Previous screenshot"
          disabled={previous === undefined}
          onClick={() => {
            if (previous !== undefined) onSelect(previous.id);
          }}
        >
          ← Previous
        </button>
        <button
          type="button"
          className="small"
          aria-label="Next screenshot"
          disabled={next === undefined}
          onClick={() => {
            if (next !== undefined) onSelect(next.id);
          }}
        >
          Next →
        </button>
        <button type="button" className="small" aria-pressed={zoom === 'actual'} disabled={mine?.state !== 'ready'} onClick={toggleZoom}>
          Actual size (100 %)
        </button>
        <span className="subtle viewer-keys">← → previous / next · Z zoom · Esc close</span>
      </div>
      <ErrorNote message={error} />
      <footer className="dialog-actions">
        {canDelete ? (
          <button type="button" className="danger" onClick={deleteShot}>
            Delete screenshot
          </button>
        ) : (
          <span className="managed">Deleting screenshots: Managed by your organization</span>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </footer>
    </Dialog>
  );
}
