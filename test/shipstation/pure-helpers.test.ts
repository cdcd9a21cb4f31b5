import { describe, expect, it } from "vitest";
import { describeShipStationError } from "../../src/shipstation/errors.js";
import { allowedResourceOrigin } from "../../src/shipstation/resource-url.js";

describe("resource_url host check", () => {
  const real = "https://ssapi.shipstation.com";
  it("allows ShipStation's numbered shards over https when configured for it", () => {
    expect(
      allowedResourceOrigin(
        "https://ssapi6.shipstation.com/shipments?batchId=1",
        real,
      ),
    ).toBe("https://ssapi6.shipstation.com");
    expect(
      allowedResourceOrigin("http://ssapi6.shipstation.com/shipments", real),
    ).toBeUndefined();
    expect(
      allowedResourceOrigin(
        "https://ssapi6.shipstation.com.example.invalid/x",
        real,
      ),
    ).toBeUndefined();
    expect(
      allowedResourceOrigin(
        "https://evil.example.invalid/?h=ssapi.shipstation.com",
        real,
      ),
    ).toBeUndefined();
  });
  it("allows only the configured origin and path for a local endpoint", () => {
    const local = "http://127.0.0.1:4980/shipstation";
    expect(
      allowedResourceOrigin(
        "http://127.0.0.1:4980/shipstation/shipments",
        local,
      ),
    ).toBe("http://127.0.0.1:4980");
    expect(
      allowedResourceOrigin("http://127.0.0.1:4980/other/shipments", local),
    ).toBeUndefined();
    expect(
      allowedResourceOrigin("https://ssapi6.shipstation.com/shipments", local),
    ).toBeUndefined();
    expect(allowedResourceOrigin("not a url", local)).toBeUndefined();
  });
});

describe("ShipStation error envelope", () => {
  it("reads the 400 ModelState, the 500 exception and the 429 message", () => {
    const bad = describeShipStationError(400, {
      Message: "The request is invalid.",
      ModelState: {
        "apiOrder.orderDate": ["The orderDate field is required."],
      },
    });
    expect(bad.message).toContain(
      "apiOrder.orderDate: The orderDate field is required.",
    );
    const crash = describeShipStationError(500, {
      Message: "An error has occurred.",
      ExceptionMessage: "Object reference not set to an instance of an object.",
      ExceptionType: "System.NullReferenceException",
    });
    expect(crash.code).toBe("System.NullReferenceException");
    expect(crash.message).toContain("Object reference");
    expect(
      describeShipStationError(429, { message: "Too Many Requests" }).message,
    ).toBe("Too Many Requests");
  });
});
