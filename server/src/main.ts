import { ConfigError, readConfig } from './config.ts';
import { createLogger } from './log.ts';
import { demoMeetingId } from './seed/demo-meeting.ts';
import { startServer } from './server.ts';

const say = (line: string) => process.stdout.write(`kinboard: ${line}\n`);

async function main(): Promise<void> {
  const config = readConfig(process.env, { dev: process.argv.includes('--dev') });
  const log = createLogger(config.logLevel);
  const server = await startServer(config, log, say);
  // Tests read this exact line to find the port.
  say(`listening on ${server.url}`);
  if (config.seedDemo && config.requireSignIn) {
    say(`sign in, then open the demo meeting's chair console: ${server.url}/chair/${demoMeetingId}`);
    say(`  phones join at ${server.url}/join with the code the chair console shows`);
  } else if (config.seedDemo) {
    say(`open the demo meeting's chair console: ${server.url}/chair/${demoMeetingId}`);
    say(
      `  projector: ${server.url}/projector/${demoMeetingId}   phones: ${server.url}/phone/${demoMeetingId}`,
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`stopping (${signal}): saving every open document`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`kinboard: ${error.message}\n`);
  else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE')
    process.stderr.write(
      `kinboard: the port is already in use. Set PORT to another number (e.g. PORT=3001).\n`,
    );
  else
    process.stderr.write(
      `kinboard: could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  process.exit(1);
});
