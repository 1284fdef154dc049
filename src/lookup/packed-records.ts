/**
 * Many objects of a few shapes (clauses, metadata) as columns, for the kept index (kept-index.ts).
 *
 * `v8.deserialize` rebuilds an object property by property, reading each key's name again for every object:
 * the 20,700 clauses of the benchmark corpus took half of a restart's CPU that way, their texts almost
 * nothing. Packed, a record is a shape number and the numbers of its values in one typed array (read as
 * raw bytes), each distinct string kept once; the objects are made again here, key by key in their own
 * order, so they read, compare and print (JSON) as before. A nested value (a list, an object) is kept once
 * for all records whose value prints the same, as the index already shares them; a string is kept once
 * however often it comes (a clause's `markdown`, its `text` for a plain paragraph, is not kept twice).
 */

/**
 * How a record's value under a key is kept: as its number in `strings`, in `nested`, or in `others` (a
 * number, boolean, null or undefined).
 */
const stringValue = 0;
const nestedValue = 1;
const otherValue = 2;
type Kind = typeof stringValue | typeof nestedValue | typeof otherValue;

interface Shape {
  keys: string[];
  kinds: Kind[];
}

export interface PackedRecords {
  shapes: Shape[];
  /** Per record, its shape. */
  shapeOf: Uint32Array;
  /** The records' values by number, one record after the other, each in its shape's key order. */
  values: Uint32Array;
  /** Distinct strings (a clause's status, owner, contact: each read once, one string in memory). */
  strings: string[];
  /** Distinct nested values. */
  nested: unknown[];
  /** Values neither strings nor nested (few: kept as they are). */
  others: unknown[];
}

/** The objects as columns; `unpackRecords` gives them back (equal nested values then one object). */
export function packRecords(records: readonly object[]): PackedRecords {
  const shapes = new Numbering<string>();
  const strings = new Numbering<string>();
  const nested: unknown[] = [];
  const nestedNumbers = new Map<string, number>();
  const others: unknown[] = [];
  const values: number[] = [];
  const shapeOf = Uint32Array.from(records, (record) => {
    const kinds: Kind[] = [];
    for (const value of Object.values(record)) {
      if (typeof value === 'string') {
        kinds.push(stringValue);
        values.push(strings.of(value));
      } else if (value !== null && typeof value === 'object') {
        kinds.push(nestedValue);
        const printed = printedForSharing(value);
        let number = nestedNumbers.get(printed);
        if (number === undefined) {
          number = nested.push(value) - 1;
          nestedNumbers.set(printed, number);
        }
        values.push(number);
      } else {
        kinds.push(otherValue);
        values.push(others.push(value) - 1);
      }
    }
    return shapes.of(JSON.stringify([Object.keys(record), kinds]));
  });
  return {
    shapes: shapes.items.map((shape) => {
      const [keys, kinds] = JSON.parse(shape) as [string[], Kind[]];
      return { keys, kinds };
    }),
    shapeOf,
    values: Uint32Array.from(values),
    strings: strings.items,
    nested,
    others,
  };
}

export function unpackRecords<T extends object>(packed: PackedRecords): T[] {
  const { shapes, shapeOf, values, strings, nested, others } = packed;
  const sources: Record<Kind, readonly unknown[]> = {
    [stringValue]: strings,
    [nestedValue]: nested,
    [otherValue]: others,
  };
  const records = new Array<T>(shapeOf.length);
  let at = 0;
  for (let position = 0; position < shapeOf.length; position++) {
    const { keys, kinds } = shapes[shapeOf[position] as number] as Shape;
    const record: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++)
      record[keys[k] as string] = sources[kinds[k] as Kind][values[at++] as number];
    records[position] = record as T;
  }
  return records;
}

/** JSON that tells a key holding undefined from a missing one, so only truly equal values are shared. */
function printedForSharing(value: object): string {
  return JSON.stringify(value, (_key, inner: unknown) => (inner === undefined ? '\u0000undefined' : inner));
}

/** Numbers values (objects by identity), in the order first met. */
export class Numbering<T> {
  readonly items: T[] = [];
  private readonly numbers = new Map<T, number>();
  of(item: T): number {
    let number = this.numbers.get(item);
    if (number === undefined) {
      number = this.items.length;
      this.items.push(item);
      this.numbers.set(item, number);
    }
    return number;
  }
}
