import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback for the copies tests: keeps every message it accepts, parsed. */
export interface TestMailServer {
  port: number;
  user: string;
  password: string;
  /** Messages accepted so far, oldest first. */
  readonly received: ParsedMail[];
  /** Recipients it answers 550 for, as a mail server does for an unknown mailbox. */
  refuse(address: string): void;
  close(): Promise<void>;
}

export async function startMailServer(): Promise<TestMailServer> {
  const received: ParsedMail[] = [];
  const refused = new Set<string>();
  const user = 'kinboard';
  const password = 'a mail password for the tests';
  const server = new SMTPServer({
    // Plain SMTP on loopback: nothing leaves the machine, and the test needs no certificate.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) return callback(null, { user });
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address.toLowerCase())) {
        const error = Object.assign(new Error('No such mailbox'), { responseCode: 550 });
        return callback(error);
      }
      return callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    user,
    password,
    received,
    refuse: (address) => refused.add(address.toLowerCase()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
