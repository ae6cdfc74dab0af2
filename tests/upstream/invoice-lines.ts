export interface InvoiceLine {
  id: string;
  itemName: string;
  /** `taxable_amount` in requests is the unit price (README: Upstream API, sales invoices). */
  unitPrice: number;
  quantity: number;
  credited: number;
}

export interface ItemInput {
  item_name: string;
  taxable_amount: number;
  quantity: number;
}

/** Hands out line ids ("1", "2", …) unique within one simulated upstream. */
export class LineNumbering {
  private next = 1;

  toLines(items: ItemInput[]): InvoiceLine[] {
    return items.map((item) => ({
      id: String(this.next++),
      itemName: item.item_name,
      unitPrice: item.taxable_amount,
      quantity: item.quantity,
      credited: 0,
    }));
  }
}

export const remainingQuantity = (line: InvoiceLine) => line.quantity - line.credited;
