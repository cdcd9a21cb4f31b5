/** Where the alert transports connect, from the environment only. */
export interface TransportEnv {
  /** smtp://user:pass@host:port (smtps:// for TLS from the start). */
  smtpUrl: string | undefined;
  smsAccountSid: string | undefined;
  smsAuthToken: string | undefined;
  smsFrom: string | undefined;
}

/** Reads HUB_SMTP_URL and the HUB_SMS_* variables. */
export function transportEnv(env: NodeJS.ProcessEnv): TransportEnv {
  const get = (name: string): string | undefined => env[name] || undefined;
  return {
    smtpUrl: get("HUB_SMTP_URL"),
    smsAccountSid: get("HUB_SMS_ACCOUNT_SID"),
    smsAuthToken: get("HUB_SMS_AUTH_TOKEN"),
    smsFrom: get("HUB_SMS_FROM"),
  };
}
