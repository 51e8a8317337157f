/**
 * Tests that use the real keychain need the D-Bus session with gnome-keyring that npm test starts. Without it they
 * fail with this message instead of skipping (as requireDisplay does for the X display).
 */
export function requireKeyring(): void {
  if ((process.env.DBUS_SESSION_BUS_ADDRESS ?? '') === '')
    throw new Error('needs the D-Bus session with gnome-keyring that npm test starts');
}
