export type IdleDefaultAction = 'keep' | 'discard';

/** The tracking settings the core reads. Policy (admin > user > default) resolves them elsewhere. */
export interface TrackingSettings {
  /** Idle after this many minutes without input. */
  readonly idleMinutes: number;
  /** If nobody answers an idle decision within this many minutes, the default applies. */
  readonly idlePromptMinutes: number;
  readonly idleDefaultAction: IdleDefaultAction;
}

export const defaultTrackingSettings: TrackingSettings = {
  idleMinutes: 5,
  idlePromptMinutes: 10,
  idleDefaultAction: 'discard',
};

export interface SettingsSource {
  current(): TrackingSettings;
}
