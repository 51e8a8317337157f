import { z } from 'zod';

/**
 * A task reference names what time is tracked against:
 *   jira:KEY-123   a Jira issue key
 *   asana:<gid>    an Asana task gid (digits)
 *   local:<name>   a free-text local task
 */
export type TaskProvider = 'jira' | 'asana' | 'local';

export interface ParsedTaskRef {
  readonly provider: TaskProvider;
  readonly id: string;
}

const JIRA_KEY = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;
const ASANA_GID = /^[0-9]{1,40}$/;
const LOCAL_NAME_MAX = 200;
// eslint-disable-next-line no-control-regex -- the point is to reject control characters
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export type TaskRefParse = { ok: true; ref: ParsedTaskRef; canonical: string } | { ok: false; message: string };

export function parseTaskRef(input: string): TaskRefParse {
  const colon = input.indexOf(':');
  if (colon <= 0) {
    return { ok: false, message: `task reference "${clip(input)}" must look like jira:KEY-123, asana:<gid> or local:<name>` };
  }
  const prefix = input.slice(0, colon);
  const rest = input.slice(colon + 1);
  switch (prefix) {
    case 'jira': {
      const key = rest.trim();
      if (!JIRA_KEY.test(key)) {
        return { ok: false, message: `"${clip(rest)}" is not a Jira issue key (expected something like PROJ-123)` };
      }
      return { ok: true, ref: { provider: 'jira', id: key }, canonical: `jira:${key}` };
    }
    case 'asana': {
      const gid = rest.trim();
      if (!ASANA_GID.test(gid)) {
        return { ok: false, message: `"${clip(rest)}" is not an Asana task gid (expected digits only)` };
      }
      return { ok: true, ref: { provider: 'asana', id: gid }, canonical: `asana:${gid}` };
    }
    case 'local': {
      const name = rest.trim();
      if (name.length === 0) return { ok: false, message: 'a local task needs a name: local:<name>' };
      if (name.length > LOCAL_NAME_MAX) return { ok: false, message: `a local task name is at most ${LOCAL_NAME_MAX} characters` };
      if (CONTROL_CHARS.test(name)) return { ok: false, message: 'a local task name cannot contain control characters' };
      return { ok: true, ref: { provider: 'local', id: name }, canonical: `local:${name}` };
    }
    default:
      return { ok: false, message: `unknown task provider "${clip(prefix)}": use jira:, asana: or local:` };
  }
}

/** zod schema that accepts a task reference and yields its canonical form. */
export const taskRefSchema = z.string().transform((value, ctx) => {
  const parsed = parseTaskRef(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  return parsed.canonical;
});

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
