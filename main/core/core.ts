import type { OperationName, OperationOutput } from '../../common/contract';
import type { Result } from '../../common/result';
import { createHandlers, invoke, invokeAsync } from './api/handlers';
import { Tracker, type TrackerDeps } from './engine';
import { PolicyService } from './policy/policy-service';
import type { PolicySource, PolicyStateRepository, UserSettingsRepository } from './ports/policy';
import { ConnectionService } from './integrations/connection-service';
import type { ConnectionRepository } from './ports/connections';
import type { EndpointRules } from './ports/endpoint-rules';
import type { HttpClient } from './ports/http-client';
import type { SecretStore } from './ports/secret-store';
import type { Notifier } from './ports/notifier';
import type { Random } from './ports/random';
import type { ScreenCapturer } from './ports/screen-capturer';
import type { ScreenshotRepository, ScreenshotVault } from './ports/screenshots';
import { ScreenshotService } from './screenshots/screenshot-service';

export interface PolicyDeps {
  /** Highest precedence first: machine policy, then user-scope policy. */
  readonly sources: readonly PolicySource[];
  readonly state: PolicyStateRepository;
  readonly userSettings: UserSettingsRepository;
  /** Called with the plain sentences when the organization changed something (for a notification). */
  readonly onChange?: (sentences: readonly string[]) => void;
}

export interface ConnectionsDeps {
  readonly repository: ConnectionRepository;
  readonly secrets: SecretStore;
  readonly http: HttpClient;
  readonly endpoints: EndpointRules;
}

export interface ScreenshotsDeps {
  readonly capturer: ScreenCapturer;
  readonly vault: ScreenshotVault;
  readonly repository: ScreenshotRepository;
  readonly notifier: Notifier;
  readonly random: Random;
}

export type CoreDeps = Omit<TrackerDeps, 'policy'> & {
  readonly policy: PolicyDeps;
  readonly connections: ConnectionsDeps;
  readonly screenshots: ScreenshotsDeps;
};

export interface Core {
  readonly tracker: Tracker;
  readonly screenshots: ScreenshotService;
  /** Validates and runs one synchronous operation of the contract. Never throws. */
  invoke<K extends OperationName>(name: K, input: unknown): Result<OperationOutput<K>>;
  /** Validates and runs any operation of the contract (the faces use this). Never rejects. */
  invokeAsync<K extends OperationName>(name: K, input: unknown): Promise<Result<OperationOutput<K>>>;
}

/** Builds the core from its ports. Only composition roots (main/app) call this. */
export function createCore(deps: CoreDeps): Core {
  const { sources, state, userSettings, onChange } = deps.policy;
  const policy = new PolicyService(sources, state, userSettings, deps.clock, deps.logger, onChange);
  policy.refresh();
  // The screenshot schedule runs on the tracker's tick (one timer, one order of events).
  let afterTick: () => void = () => undefined;
  const tracker = new Tracker({
    ...deps,
    policy,
    afterTick: () => {
      afterTick();
    },
  });
  const { repository, secrets, http, endpoints } = deps.connections;
  const connections = new ConnectionService(repository, secrets, http, endpoints, deps.clock, deps.logger);
  const screenshots = new ScreenshotService({
    ...deps.screenshots,
    clock: deps.clock,
    logger: deps.logger,
    policy,
    presence: () => tracker.screenshotPresence(),
  });
  afterTick = () => {
    screenshots.tick();
  };
  const handlers = createHandlers(tracker, connections, screenshots);
  return {
    tracker,
    screenshots,
    invoke: (name, input) => invoke(handlers, name, input, deps.logger),
    invokeAsync: (name, input) => invokeAsync(handlers, name, input, deps.logger),
  };
}

export type { TrackerDeps, AgentInfo } from './engine';
