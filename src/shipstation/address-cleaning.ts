import type { Address } from "../channels/types.js";
import type { AddressBody } from "./wire.js";

/**
 * Carriers print what ShipStation passes on, and their label APIs refuse
 * control characters and emoji. api-reference/shipstation.md documents no
 * character set, so hub keeps every letter of every script (diacritics
 * included, in composed form: the warehouse and foreign carriers need
 * "Müller", not "Muller") and removes only what no label can carry.
 */

/** Street lines longer than this overflow into the next line. */
// The common carrier address-line limit (UPS, FedEx: 35); ShipStation's
// own limit is not documented, so the stricter carrier value is used.
export const STREET_LINE_MAX = 35;

const TYPOGRAPHIC: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\u2018\u2019\u201A\u201B\u2032]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, "-"],
  [/\u2026/g, "..."],
];

// Pictographs, their skin-tone and variation selectors, emoji tag
// characters, control/format/private/unassigned code points.
const UNPRINTABLE = new RegExp(
  [
    "\\p{Extended_Pictographic}",
    "[\\u{1F3FB}-\\u{1F3FF}]",
    "[\\u{FE00}-\\u{FE0F}]",
    "[\\u{E0000}-\\u{E007F}]",
    "[\\p{Cf}\\p{Co}\\p{Cn}\\p{Cs}]",
  ].join("|"),
  "gu",
);

/** One field as a carrier can print it: same words, nothing unprintable. */
export function cleanText(value: string): string {
  let out = value.normalize("NFC");
  for (const [pattern, plain] of TYPOGRAPHIC) out = out.replace(pattern, plain);
  // Line breaks and tabs separate words; other controls carry nothing.
  out = out.replace(/[\t\n\r\u2028\u2029]+/g, " ");
  out = out.replace(/\p{Cc}/gu, "");
  out = out.replace(UNPRINTABLE, "");
  return out
    .replace(/\p{Zs}+/gu, " ")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** Splits `line` at the last space that keeps the head within `max`. */
function splitLine(line: string, max: number): [string, string] {
  if (line.length <= max) return [line, ""];
  const cut = line.lastIndexOf(" ", max);
  // One unbroken word longer than the limit is cut where the limit is.
  const at = cut > 0 ? cut : max;
  return [line.slice(0, at).trimEnd(), line.slice(at).trimStart()];
}

/**
 * Street lines within the limit, overflowing 1 → 2 → 3 instead of
 * truncating; the last line keeps whatever is left so nothing is lost.
 */
export function reflowStreets(lines: readonly string[]): string[] {
  const out: string[] = [];
  let carry = "";
  for (let i = 0; i < 3; i++) {
    const own = lines[i] ?? "";
    const joined = [carry, own].filter((s) => s !== "").join(" ");
    if (i === 2) {
      out.push(joined);
      break;
    }
    const [head, rest] = splitLine(joined, STREET_LINE_MAX);
    out.push(head);
    carry = rest;
  }
  return out;
}

/** The cleaned address and whether anything had to change. */
export interface CleanedAddress {
  address: AddressBody;
  changed: boolean;
}

const optional = (value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  const cleaned = cleanText(value);
  return cleaned === "" ? undefined : cleaned;
};

/** The model's address as createorder takes it, cleaned for carriers. */
export function cleanAddress(source: Address): CleanedAddress {
  const streets = reflowStreets([
    cleanText(source.street1),
    cleanText(source.street2 ?? ""),
    cleanText(source.street3 ?? ""),
  ]);
  const address: AddressBody = {
    name: cleanText(source.name),
    street1: streets[0] ?? "",
    city: cleanText(source.city),
    postalCode: cleanText(source.postalCode),
    country: cleanText(source.country).toUpperCase(),
  };
  const extras: Array<[keyof AddressBody, string | undefined]> = [
    ["company", optional(source.company)],
    ["street2", streets[1] || undefined],
    ["street3", streets[2] || undefined],
    ["state", optional(source.state)],
    ["phone", optional(source.phone)],
  ];
  for (const [key, value] of extras) {
    if (value !== undefined) Object.assign(address, { [key]: value });
  }
  return { address, changed: differs(source, address) };
}

function differs(source: Address, cleaned: AddressBody): boolean {
  const keys = [
    "name",
    "company",
    "street1",
    "street2",
    "street3",
    "city",
    "state",
    "postalCode",
    "country",
    "phone",
  ] as const;
  return keys.some((k) => (source[k] ?? "") !== (cleaned[k] ?? ""));
}
