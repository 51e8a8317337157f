import { useEffect, useState } from 'react';
import type { ExportProgressDto } from '../../common/dto';
import { usePrivacy, type ExportFormat } from '../stores/privacy-store';
import { TextField } from './TextField';

const EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', json: 'json', archive: 'zip' };

function formatOf(value: string): ExportFormat {
  return value === 'json' || value === 'archive' ? value : 'csv';
}

/** The path with the format's extension in place of an export extension it ends with (a path the person typed otherwise stays). */
function withExtension(path: string, format: ExportFormat): string {
  return /\.(csv|json|zip)$/i.test(path) ? path.replace(/\.(csv|json|zip)$/i, `.${EXTENSIONS[format]}`) : path;
}

/** The export file next to the data folder: its parent folder, split on / or \ (Windows), with that folder's separator. */
export function defaultExportPath(dataDir: string, format: ExportFormat): string {
  const trimmed = dataDir.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  const separator = cut >= 0 ? (trimmed[cut] ?? '/') : '/';
  return `${cut >= 0 ? trimmed.slice(0, cut) : ''}${separator}clockhand-export.${EXTENSIONS[format]}`;
}

/** How far the running export is (the core's data.exportProgress), or that it runs. */
function ExportProgress({ progress }: { readonly progress: ExportProgressDto | null }): React.JSX.Element {
  if (progress === null || progress.total === 0) {
    return (
      <p className="export-progress" role="status">
        Exporting…
      </p>
    );
  }
  const percent = Math.min(100, Math.floor((100 * progress.done) / progress.total));
  return (
    <div className="export-progress" role="status">
      <progress max={progress.total} value={progress.done} aria-label="Export progress" />
      <span>
        Exporting {progress.phase ?? ''}: {progress.done.toLocaleString()} / {progress.total.toLocaleString()} ({String(percent)}%)
      </span>
    </div>
  );
}

/** Export: CSV, JSON or the archive (zip), written by the core to a path outside its data folder, with progress. */
export function ExportCard({ dataDir }: { readonly dataDir: string | null }): React.JSX.Element {
  const { exported, exporting, progress, exportData } = usePrivacy();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [out, setOut] = useState('');
  useEffect(() => {
    if (out === '' && dataDir !== null) setOut(defaultExportPath(dataDir, format));
  }, [dataDir, out, format]);
  return (
    <section className="card" aria-labelledby="export">
      <h2 id="export">Export</h2>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void exportData(format, out);
        }}
      >
        <label className="field">
          <span className="field-label">Format</span>
          <select
            value={format}
            onChange={(e) => {
              const next = formatOf(e.target.value);
              setFormat(next);
              setOut((path) => withExtension(path, next));
            }}
          >
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
            <option value="archive">Archive (zip: JSON, CSV, screenshots, policy history)</option>
          </select>
        </label>
        <TextField label="Save to (absolute path, outside the data folder)" wide required value={out} onChange={setOut} />
        <button type="submit" className="primary" disabled={exporting}>
          Export
        </button>
      </form>
      {format === 'archive' && (
        <p className="subtle small-text">The archive holds your screenshots decrypted: keep it somewhere only you can read.</p>
      )}
      {exporting && <ExportProgress progress={progress} />}
      {exported !== null && (
        <p className="success" role="status">
          Exported {String(exported.entries)} entries
          {exported.screenshots === undefined ? '' : ` and ${String(exported.screenshots)} screenshots`} to {exported.path}.
        </p>
      )}
    </section>
  );
}
