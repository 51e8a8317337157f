import { useEffect, useState } from 'react';
import type { ScreenshotDto } from '../../common/dto';
import { ErrorNote } from '../components/ErrorNote';
import { ScreenshotViewer } from '../components/ScreenshotViewer';
import { Thumb } from '../components/Thumb';
import { longDay } from '../format';
import { useNav } from '../stores/nav-store';
import { useScreenshots } from '../stores/screenshots-store';
import { useStatus } from '../stores/status-store';
import { DayStepper } from './Entries';

/** A day's screenshots as a gallery; each opens at full size (previous/next through the day), with delete when allowed. */
export function Screenshots(): React.JSX.Element {
  const { day, setDay, shot: requested, shotOpened } = useNav();
  const { shots, error, load } = useScreenshots();
  const capture = useStatus((state) => state.status?.screenshots);
  const [opened, setOpened] = useState<string | null>(null);
  useEffect(() => {
    void load(day);
  }, [day, load]);
  // The app asked for one screenshot (a notification's "View"): open it once the day's list has it.
  useEffect(() => {
    if (requested !== null && shots.some((shot) => shot.id === requested)) {
      setOpened(requested);
      shotOpened();
    }
  }, [requested, shots, shotOpened]);
  return (
    <div className="view screenshots">
      <header className="view-head">
        <div>
          <h1>Screenshots</h1>
          <p className="subtle">{longDay(day)}</p>
        </div>
        <DayStepper day={day} onChange={setDay} />
      </header>
      {capture !== undefined && (
        <p className="subtle capture-state">
          {capture.enabled
            ? `Capture is on, every ${String(capture.intervalMinutes)} min${capture.blur ? ', blurred' : ''}`
            : 'Capture is off'}
          {capture.lockedBy !== null && ' · Managed by your organization'}
          {capture.problem !== null && ` · ${capture.problem}`}
        </p>
      )}
      <ErrorNote message={error} />
      {shots.length === 0 ? (
        <p className="empty">No screenshots on this day.</p>
      ) : (
        <div className="gallery">
          {shots.map((shot) => (
            <Thumb
              key={shot.id}
              shot={shot}
              onOpen={(chosen: ScreenshotDto) => {
                setOpened(chosen.id);
              }}
            />
          ))}
        </div>
      )}
      {opened !== null && (
        <ScreenshotViewer
          shots={shots}
          id={opened}
          onSelect={setOpened}
          onClose={() => {
            setOpened(null);
          }}
        />
      )}
    </div>
  );
}
