/** A Twilio-compatible Messages endpoint and its account. */
export interface SmsAccount {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
}

/** Thrown when the SMS API did not accept a message. */
export class SmsError extends Error {
  override name = "SmsError";
}

/** POST <base>/2010-04-01/Accounts/<sid>/Messages.json. */
export function messagesUrl(account: SmsAccount): string {
  const base = account.baseUrl.replace(/\/+$/, "");
  const sid = encodeURIComponent(account.accountSid);
  return `${base}/2010-04-01/Accounts/${sid}/Messages.json`;
}

/**
 * Sends one SMS as a form post with Basic auth, as Twilio's Messages
 * resource expects. Redirects are refused so the credentials go nowhere
 * but the configured host.
 */
export async function sendSms(
  account: SmsAccount,
  to: string,
  body: string,
): Promise<void> {
  const auth = Buffer.from(
    `${account.accountSid}:${account.authToken}`,
  ).toString("base64");
  let response: Response;
  try {
    response = await fetch(messagesUrl(account), {
      method: "POST",
      headers: {
        authorization: `Basic ${auth}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: new URLSearchParams({ To: to, From: account.from, Body: body })
        .toString(),
      redirect: "error",
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SmsError(`the SMS API could not be reached: ${reason}`, {
      cause: error,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    const message = vendorMessage(text);
    throw new SmsError(`the SMS API answered ${response.status}: ${message}`);
  }
}

// Twilio errors are `{code, message, more_info, status}`; only the message
// is kept, short, so logs never carry whole bodies.
function vendorMessage(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && "message" in parsed) {
      return String(parsed.message).slice(0, 200);
    }
  } catch {
    // Not JSON: fall through to the raw start of the body.
  }
  return text.slice(0, 200) || "(empty body)";
}
