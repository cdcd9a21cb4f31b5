import type { QuantityOutcome, QuantityUpdate } from "../types.js";
import type { ReviseAnswer, TradingError } from "./trading-xml.js";

// Trading error codes that say "try later": 518 call usage limit, 10007
// internal error (Trading API error reference).
const TRY_LATER_CODES = new Set(["518", "10007"]);

// Trading error codes of an OAuth token it will not take (IAF token invalid,
// auth token invalid or expired): refresh the token and send again.
const TOKEN_CODES = new Set(["21916984", "931", "932", "21917053"]);

/** True when Trading refused the access token itself. */
export function tokenRejected(answer: ReviseAnswer): boolean {
  return answer.errors.some(
    (e) => e.code !== undefined && TOKEN_CODES.has(e.code),
  );
}

/**
 * A listing whose account has out-of-stock control off refuses quantity 0
 * (case B25; ebay.md §4b: a GTC listing at 0 stays alive only with the
 * control on). Any quantity complaint about a 0 we sent is this.
 */
export function zeroQuantityRefused(
  error: TradingError,
  sent: QuantityUpdate,
): boolean {
  return (
    sent.quantity === 0 &&
    /quantity/i.test(`${error.shortMessage} ${error.longMessage}`)
  );
}

function errorText(error: TradingError): string {
  const message = error.longMessage || error.shortMessage || "refused";
  return error.code === undefined ? message : `${message} (${error.code})`;
}

function outcomeFor(
  update: QuantityUpdate,
  errors: readonly TradingError[],
): QuantityOutcome {
  const refusal = errors.find((e) => zeroQuantityRefused(e, update));
  if (refusal !== undefined) {
    return {
      sku: update.sku,
      status: "refused",
      error:
        `eBay listing ${update.sku} cannot be set to 0 - enable ` +
        "out-of-stock control or end the listing",
    };
  }
  return {
    sku: update.sku,
    status: "failed",
    error:
      errors.length === 0
        ? "eBay did not confirm this SKU"
        : errors.map(errorText).join("; "),
    retryable:
      errors.length === 0 ||
      errors.some((e) => e.code !== undefined && TRY_LATER_CODES.has(e.code)),
  };
}

/**
 * One outcome per SKU of a ReviseInventoryStatus batch. SKUs echoed in
 * `<InventoryStatus>` took; an error names its SKU or ItemID in
 * `<ErrorParameters>`, and an error naming none is about every SKU that
 * did not take.
 */
export function reviseOutcomes(
  batch: readonly QuantityUpdate[],
  answer: ReviseAnswer,
): QuantityOutcome[] {
  const errors = answer.errors.filter((e) => e.severity !== "Warning");
  const took = new Set(answer.revised.map((r) => r.sku));
  if (answer.ack === "Success" || answer.ack === "Warning") {
    return batch.map((u) => ({ sku: u.sku, status: "sent" }));
  }
  const general = errors.filter((e) => e.parameters.length === 0);
  return batch.map((update) => {
    if (took.has(update.sku)) return { sku: update.sku, status: "sent" };
    const own = errors.filter((e) => e.parameters.includes(update.sku));
    return outcomeFor(update, own.length > 0 ? own : general);
  });
}
