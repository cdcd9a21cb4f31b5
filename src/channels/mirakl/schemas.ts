import { z } from "zod";

const text = z.string().nullish();
/** Mirakl sends money as JSON numbers; strings are tolerated too. */
const amount = z.union([z.number(), z.string()]).nullish();

export const miraklAddress = z.object({
  firstname: text,
  lastname: text,
  company: text,
  street_1: text,
  street_2: text,
  city: text,
  state: text,
  zip_code: text,
  country: text,
  country_iso_code: text,
  phone: text,
  phone_secondary: text,
});

export const miraklOrderLine = z.object({
  order_line_id: z.string(),
  order_line_state: text,
  offer_sku: text,
  product_title: text,
  quantity: z.number(),
  price_unit: amount,
  price: amount,
  taxes: z.array(z.object({ amount })).nullish(),
});

/** The OR11 `Order` fields hub reads; others are kept in `raw`. */
export const miraklOrder = z.object({
  order_id: z.string(),
  order_state: z.string(),
  created_date: z.string(),
  last_updated_date: z.string(),
  currency_iso_code: text,
  shipping_price: amount,
  shipping_type_code: text,
  shipping_type_label: text,
  shipping_deadline: text,
  shipping_tracking: text,
  shipping_carrier_code: text,
  customer: z
    .object({
      firstname: text,
      lastname: text,
      shipping_address: miraklAddress.nullish(),
    })
    .nullish(),
  customer_notification_email: text,
  order_lines: z.array(miraklOrderLine),
});

export type MiraklOrder = z.infer<typeof miraklOrder>;
export type MiraklAddress = z.infer<typeof miraklAddress>;

/** OR11 page: orders are checked one by one so one bad order stays alone. */
export const or11Page = z.object({
  orders: z.array(z.unknown()),
  total_count: z.number(),
});

/** STO01 201. */
export const sto01Created = z.object({
  import_id: z.union([z.string(), z.number()]),
});

/** STO02 status. */
export const sto02Status = z.object({
  status: z.string(),
  lines_in_success: z.number().nullish(),
  lines_in_error: z.number().nullish(),
  has_error_report: z.boolean().nullish(),
});

export type StockImportStatus = z.infer<typeof sto02Status>;
