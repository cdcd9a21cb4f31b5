import { describe, expect, it } from "vitest";
import { UpstreamError } from "../../src/errors.js";
import { connectionLost } from "../../src/storage/database.js";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("a database lost mid-run", () => {
  it("is named as such, exit 1, not reported as a fault in hub", () => {
    for (const error of [
      new Error("Connection terminated unexpectedly"),
      withCode("terminating connection due to administrator command", "57P01"),
      withCode("read ECONNRESET", "ECONNRESET"),
      new Error("Knex: Timeout acquiring a connection. The pool is probably full."),
      new Error("Client has encountered a connection error and is not queryable"),
      withCode("This socket has been ended by the other party", "EPIPE"),
    ]) {
      const named = connectionLost(error);
      expect(named, error.message).toBeInstanceOf(UpstreamError);
      expect(named?.exitCode).toBe(1);
      expect(named?.message).toContain("the next run resumes");
    }
  });

  it("leaves every other error alone", () => {
    expect(connectionLost(new Error("duplicate key value violates unique constraint"))).toBeUndefined();
    expect(connectionLost(withCode("syntax error", "42601"))).toBeUndefined();
    expect(connectionLost("Connection terminated")).toBeUndefined();
  });
});
