import type { Command, Option } from 'commander';
import type { OperationName, OperationOutput } from '../../common/contract';
import { settingValueText } from '../../common/setting-value-text';
import type { EffectiveSettingDto, PolicyChangeDto, PolicyView } from '../../common/dto';

export type Ask = <K extends OperationName>(
  name: K,
  params: unknown,
  asJson: boolean | undefined,
  render: (value: OperationOutput<K>) => string,
  timeoutMs?: number,
) => Promise<void>;

function valueText(value: unknown): string {
  return settingValueText(value, { none: '(none)', unset: '-' });
}

const ORIGIN_LABELS: Record<EffectiveSettingDto['source'], string> = {
  machine: 'machine policy',
  'user-policy': 'user policy',
  user: 'you',
  default: 'default',
};

export function formatSetting(setting: EffectiveSettingDto): string {
  const lock = setting.locked ? '  (locked)' : '';
  return `${setting.key.padEnd(30)} ${valueText(setting.value).padEnd(28)} ${ORIGIN_LABELS[setting.source]}${lock}`;
}

export function formatPolicy(view: PolicyView): string {
  const lines: string[] = [];
  if (view.problem !== null) lines.push(`PROBLEM: ${view.problem}`, '');
  for (const source of view.sources) {
    const applied = source.appliedAt === null ? '' : `, applied ${source.appliedAt}`;
    const error = source.error === null ? '' : `: ${source.error}`;
    lines.push(`${source.scope.padEnd(12)} ${source.location}  ${source.state}${error}${applied}`);
  }
  lines.push('', `${'setting'.padEnd(30)} ${'value'.padEnd(28)} source`);
  for (const setting of view.settings) lines.push(formatSetting(setting));
  return lines.join('\n');
}

export function formatHistory(changes: readonly PolicyChangeDto[]): string {
  if (changes.length === 0) return 'Your organization has not changed any setting.';
  return changes.map((change) => `${change.at}  ${change.sentence}`).join('\n');
}

/** A value typed on the command line: JSON when it parses (5, true, ["jira"]), otherwise the text itself. */
export function parseSettingValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `clockhand policy`, `clockhand policy history`, `clockhand settings set|reset`. */
export function addPolicyCommands(program: Command, json: Option, ask: Ask, toLimit: (text: string) => number): void {
  const policy = program.command('policy').description("your organization's policy (default: show)");
  policy
    .command('show', { isDefault: true })
    .description('every effective setting, where it comes from, and whether it is locked')
    .addOption(json)
    .action(async (o: { json?: boolean }) => {
      await ask('policy.show', {}, o.json, formatPolicy);
    });
  policy
    .command('history')
    .description('what your organization changed, newest first')
    .option('--limit <n>', 'how many changes', '100')
    .addOption(json)
    .action(async (o: { limit: string; json?: boolean }) => {
      await ask('policy.history', { limit: toLimit(o.limit) }, o.json, formatHistory);
    });

  const settings = program.command('settings').description('your own settings (refused where a policy locks them)');
  settings
    .command('set <key> <value>')
    .description('change a setting, e.g. clockhand settings set activity.idleMinutes 10')
    .addOption(json)
    .action(async (key: string, value: string, o: { json?: boolean }) => {
      await ask('settings.set', { key, value: parseSettingValue(value) }, o.json, (s) => `Set ${formatSetting(s)}`);
    });
  settings
    .command('reset <key>')
    .description('go back to the default')
    .addOption(json)
    .action(async (key: string, o: { json?: boolean }) => {
      await ask('settings.reset', { key }, o.json, (s) => `Reset ${formatSetting(s)}`);
    });
}
