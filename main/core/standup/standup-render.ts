import type { StandupContent, StandupEdits } from '../ports/standups';
import { displayRef, formatMinutes } from './standup-compose';

/** A standup as three titled sections of plain lines: what every format is rendered from. */
export interface StandupSections {
  readonly title: string;
  readonly sections: readonly { readonly heading: string; readonly lines: readonly string[]; readonly bullets: boolean }[];
}

const NOTHING = '(nothing)';
/** Slack's limit for the text of one section block is 3000 characters. */
const SLACK_SECTION_MAX = 2900;

function userLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');
}

export function standupSections(day: string, content: StandupContent, edits: StandupEdits): StandupSections {
  const yesterday =
    edits.yesterday !== null
      ? { lines: userLines(edits.yesterday), bullets: false }
      : {
          lines: content.yesterday.map(
            (item) => `${displayRef(item.taskRef)}${item.title === null ? '' : ` ${item.title}`} (${formatMinutes(item.minutes)})`,
          ),
          bullets: true,
        };
  const today =
    edits.today !== null
      ? { lines: userLines(edits.today), bullets: false }
      : {
          lines: content.today.map(
            (item) => `${displayRef(item.taskRef)}${item.title === null ? '' : ` ${item.title}`}${item.running ? ' (timer running)' : ''}`,
          ),
          bullets: true,
        };
  const blockers = edits.blockers === null ? [] : userLines(edits.blockers);
  const worked = content.workedDay === null ? 'Yesterday' : `Yesterday (${content.workedDay})`;
  return {
    title: `Daily standup ${day}`,
    sections: [
      { heading: worked, ...yesterday },
      { heading: 'Today', ...today },
      { heading: 'Blockers', lines: blockers, bullets: false },
    ].map((section) =>
      section.lines.length === 0 ? { ...section, lines: [section.heading === 'Blockers' ? 'None' : NOTHING], bullets: false } : section,
    ),
  };
}

/** The plain text shown by `clockhand standup preview`. */
export function plainText(standup: StandupSections): string {
  const parts = [standup.title];
  for (const section of standup.sections) {
    parts.push('', `${section.heading}:`, ...section.lines.map((line) => (section.bullets ? `- ${line}` : `  ${line}`)));
  }
  return parts.join('\n');
}

/** Slack mrkdwn: &, < and > are control characters (links, mentions) and must be escaped in every piece of text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function clipText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

export interface SlackMessage {
  /** The notification fallback (mrkdwn, escaped). */
  readonly text: string;
  readonly blocks: readonly unknown[];
}

/** Slack Block Kit: a header, then one mrkdwn section per part. */
export function slackMessage(standup: StandupSections): SlackMessage {
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: clipText(standup.title, 150), emoji: false } }];
  for (const section of standup.sections) {
    const lines = section.lines.map((line) => `${section.bullets ? '• ' : ''}${escapeMrkdwn(line)}`);
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: clipText(`*${escapeMrkdwn(section.heading)}*\n${lines.join('\n')}`, SLACK_SECTION_MAX) },
    });
  }
  return { text: escapeMrkdwn(standup.title), blocks };
}

/** A Workflows webhook payload: an Adaptive Card (plain TextBlocks) in a message envelope. */
export function teamsAdaptiveCard(standup: StandupSections): unknown {
  const body: unknown[] = [{ type: 'TextBlock', text: standup.title, weight: 'Bolder', size: 'Medium', wrap: true }];
  for (const section of standup.sections) {
    body.push({ type: 'TextBlock', text: section.heading, weight: 'Bolder', wrap: true, spacing: 'Medium' });
    body.push({
      type: 'TextBlock',
      text: section.lines.map((line) => (section.bullets ? `- ${line}` : line)).join('\n'),
      wrap: true,
    });
  }
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body },
      },
    ],
  };
}

/** The HTML body of a Graph chatMessage: every piece of text escaped. */
export function teamsHtml(standup: StandupSections): string {
  const parts = [`<p><b>${escapeHtml(standup.title)}</b></p>`];
  for (const section of standup.sections) {
    parts.push(`<p><b>${escapeHtml(section.heading)}</b></p>`);
    if (section.bullets) parts.push(`<ul>${section.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`);
    else parts.push(`<p>${section.lines.map(escapeHtml).join('<br>')}</p>`);
  }
  return parts.join('');
}
