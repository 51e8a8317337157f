import { z } from 'zod';

/**
 * The admin policy file (policies.json). The key names are a public contract: admins write them.
 * Extend, never rename. Every section and key is optional: what a policy sets is locked, the rest is the user's.
 * Unknown keys are errors (a typo must not silently leave a setting unmanaged).
 */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour)');
const wholeDays = (max: number) => z.number().int().min(1).max(max);

export const providerSchema = z.enum(['jira', 'tempo', 'asana', 'slack', 'teams']);
export type Provider = z.infer<typeof providerSchema>;

// A URL check without the URL global: common compiles for the core too, which has no DOM or Node types.
const httpsUrl = z
  .string()
  .max(2048)
  .regex(/^https:\/\/[a-z0-9.-]+(:\d{1,5})?(\/[^\s]*)?$/i, 'expected an https:// URL');

const oauthClient = z
  .object({
    clientId: z.string().min(1).max(512),
    clientSecret: z.string().min(1).max(512).optional(),
    /** The exact loopback port of the registered callback http://127.0.0.1:<port>/callback (Atlassian wants an exact match). */
    redirectPort: z.number().int().min(1024).max(65535).optional(),
  })
  .strict();

/** The fields of each section, each required here; the document makes them optional (`.partial()`). */
export const policyFields = {
  screenshots: {
    mode: z.enum(['off', 'optional', 'required']),
    intervalMinutes: z.number().int().min(1).max(60),
    blur: z.boolean(),
    allowUserDelete: z.boolean(),
    retentionDays: wholeDays(3650),
  },
  activity: {
    source: z.enum(['hook', 'idle-time']),
    idleMinutes: z.number().int().min(1).max(240),
    idleDefaultAction: z.enum(['keep', 'discard']),
    idlePromptMinutes: z.number().int().min(1).max(1440),
  },
  tracking: {
    allowManualEntries: z.boolean(),
    allowEditing: z.boolean(),
    roundingMinutes: z.union([z.literal(0), z.literal(1), z.literal(5), z.literal(15)]),
  },
  integrations: {
    allowed: z.array(providerSchema).max(5),
  },
  jira: { sites: z.array(httpsUrl).max(100), mode: z.enum(['jira', 'tempo']), oauth: oauthClient },
  asana: { oauth: oauthClient },
  slack: { workspaces: z.array(z.string().min(1).max(200)).max(100), oauth: oauthClient },
  teams: { tenant: z.string().min(1).max(200), oauth: oauthClient },
  sync: { postMode: z.enum(['on-stop', 'daily', 'review']), dailyAt: clockTime },
  standup: {
    enabled: z.boolean(),
    at: clockTime,
    weekdays: z
      .array(z.number().int().min(1).max(7))
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'weekdays must not repeat'),
    destination: z.enum(['slack', 'teams']),
    reviewBeforePost: z.boolean(),
    /** The Slack channel id standups go to (C…, G… or D…). */
    slackChannel: z.string().regex(/^[CGD][A-Z0-9]{2,30}$/, 'expected a Slack channel id such as C0123ABCD'),
    /** The Teams team (group) id and channel id for Graph posts; not needed with a Workflows webhook connection. */
    teamsTeamId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a Teams team id (a GUID)'),
    teamsChannelId: z.string().regex(/^19:[A-Za-z0-9_.@-]{1,200}$/, 'expected a Teams channel id such as 19:abc@thread.tacv2'),
  },
  retention: { timeEntriesDays: wholeDays(36500), screenshotsDays: wholeDays(3650) },
  /** true: the organization records first-run consent on the user's behalf (said so in status and the consent text). */
  consent: { recordedByOrganization: z.boolean() },
  /** How many daily encrypted backups of the database are kept. */
  backup: { keep: z.number().int().min(1).max(365) },
  desktop: {
    openAtLogin: z.boolean(),
    /** An Electron accelerator that starts/stops the timer from anywhere, e.g. CommandOrControl+Alt+T. */
    timerShortcut: z
      .string()
      .max(100)
      .regex(
        /^((CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+)+([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Space|Tab|Up|Down|Left|Right|Home|End|PageUp|PageDown|Insert|Delete)$/,
        'expected an accelerator such as CommandOrControl+Alt+T',
      ),
  },
  notifications: {
    forgotToStartMinutes: z.number().int().min(0).max(480),
    forgotToStopMinutes: z.number().int().min(0).max(1440),
  },
  /** The working day the reports' ledger covers: local HH:MM, start before end, on ISO weekdays (1 Monday .. 7 Sunday). */
  workingHours: {
    start: clockTime,
    end: clockTime,
    days: z
      .array(z.number().int().min(1).max(7))
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'days must not repeat'),
  },
} as const;

const partial = <T extends z.ZodRawShape>(shape: T) => z.object(shape).partial().strict();

/**
 * A signed remote policy the machine policy points to: fetched from `url` (https), accepted only with an Ed25519
 * signature by `publicKey` (the raw 32-byte key, base64) and a serial higher than the one held (no rollback).
 */
export const remotePolicySchema = z
  .object({
    url: httpsUrl,
    publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'expected a base64 Ed25519 public key (32 bytes)'),
  })
  .strict();

export const policyDocumentSchema = z
  .object({
    version: z.literal(1),
    remote: remotePolicySchema.optional(),
    screenshots: partial(policyFields.screenshots).optional(),
    activity: partial(policyFields.activity).optional(),
    tracking: partial(policyFields.tracking).optional(),
    integrations: z
      .object({
        ...policyFields.integrations,
        jira: partial(policyFields.jira),
        asana: partial(policyFields.asana),
        slack: partial(policyFields.slack),
        teams: partial(policyFields.teams),
      })
      .partial()
      .strict()
      .optional(),
    sync: partial(policyFields.sync).optional(),
    standup: partial(policyFields.standup).optional(),
    retention: partial(policyFields.retention).optional(),
    consent: partial(policyFields.consent).optional(),
    backup: partial(policyFields.backup).optional(),
    desktop: partial(policyFields.desktop).optional(),
    notifications: partial(policyFields.notifications).optional(),
    workingHours: partial(policyFields.workingHours).optional(),
  })
  .strict();

export type PolicyDocument = z.infer<typeof policyDocumentSchema>;

/** The JSON Schema admins can validate their files with (docs/policy.schema.json is generated from this). */
export function policyJsonSchema(): unknown {
  return {
    ...z.toJSONSchema(policyDocumentSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://clockhand.dev/schemas/policies.json',
    title: 'Clockhand admin policy (policies.json)',
  };
}
