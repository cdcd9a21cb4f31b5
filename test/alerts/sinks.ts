import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** One mail the SMTP sink accepted. */
export interface SunkMail {
  from: string;
  to: string[];
  data: string;
}

/** A local SMTP server that keeps what it receives. */
export interface SmtpSink {
  port: number;
  mails: SunkMail[];
  /** Answer every message with a 451 until set back to false. */
  failing: boolean;
  close(): Promise<void>;
}

/** Starts an SMTP sink on 127.0.0.1 with a free port; any login works. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = { port: 0, mails: [], failing: false, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (_auth, _session, done) => done(null, { user: "alerts" }),
    onData: (stream, session, done) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (sink.failing) {
          const error = Object.assign(new Error("mailbox busy, try later"), { responseCode: 451 });
          done(error);
          return;
        }
        const from = session.envelope.mailFrom;
        sink.mails.push({
          from: from ? from.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString("utf8"),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.close = () => new Promise((resolve) => server.close(() => resolve()));
  return sink;
}

/** One request the SMS stand-in received. */
export interface SunkSms {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  form: Record<string, string>;
}

/** A local Twilio-compatible Messages endpoint. */
export interface SmsSink {
  url: string;
  requests: SunkSms[];
  /** Status to answer with; 201 as Twilio does on success. */
  status: number;
  close(): Promise<void>;
}

/** Starts the SMS stand-in on 127.0.0.1 with a free port. */
export async function startSmsSink(): Promise<SmsSink> {
  const sink: SmsSink = { url: "", requests: [], status: 201, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      sink.requests.push({
        method: req.method ?? "",
        path: req.url ?? "",
        authorization: req.headers.authorization,
        contentType: req.headers["content-type"],
        form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8"))),
      });
      const ok = sink.status < 300;
      res.writeHead(sink.status, { "content-type": "application/json" });
      res.end(JSON.stringify(ok ? { sid: "SM0001", status: "queued" } : { code: 20003, message: "Authenticate" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sink.close = () => new Promise((resolve) => server.close(() => resolve()));
  return sink;
}
