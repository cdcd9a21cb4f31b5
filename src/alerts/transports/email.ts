import nodemailer, { type Transporter } from "nodemailer";

/** A connection to the SMTP server alerts go through. */
export interface Mailer {
  send(mail: {
    from: string;
    to: string[];
    subject: string;
    text: string;
  }): Promise<void>;
  close(): void;
}

/**
 * Opens an SMTP transport from a URL. Timeouts are short: a mail server
 * that does not answer must not hold up the end of a pipeline run.
 */
export function createMailer(smtpUrl: string): Mailer {
  const transport: Transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    send: async (mail) => {
      await transport.sendMail(mail);
    },
    close: () => transport.close(),
  };
}
