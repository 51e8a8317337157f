import type { PowerEvent, PowerEvents } from '../../main/core/ports/power-events';

export class FakePowerEvents implements PowerEvents {
  private listeners = new Set<(event: PowerEvent) => void>();

  subscribe(listener: (event: PowerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: PowerEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
