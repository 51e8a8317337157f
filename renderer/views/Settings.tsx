import { useEffect, useState } from 'react';
import type { EffectiveSettingDto } from '../../common/dto';
import { settingValueText } from '../../common/setting-value-text';
import { ErrorNote } from '../components/ErrorNote';
import { SETTING_DESCRIPTIONS } from '../setting-descriptions';
import { useSettings } from '../stores/settings-store';

const SOURCES: Record<EffectiveSettingDto['source'], string> = {
  machine: 'Organization policy (this computer)',
  'user-policy': 'Organization policy (your account)',
  user: 'Your setting',
  default: 'Default',
};

const GROUPS: Record<string, string> = {
  activity: 'Activity and idle',
  tracking: 'Tracking',
  screenshots: 'Screenshots',
  sync: 'Posting worklogs',
  integrations: 'Integrations',
  standup: 'Standups',
  retention: 'Retention',
};

/** Every effective setting; those an organization policy locks say so, with their source, and cannot be edited. */
export function Settings(): React.JSX.Element {
  const { policy, error, load } = useSettings();
  useEffect(() => {
    void load();
  }, [load]);
  const groups = new Map<string, EffectiveSettingDto[]>();
  for (const setting of policy?.settings ?? []) {
    const group = setting.key.split('.')[0] ?? setting.key;
    groups.set(group, [...(groups.get(group) ?? []), setting]);
  }
  return (
    <div className="view settings">
      <header className="view-head">
        <div>
          <h1>Settings</h1>
          <p className="subtle">Settings your organization manages are shown but cannot be changed here.</p>
        </div>
      </header>
      <ErrorNote message={error} />
      {policy?.problem !== null && policy?.problem !== undefined && <p className="warning">{policy.problem}</p>}
      {[...groups].map(([group, settings]) => (
        <section key={group} className="card" aria-labelledby={`settings-${group}`}>
          <h2 id={`settings-${group}`}>{GROUPS[group] ?? group}</h2>
          <ul className="setting-list">
            {settings.map((setting) => (
              <SettingRow key={setting.key} setting={setting} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function SettingRow({ setting }: { readonly setting: EffectiveSettingDto }): React.JSX.Element {
  const { errors, set, reset } = useSettings();
  const id = `setting-${setting.key.replace(/[^a-zA-Z0-9]/g, '-')}`;
  return (
    <li className={setting.locked ? 'setting locked' : 'setting'} data-key={setting.key}>
      <div className="setting-text">
        <label htmlFor={id} className="setting-key">
          {setting.key}
        </label>
        {SETTING_DESCRIPTIONS[setting.key] !== undefined && (
          <span className="setting-description">{SETTING_DESCRIPTIONS[setting.key]}</span>
        )}
        {setting.locked ? (
          <span className="managed" id={`${id}-source`}>
            <LockIcon />
            Managed by your organization · {SOURCES[setting.source]}
          </span>
        ) : (
          <span className="subtle">{SOURCES[setting.source]}</span>
        )}
      </div>
      <div className="setting-control">
        <SettingInput id={id} setting={setting} onSave={(value) => void set(setting.key, value)} />
        {!setting.locked && setting.source === 'user' && (
          <button type="button" className="small ghost" onClick={() => void reset(setting.key)}>
            Reset
          </button>
        )}
      </div>
      <ErrorNote message={errors.get(setting.key) ?? null} />
    </li>
  );
}

function SettingInput({
  id,
  setting,
  onSave,
}: {
  readonly id: string;
  readonly setting: EffectiveSettingDto;
  readonly onSave: (value: unknown) => void;
}): React.JSX.Element {
  const { value, locked } = setting;
  const described = locked ? `${id}-source` : undefined;
  const text = settingValueText(value, { none: '', unset: '' });
  const [draft, setDraft] = useState(text);
  useEffect(() => {
    setDraft(text);
  }, [text]);
  if (typeof value === 'boolean') {
    return (
      <input
        id={id}
        type="checkbox"
        className="switch"
        checked={value}
        disabled={locked}
        aria-describedby={described}
        onChange={(e) => {
          onSave(e.target.checked);
        }}
      />
    );
  }
  const parse = (): unknown => {
    if (typeof value === 'number') return Number(draft);
    if (Array.isArray(value)) {
      const items = draft
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
      return value.every((item) => typeof item === 'number') ? items.map(Number) : items;
    }
    if (typeof value === 'string' || value === null) return draft === '' && value === null ? null : draft;
    try {
      return JSON.parse(draft) as unknown;
    } catch {
      return draft;
    }
  };
  return (
    <form
      className="setting-form"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(parse());
      }}
    >
      <input
        id={id}
        type={typeof value === 'number' ? 'number' : 'text'}
        value={typeof value === 'object' && value !== null && !Array.isArray(value) ? JSON.stringify(value) : draft}
        readOnly={locked}
        disabled={locked}
        aria-describedby={described}
        onChange={(e) => {
          setDraft(e.target.value);
        }}
      />
      {!locked && draft !== text && (
        <button type="submit" className="small">
          Save
        </button>
      )}
    </form>
  );
}

function LockIcon(): React.JSX.Element {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path
        d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h.5Zm1.5 0h4V5a2 2 0 1 0-4 0v2Z"
        fill="currentColor"
      />
    </svg>
  );
}
