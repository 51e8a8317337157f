import { createInterface } from 'node:readline';

const MAX_SECRET_CHARS = 8192;

/**
 * A token for `clockhand connect`: from standard input when it is piped (`pass show jira | clockhand connect ...`),
 * else from a prompt that does not echo. Never from the command line, where other users and shell history see it.
 */
export async function readSecret(
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) {
    let text = '';
    for await (const chunk of input) {
      text += String(chunk);
      if (text.length > MAX_SECRET_CHARS)
        throw new Error(`the token on standard input is longer than ${String(MAX_SECRET_CHARS)} characters`);
    }
    return text.trim();
  }
  output.write(prompt);
  const rl = createInterface({ input, terminal: true });
  // Mute the echo: readline writes typed characters through _writeToOutput.
  (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => undefined;
  try {
    return await new Promise<string>((resolve) => {
      rl.once('line', (line) => {
        resolve(line.trim());
      });
    });
  } finally {
    rl.close();
    output.write('\n');
  }
}
