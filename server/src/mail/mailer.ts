import nodemailer from 'nodemailer';
import type { MailConfig } from '../config.ts';

/** One file attached to a message. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments: readonly MailAttachment[];
}

/** Expected failures come back as values [COPY4]: the sentence is safe to show to staff. */
export type MailResult = { sent: true; messageId: string } | { sent: false; problem: string };

/** Sends mail through the service's SMTP server [COPY3]; one transport (pooled) for the process. */
export interface Mailer {
  send(message: MailMessage): Promise<MailResult>;
  close(): void;
}

export function createMailer(config: MailConfig): Mailer {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: !config.secure && config.requireTls,
    tls: { rejectUnauthorized: config.verifyCertificate, minVersion: 'TLSv1.2' },
    ...(config.user !== undefined ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    pool: true,
    maxConnections: 2,
    // A mail server that hangs must not hold a worker's request for minutes.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          attachments: message.attachments.map((each) => ({
            filename: each.filename,
            contentType: each.contentType,
            content: Buffer.from(each.content),
          })),
        });
        const refused = info.rejected.length > 0;
        if (refused) return { sent: false, problem: 'The mail server refused that address.' };
        return { sent: true, messageId: info.messageId };
      } catch (error) {
        return { sent: false, problem: plainProblem(error) };
      }
    },
    close() {
      transport.close();
    },
  };
}

/** A sentence for the worker, from nodemailer's error codes; never the server's whole reply. */
function plainProblem(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const responseCode = (error as { responseCode?: unknown } | undefined)?.responseCode;
  if (code === 'EENVELOPE' || (typeof responseCode === 'number' && responseCode >= 550 && responseCode < 560))
    return 'The mail server refused that address.';
  if (code === 'EAUTH') return 'The mail server did not accept Kinboard’s sign-in. Ask your administrator.';
  if (code === 'ECONNECTION' || code === 'ETIMEDOUT' || code === 'ESOCKET' || code === 'EDNS')
    return 'Kinboard could not reach the mail server. Try again later, or download the copy instead.';
  if (code === 'ETLS') return 'The mail server’s secure connection failed. Ask your administrator.';
  return 'The mail server did not take the message. Try again later, or download the copy instead.';
}
