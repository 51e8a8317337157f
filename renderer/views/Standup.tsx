import { useEffect, useState } from 'react';
import type { StandupDto } from '../../common/dto';
import { ErrorNote } from '../components/ErrorNote';
import { clockTime, instantOf, longDay, today } from '../format';
import { providerName } from '../provider-name';
import { composedToday, composedYesterday, STANDUP_STATE_LABEL, standupStateSentence } from '../standup-text';
import { useNav } from '../stores/nav-store';
import { useSettings } from '../stores/settings-store';
import { isPosting, useStandup } from '../stores/standup-store';

/** How often the view re-reads a standup that is on its way to Slack or Teams. */
export const STANDUP_POLL_MS = 500;

/** Today's standup as it will read, the person's words for each section, posting, and the standups before. */
export function Standup(): React.JSX.Element {
  const { current, history, destination, busy, error, load, loadDestination, refresh, post } = useStandup();
  // The settings store is re-read when the policy or a setting changes: the destination is read again then.
  const policy = useSettings((state) => state.policy);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    void loadDestination();
  }, [policy, loadDestination]);
  const posting = isPosting(current);
  useEffect(() => {
    if (!posting) return;
    const timer = setInterval(() => void refresh(), STANDUP_POLL_MS);
    return () => {
      clearInterval(timer);
    };
  }, [posting, refresh]);
  const problem = destination?.problem ?? null;
  // Until the core has said where it goes, Post waits.
  const canPost =
    current !== null && destination !== null && problem?.blocking !== true && busy === null && !posting && current.state !== 'posted';
  return (
    <div className="view standup">
      <header className="view-head">
        <div>
          <h1>Standup</h1>
          <p className="subtle">{current === null ? '' : longDay(current.day)}</p>
        </div>
        {current !== null && <span className={`state-pill standup-state-${current.state}`}>{STANDUP_STATE_LABEL[current.state]}</span>}
      </header>
      <section className="card" aria-labelledby="standup-destination">
        <h2 id="standup-destination">Where it goes</h2>
        {destination !== null && (
          <p>
            {destination.provider === null
              ? 'Not set'
              : `${providerName(destination.provider)}${destination.where === null ? '' : ` · ${destination.where}`}`}
            {destination.managed && <span className="managed"> · Managed by your organization</span>}
          </p>
        )}
        {problem !== null && (
          <p className="warning standup-problem">
            {problem.text}
            {problem.managed && ' Managed by your organization.'} {problem.fixIn !== null && <FixButton place={problem.fixIn} />}
          </p>
        )}
      </section>
      <ErrorNote message={error} />
      {current !== null && (
        <div className="two-columns">
          <section className="card" aria-labelledby="standup-preview">
            <h2 id="standup-preview">Preview</h2>
            <pre className="standup-text" aria-label="Standup text">
              {current.text}
            </pre>
            <p className="standup-status" role="status">
              {standupStateSentence(current)}
            </p>
            {current.lastError !== null && current.state !== 'posted' && <p className="vendor-error">{current.lastError}</p>}
            <div className="form-actions">
              {current.state === 'posted' ? (
                <span className="subtle">
                  {canEditPosted(current) ? 'Edits update the posted message.' : 'Posted to Teams: change it there.'}
                </span>
              ) : (
                <button
                  type="button"
                  className="primary"
                  disabled={!canPost}
                  onClick={() => {
                    void post();
                  }}
                >
                  {current.state === 'needs_attention' || current.state === 'needs_reauth' ? 'Try again' : 'Post'}
                </button>
              )}
            </div>
          </section>
          <StandupEditor key={`${String(current.id)}-${String(current.revision)}`} standup={current} />
        </div>
      )}
      <section className="card" aria-labelledby="standup-history">
        <h2 id="standup-history">History</h2>
        {history.length === 0 ? (
          <p className="empty">No standups yet.</p>
        ) : (
          <ul className="standup-history" aria-labelledby="standup-history">
            {history.map((standup) => (
              <HistoryItem key={standup.id} standup={standup} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** Slack messages are updated with the person's edits; a Teams post cannot be changed from here. */
function canEditPosted(standup: StandupDto): boolean {
  return standup.postedRevision === 0 || (standup.destination?.startsWith('slack') ?? false);
}

/** Opens the view where the person can fix what stands in the way of posting. */
function FixButton({ place }: { readonly place: 'settings' | 'integrations' }): React.JSX.Element {
  const go = useNav((state) => state.go);
  return (
    <button
      type="button"
      className="small ghost"
      onClick={() => {
        go(place);
      }}
    >
      {place === 'settings' ? 'Open Settings' : 'Open Integrations'}
    </button>
  );
}

/** The person's words for each section; empty means the list Clockhand composes from the tracked time. */
function StandupEditor({ standup }: { readonly standup: StandupDto }): React.JSX.Element {
  const { busy, save } = useStandup();
  const [yesterday, setYesterday] = useState(standup.edits.yesterday ?? '');
  const [todayText, setTodayText] = useState(standup.edits.today ?? '');
  const [blockers, setBlockers] = useState(standup.edits.blockers ?? '');
  const orNull = (text: string): string | null => (text.trim() === '' ? null : text);
  const frozen = !canEditPosted(standup);
  const fields = [
    { id: 'standup-yesterday', label: 'Yesterday', value: yesterday, set: setYesterday, composed: composedYesterday(standup) },
    { id: 'standup-today', label: 'Today', value: todayText, set: setTodayText, composed: composedToday(standup) },
    { id: 'standup-blockers', label: 'Blockers', value: blockers, set: setBlockers, composed: 'None' },
  ];
  return (
    <section className="card" aria-labelledby="standup-edit">
      <h2 id="standup-edit">Your words</h2>
      <form
        className="standup-form"
        aria-labelledby="standup-edit"
        onSubmit={(event) => {
          event.preventDefault();
          void save({ yesterday: orNull(yesterday), today: orNull(todayText), blockers: orNull(blockers) });
        }}
      >
        <p className="subtle small-text">Leave a section empty to use what Clockhand composes from your tracked time.</p>
        {fields.map((field) => (
          <label key={field.id} className="field" htmlFor={field.id}>
            <span className="field-label">{field.label}</span>
            <textarea
              id={field.id}
              rows={3}
              maxLength={4000}
              disabled={frozen}
              value={field.value}
              placeholder={field.composed === '' ? '(nothing)' : field.composed}
              onChange={(e) => {
                field.set(e.target.value);
              }}
            />
          </label>
        ))}
        <div className="form-actions">
          <button type="submit" disabled={busy !== null || frozen}>
            Save
          </button>
        </div>
      </form>
    </section>
  );
}

function HistoryItem({ standup }: { readonly standup: StandupDto }): React.JSX.Element {
  const posted = standup.postedAt === null ? NaN : instantOf(standup.postedAt);
  const when =
    standup.postedAt === null || Number.isNaN(posted)
      ? null
      : `posted ${today(new Date(posted)) === standup.day ? '' : `${longDay(today(new Date(posted)))} `}${clockTime(standup.postedAt)}`;
  return (
    <li className="standup-item">
      <div className="standup-item-head">
        <span className="standup-day">{longDay(standup.day)}</span>
        <span className={`state-pill standup-state-${standup.state}`}>{STANDUP_STATE_LABEL[standup.state]}</span>
      </div>
      <p className="subtle small-text">
        {[standup.destination, when, standup.attempts > 1 ? `${String(standup.attempts)} attempts` : null]
          .filter((part) => part !== null)
          .join(' · ')}
      </p>
      {standup.lastError !== null && <p className="vendor-error">{standup.lastError}</p>}
      <details>
        <summary>Text</summary>
        <pre className="standup-text">{standup.text}</pre>
      </details>
    </li>
  );
}
