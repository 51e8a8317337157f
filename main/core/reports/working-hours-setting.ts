import type { PolicyService } from '../policy/policy-service';
import type { WorkingHours } from './working-hours';

/** The effective workingHours.* settings (each validated by its policy schema when set). */
export function workingHoursOf(policy: PolicyService): WorkingHours {
  return {
    start: policy.get('workingHours.start') as string,
    end: policy.get('workingHours.end') as string,
    days: policy.get('workingHours.days') as number[],
  };
}
