import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config/config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * Outgoing mail over SMTP (config.smtpUrl, from config.mailFrom). Without an SMTP server, a
 * development or test install writes the mail to the log instead, so links can be followed;
 * production only warns (mail bodies carry secrets such as reset links).
 */
export function createMailer(
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'env'>,
  log: Logger,
): Mailer {
  const mailLog = log.child({ category: 'mail' });
  if (!config.smtpUrl) {
    return {
      send: async (m) => {
        if (config.env === 'production') {
          mailLog.warn({ to: m.to, subject: m.subject }, 'SMTP_URL is not set: mail not sent');
        } else {
          mailLog.info({ to: m.to, subject: m.subject, text: m.text }, 'mail (SMTP_URL not set)');
        }
      },
      close: () => undefined,
    };
  }
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    send: async (m) => {
      await transport.sendMail({ from: config.mailFrom, ...m });
      mailLog.info({ to: m.to, subject: m.subject }, 'mail sent');
    },
    close: () => transport.close(),
  };
}

/** Escapes text for HTML mail bodies. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
