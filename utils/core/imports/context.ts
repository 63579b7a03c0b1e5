/** What a format parser gets: where its events, refusals and counts go. */
import type { ImportEvent } from './types';
import type { JsonPath } from './json-records';

export interface ParseContext {
  /** The file's path or name as given (parsers read project and session ids from it). */
  readonly file: string;
  emit(event: ImportEvent): void;
  /**
   * A copy of an event emitted before (handed out at a checkpoint) that replaces it: the same
   * key with the copy that wins. Not a new event; the history keeps the copy with more tokens.
   */
  update(event: ImportEvent): void;
  /** A row skipped as a repeat the source itself wrote (e.g. a re-emitted Codex total). */
  duplicate(): void;
  /** A row that holds no usage of its own (e.g. an OpenClaw delivery mirror). */
  skip(): void;
  /** A date-time without a zone was read as UTC. */
  noZone(): void;
  /** A row the parser refuses in a way a RowError cannot say (e.g. a missing id). */
  refuse(reason: string): void;
}

/** A parser of a line-per-record format: each line arrives already parsed as JSON. */
export interface LineParser {
  line(value: unknown): void;
  /**
   * True when a line's raw text cannot hold anything this parser reads: the line is then not
   * parsed, only checked to be shaped as one JSON object (`{…}`), and refused if not. A cheap
   * test on the text, never a false true: parsing is most of an import's time in a browser, and
   * most of an agent's log is prompts and tool output.
   */
  cannotCarry?(text: string): boolean;
  /** After the last line: flush what the parser holds. */
  end?(): void;
  /**
   * Hand out everything held (emit it) and return the state needed to go on after the lines
   * seen so far: plain JSON data, saved with the batch it belongs to. A parser without it
   * cannot resume mid-file (its file is read again from the start).
   */
  checkpoint?(): unknown;
  /** Go on from a saved checkpoint state; throws when the state is not one this parser made. */
  restore?(state: unknown): void;
}

/** A parser of rows streamed out of a JSON document (see json-records.ts). */
export interface RecordParser {
  record(path: JsonPath, value: unknown): void;
  top(key: string, value: unknown): void;
  end?(): void;
}

/** A parser of CSV records. */
export interface CsvRowParser {
  row(fields: string[]): void;
}

/** The last path segments of a file path (either separator). */
export function pathParts(file: string): string[] {
  return file.split(/[\\/]+/).filter(Boolean);
}
