import type { DesktopCommand } from '../desktop/desktop-commands';

/** The tray icon's four looks (template images on macOS). */
export type TrayIconState = 'stopped' | 'tracking' | 'screenshots' | 'attention';

/** One line of the tray menu, as the core decides it; the Electron adapter only draws it. */
export type TrayItem =
  | { readonly kind: 'label'; readonly text: string }
  | { readonly kind: 'command'; readonly label: string; readonly command: DesktopCommand; readonly enabled: boolean }
  | { readonly kind: 'submenu'; readonly label: string; readonly items: readonly TrayItem[] }
  | { readonly kind: 'separator' };

export interface TrayView {
  readonly icon: TrayIconState;
  /** Hover text: the state in one line. */
  readonly tooltip: string;
  readonly items: readonly TrayItem[];
}

/** The tray as the core sees it: shows a view, reports the command of a clicked item. */
export interface TrayPort {
  show(view: TrayView): void;
}
