/**
 * The names of the operations of contract.ts, without their schemas: the sandboxed preload allowlists these
 * without loading zod. contract.ts checks at compile time that this list and its operations are the same set.
 */
export const OPERATION_NAMES = [
  'status',
  'timer.start',
  'timer.stop',
  'entries.list',
  'entry.add',
  'entry.edit',
  'entry.split',
  'entry.delete',
  'idle.list',
  'idle.resolve',
  'report.day',
  'report.week',
  'report.month',
  'policy.show',
  'policy.history',
  'settings.set',
  'settings.reset',
  'connections.list',
  'connection.add',
  'connection.check',
  'connection.remove',
  'sync.list',
  'sync.retry',
  'sync.drop',
  'sync.now',
  'tasks.list',
  'connection.oauth.begin',
  'connection.oauth.finish',
  'connection.oauth.cancel',
  'screenshots.enable',
  'screenshots.disable',
  'screenshots.list',
  'screenshot.export',
  'screenshot.delete',
  'screenshot.thumbnail',
  'screenshot.image',
  'data.export',
  'data.exportProgress',
  'data.erase',
  'standup.preview',
  'standup.edit',
  'standup.post',
  'standup.history',
  'standup.destination',
  'consent.show',
  'consent.accept',
  'backup.now',
  'backup.list',
] as const;

export type OperationNameText = (typeof OPERATION_NAMES)[number];

export function isOperationNameText(name: string): name is OperationNameText {
  return (OPERATION_NAMES as readonly string[]).includes(name);
}
