/**
 * A streamed CSV reader (RFC 4180: quoted fields, doubled quotes, CR/LF, newlines inside quotes).
 * Hands over one record at a time with its 1-based starting line.
 */
import { MAX_LINE_CHARS } from './limits';

export interface CsvSink {
  row(fields: string[], lineNo: number): void;
  tooLong(lineNo: number): void;
}

export class CsvReader {
  private fields: string[] = [];
  private field: string[] = [];
  private fieldChars = 0;
  private inQuotes = false;
  private quoteSeen = false;
  private line = 1;
  private rowLine = 1;
  private skipping = false;
  private pendingCr = false;

  constructor(private readonly sink: CsvSink) {}

  push(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (this.pendingCr) {
        this.pendingCr = false;
        if (c === '\n') continue;
      }
      if (this.inQuotes) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            this.add('"');
            i++;
          } else if (i + 1 === text.length) {
            // A quote at the chunk's end: decide when the next chunk arrives.
            this.inQuotes = false;
            this.quoteSeen = true;
          } else this.inQuotes = false;
        } else {
          if (c === '\n') this.line++;
          this.add(c);
        }
        continue;
      }
      if (this.quoteSeen) {
        this.quoteSeen = false;
        if (c === '"') {
          this.inQuotes = true;
          this.add('"');
          continue;
        }
      }
      if (c === '"') this.inQuotes = true;
      else if (c === ',') this.endField();
      else if (c === '\n' || c === '\r') {
        this.endRow();
        this.line++;
        this.pendingCr = c === '\r';
      } else this.add(c);
    }
  }

  end(): void {
    if (this.field.length || this.fields.length) this.endRow();
  }

  private add(c: string): void {
    if (this.skipping) return;
    this.field.push(c);
    this.fieldChars++;
    if (this.fieldChars > MAX_LINE_CHARS) {
      this.skipping = true;
      this.field = [];
    }
  }

  private endField(): void {
    this.fields.push(this.field.join(''));
    this.field = [];
  }

  private endRow(): void {
    this.endField();
    const fields = this.fields;
    this.fields = [];
    this.fieldChars = 0;
    const start = this.rowLine;
    this.rowLine = this.line + 1;
    if (this.skipping) {
      this.skipping = false;
      this.sink.tooLong(start);
      return;
    }
    if (fields.length === 1 && fields[0] === '') return;
    this.sink.row(fields, start);
  }
}
