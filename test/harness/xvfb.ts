/**
 * The integration tests need an X display (npm test starts a private Xvfb). Without one they fail with this
 * message instead of skipping: a test skipped for a missing tool would hide a broken environment in CI.
 */
export function requireDisplay(): string {
  const display = process.env.DISPLAY;
  if (display === undefined || display === '') {
    throw new Error('DISPLAY is not set: run the integration tests through `npm test` (it starts Xvfb), or start Xvfb and export DISPLAY');
  }
  return display;
}
