import type { Command, Option } from 'commander';
import type { ConsentView } from '../../common/dto';
import type { Ask } from './cli-policy';

const STATE_LINES: Record<ConsentView['state'], string> = {
  required: 'Consent: NOT GIVEN. Nothing is recorded until you accept: clockhand consent --accept',
  given: 'Consent: given by you.',
  given_by_organization: 'Consent: recorded by your organization on your behalf (policy consent.recordedByOrganization).',
};

export function formatConsent(view: ConsentView): string {
  const lines = [
    'What Clockhand collects:',
    ...view.collects.map((line) => `  - ${line}`),
    '',
    'What Clockhand never collects:',
    ...view.neverCollects.map((line) => `  - ${line}`),
    '',
    STATE_LINES[view.state],
  ];
  if (view.acceptedAt !== null) {
    lines.push(
      `Given ${view.acceptedAt} to consent text version ${String(view.textVersion)}, under organization policy ${view.policyVersion ?? 'none'}.`,
    );
  }
  for (const notice of view.notices) {
    lines.push(
      `Told about ${notice.feature}: ${notice.since} (${notice.how === 'notice' ? 'your organization turned it on later' : 'at consent'}).`,
    );
  }
  return lines.join('\n');
}

export function formatConsentStatus(view: ConsentView): string {
  return view.recording ? STATE_LINES[view.state] : STATE_LINES.required;
}

/** `clockhand consent [--accept]`: what is collected and the consent state; --accept records the person's consent. */
export function addConsentCommand(program: Command, json: Option, ask: Ask): void {
  program
    .command('consent')
    .description('what Clockhand collects and whether you consented; --accept to consent (nothing is recorded before)')
    .option('--accept', 'consent to what is listed: recording starts')
    .addOption(json)
    .action(async (o: { accept?: boolean; json?: boolean }) => {
      if (o.accept === true) {
        await ask('consent.accept', {}, o.json, (view) => `${formatConsent(view)}\nRecording is on.`);
      } else {
        await ask('consent.show', {}, o.json, formatConsent);
      }
    });
}
