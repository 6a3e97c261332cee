/**
 * A real SMTP server on 127.0.0.1 (smtp-server, no TLS, no sign-in) that keeps what it
 * receives, read back by mailparser. It can stop and start again on the same port, to play
 * a mail server that is down for a while.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { onTestFinished } from 'vitest';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  deliveryId: string;
}

export interface MailServer {
  /** `smtp://127.0.0.1:<port>`. */
  url: string;
  received: ReceivedMail[];
  /** Recipients it answers 550 (mailbox unavailable). */
  refused: Set<string>;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const headerText = (value: unknown): string => (typeof value === 'string' ? value : '');

function listen(server: SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const listening = server.listen(port, '127.0.0.1', () => {
      resolve((listening.address() as AddressInfo).port);
    });
    listening.once('error', reject);
  });
}

/** Started for the test that calls it, stopped when that test finishes. */
export async function startMailServer(): Promise<MailServer> {
  const received: ReceivedMail[] = [];
  const refused = new Set<string>();
  const create = () =>
    new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo(address, _session, done) {
        if (!refused.has(address.address)) {
          done();
          return;
        }
        done(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      },
      onData(stream, session, done) {
        simpleParser(stream)
          .then((mail) => {
            received.push({
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              deliveryId: headerText(mail.headers.get('x-sla-probe-delivery')),
            });
            done();
          })
          .catch((error: unknown) => {
            done(error instanceof Error ? error : new Error(String(error)));
          });
      },
    });
  let server: SMTPServer | undefined = create();
  const port = await listen(server, 0);
  const stop = async () => {
    const running = server;
    server = undefined;
    if (running)
      await new Promise<void>((resolve) => {
        running.close(resolve);
      });
  };
  const start = async () => {
    if (server) return;
    server = create();
    await listen(server, port);
  };
  onTestFinished(stop);
  return { url: `smtp://127.0.0.1:${port}`, received, refused, stop, start };
}
