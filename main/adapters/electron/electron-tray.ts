import { join } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { DesktopCommand } from '../../core/desktop/desktop-commands';
import type { TrayIconState, TrayItem, TrayPort, TrayView } from '../../core/ports/tray';

/**
 * Draws the core's tray view: icon, tooltip, menu. No decisions here: a click hands the item's command back.
 * macOS gets template images (the system tints them for light and dark menu bars).
 */
export class ElectronTray implements TrayPort {
  private readonly tray: Tray;
  private readonly icons = new Map<TrayIconState, NativeImage>();
  private lastIcon: TrayIconState | null = null;

  constructor(
    private readonly iconDir: string,
    private readonly onCommand: (command: DesktopCommand) => void,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.tray = new Tray(this.icon('stopped'));
    this.lastIcon = 'stopped';
  }

  show(view: TrayView): void {
    if (view.icon !== this.lastIcon) {
      this.tray.setImage(this.icon(view.icon));
      this.lastIcon = view.icon;
    }
    this.tray.setToolTip(view.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(view.items.map((item) => this.menuItem(item))));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private menuItem(item: TrayItem): MenuItemConstructorOptions {
    switch (item.kind) {
      case 'label':
        return { label: item.text, enabled: false };
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { label: item.label, submenu: item.items.map((inner) => this.menuItem(inner)) };
      case 'command': {
        const { command } = item;
        return {
          label: item.label,
          enabled: item.enabled,
          click: () => {
            this.onCommand(command);
          },
        };
      }
    }
  }

  private icon(state: TrayIconState): NativeImage {
    const cached = this.icons.get(state);
    if (cached !== undefined) return cached;
    const template = this.platform === 'darwin';
    // nativeImage picks up the @2x file next to it by itself.
    const image = nativeImage.createFromPath(join(this.iconDir, `tray-${state}${template ? 'Template' : ''}.png`));
    if (template) image.setTemplateImage(true);
    this.icons.set(state, image);
    return image;
  }
}
