import { useEffect } from 'react';
import type { ScreenshotDto } from '../../common/dto';
import { clockTime } from '../format';
import { useAllowed } from '../stores/policy-flags';
import { useScreenshots } from '../stores/screenshots-store';
import { Dialog } from './Dialog';
import { ErrorNote } from './ErrorNote';
import { TaskName } from './TaskName';

/** One screenshot, large, with what it belongs to; delete when the policy allows it. */
export function ScreenshotViewer({ shot, onClose }: { readonly shot: ScreenshotDto; readonly onClose: () => void }): React.JSX.Element {
  const { thumbnails, thumbnail, remove, error } = useScreenshots();
  const canDelete = useAllowed('screenshots.allowUserDelete');
  useEffect(() => {
    if (shot.state === 'ok') void thumbnail(shot.id);
  }, [shot, thumbnail]);
  const thumb = thumbnails.get(shot.id);
  return (
    <Dialog title={`Screenshot at ${clockTime(shot.capturedAt)}`} onClose={onClose} wide>
      <figure className="viewer">
        {shot.state === 'tampered' ? (
          <p className="error-note">This file failed its integrity check and is never shown.</p>
        ) : thumb?.state === 'ready' ? (
          <img className="viewer-image" src={thumb.src} alt={`Screenshot of display ${shot.display} at ${clockTime(shot.capturedAt)}`} />
        ) : thumb?.state === 'failed' ? (
          <p className="error-note">{thumb.reason}</p>
        ) : (
          <div className="viewer-placeholder">Decrypting…</div>
        )}
        <figcaption className="viewer-meta">
          {shot.taskRef !== null && <TaskName taskRef={shot.taskRef} />}
          <span>
            Display {shot.display} · {String(shot.width)}×{String(shot.height)}
          </span>
          {shot.blurred && <span className="pill">Blurred</span>}
        </figcaption>
      </figure>
      <ErrorNote message={error} />
      <footer className="dialog-actions">
        {canDelete ? (
          <button
            type="button"
            className="danger"
            onClick={() => {
              void remove(shot.id).then((done) => {
                if (done) onClose();
              });
            }}
          >
            Delete screenshot
          </button>
        ) : (
          <span className="managed">Deleting screenshots is managed by your organization</span>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </footer>
    </Dialog>
  );
}
