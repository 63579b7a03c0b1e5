/**
 * One file's import, streamed: bytes in (any chunking), events and refusals out. It sniffs the
 * encoding (UTF-8, UTF-16 with or without BOM; binary is refused), decides between JSONL, a JSON
 * report and a CSV export from the first lines, and hands each line, row or record to its
 * format's parser. Memory holds one line (or one report row) and what a parser keeps to dedupe
 * within the file, never the file.
 */
import type { CsvRowParser, LineParser, ParseContext } from './context';
import { CsvReader } from './csv';
import { classifyLine, isDocumentObject, type LineFormat } from './detect';
import { documentParser } from './documents';
import { claudeCodeParser } from './formats/claude-code';
import { codexParser } from './formats/codex';
import { geminiLinesParser } from './formats/gemini';
import { kimiParser } from './formats/kimi';
import { openClawParser } from './formats/openclaw';
import { isOpenRouterHeader, openRouterCsvParser } from './formats/openrouter';
import { qwenParser } from './formats/qwen';
import { JsonRecordReader } from './json-records';
import { LineSplitter, sniffEncoding } from './lines';
import { RowError } from './limits';
import type { ImportEvent, Refusal } from './types';

const LINE_PARSERS: Record<LineFormat, (ctx: ParseContext) => LineParser> = {
  'claude-code': claudeCodeParser,
  codex: codexParser,
  openclaw: openClawParser,
  'kimi-cli': kimiParser,
  'gemini-cli': geminiLinesParser,
  'qwen-cli': qwenParser,
};

/** Lines read before giving up on recognising a JSONL file's format. */
const DETECT_LINES = 2000;
/** Text held while deciding what kind of file this is. */
const HEAD_CHARS = 1024 * 1024;

export interface FileResult {
  file: string;
  /** e.g. "claude-code", "openrouter-csv", "json-report"; null when not recognised. */
  format: string | null;
  /** Sources whose events the file held. */
  sources: string[];
  events: number;
  duplicates: number;
  skipped: number;
  refused: number;
  /** Date-times without a zone, read as UTC. */
  noZone: number;
  /** Why the file (or its rest) could not be read; null when it was read to the end. */
  error: string | null;
}

export interface FileSink {
  /** An event; the same key again is a copy that replaced one handed out at a checkpoint. */
  event(e: ImportEvent): void;
  refusal(r: Refusal): void;
}

/**
 * Where to go on reading a file: every line before `offset` was read and what it gave was
 * handed out; `state` is the format parser's own (plain JSON data).
 */
export interface FileCheckpoint {
  /** Bytes from the start of the file to the end of the last line read. */
  offset: number;
  /** Lines before `offset` (refusals after it keep their line numbers). */
  line: number;
  format: LineFormat;
  state: unknown;
  /** The file's counts so far. */
  counts: Pick<FileResult, 'events' | 'duplicates' | 'skipped' | 'refused' | 'noZone' | 'sources'>;
}

type Stage = 'head' | 'lines' | 'json' | 'csv' | 'stopped';

export class FileImport {
  private decoder: TextDecoder | null = null;
  private stage: Stage = 'head';
  private head: string[] = [];
  private headChars = 0;
  private at = 0;
  private readonly result: FileResult;
  private lines: LineSplitter | null = null;
  private lineParser: LineParser | null = null;
  private pending: [unknown, number][] = [];
  private json: JsonRecordReader | null = null;
  private docSources: Set<string> | null = null;
  private csv: CsvReader | null = null;
  private csvParser: CsvRowParser | null = null;
  private readonly ctx: ParseContext;
  /** Bytes pushed so far, and the end of the last line break among them (UTF-8 only). */
  private bytes = 0;
  private lineEnd = 0;

  constructor(
    readonly file: string,
    private readonly sink: FileSink,
  ) {
    this.result = {
      file,
      format: null,
      sources: [],
      events: 0,
      duplicates: 0,
      skipped: 0,
      refused: 0,
      noZone: 0,
      error: null,
    };
    this.ctx = {
      file,
      emit: (e) => {
        this.result.events++;
        if (!this.result.sources.includes(e.source)) this.result.sources.push(e.source);
        this.sink.event(e);
      },
      update: (e) => this.sink.event(e),
      duplicate: () => void this.result.duplicates++,
      skip: () => void this.result.skipped++,
      noZone: () => void this.result.noZone++,
      refuse: (reason) => this.refuse(this.at, reason),
    };
  }

  /** True once the file is refused as a whole: the reader may stop reading it. */
  get stopped(): boolean {
    return this.stage === 'stopped';
  }

  /**
   * Go on reading a file from a checkpoint (the caller reads its bytes from `cp.offset` on and
   * has checked the file is the same). Throws when the checkpoint is not one this code makes.
   */
  static resume(file: string, sink: FileSink, cp: FileCheckpoint): FileImport {
    const f = new FileImport(file, sink);
    const make = Object.hasOwn(LINE_PARSERS, cp.format) ? LINE_PARSERS[cp.format] : null;
    if (
      !make ||
      !Array.isArray(cp.counts?.sources) ||
      !Number.isInteger(cp.offset) ||
      cp.offset <= 0 ||
      !Number.isInteger(cp.line)
    )
      throw new Error('not a checkpoint of a line format');
    f.decoder = new TextDecoder('utf-8');
    f.startLines(cp.line);
    f.result.format = cp.format;
    f.lineParser = make(f.ctx);
    if (!f.lineParser.restore) throw new Error(`${cp.format} cannot resume`);
    f.lineParser.restore(cp.state);
    const c = cp.counts;
    Object.assign(f.result, {
      events: c.events,
      duplicates: c.duplicates,
      skipped: c.skipped,
      refused: c.refused,
      noZone: c.noZone,
      sources: [...c.sources],
    });
    f.bytes = f.lineEnd = cp.offset;
    return f;
  }

  push(bytes: Uint8Array): void {
    if (this.stage === 'stopped' || bytes.length === 0) return;
    if (!this.decoder) {
      const encoding = sniffEncoding(bytes);
      if (encoding === 'binary') return this.stop('a binary file, not text (JSONL, JSON or CSV)');
      this.decoder = new TextDecoder(encoding);
    }
    // A line break byte (0x0A) is a line break in UTF-8, never part of another character, and
    // the text up to it is decoded and split at once: every line before it is read on return.
    const nl = bytes.lastIndexOf(10);
    if (nl >= 0) this.lineEnd = this.bytes + nl + 1;
    this.bytes += bytes.length;
    this.text(this.decoder.decode(bytes, { stream: true }));
  }

  /**
   * A checkpoint after the lines read so far (everything the parser held is handed out first),
   * or null when this file cannot be resumed: not JSONL in UTF-8, its format not known yet,
   * or a parser that keeps no checkpoint. JSON reports and CSV exports are read again whole.
   */
  checkpoint(): FileCheckpoint | null {
    const parser = this.lineParser;
    if (
      this.stage !== 'lines' ||
      !parser?.checkpoint ||
      this.decoder?.encoding !== 'utf-8' ||
      this.pending.length > 0 ||
      this.lineEnd === 0
    )
      return null;
    let state: unknown;
    try {
      state = parser.checkpoint();
    } catch {
      return null;
    }
    const r = this.result;
    return {
      offset: this.lineEnd,
      line: this.lines!.linesRead,
      format: r.format as LineFormat,
      state,
      counts: {
        events: r.events,
        duplicates: r.duplicates,
        skipped: r.skipped,
        refused: r.refused,
        noZone: r.noZone,
        sources: [...r.sources],
      },
    };
  }

  end(): FileResult {
    if (this.stage !== 'stopped' && this.decoder) this.text(this.decoder.decode());
    if (this.stage === 'head') this.decide(true);
    switch (this.stage) {
      case 'lines':
        this.lines!.end();
        if (!this.lineParser) {
          this.result.error ??=
            this.pending.length === 0 && this.result.refused === 0
              ? 'the file is empty'
              : 'no line of a known agent log format (Claude Code, Codex, OpenClaw, Kimi, Gemini, Qwen)';
        }
        this.guard(() => this.lineParser?.end?.());
        break;
      case 'json':
        this.json!.end();
        break;
      case 'csv':
        this.csv!.end();
        break;
      default:
        if (!this.decoder) this.result.error ??= 'the file is empty';
    }
    if (this.docSources)
      this.result.sources = [...new Set([...this.result.sources, ...this.docSources])];
    return this.result;
  }

  private stop(error: string): void {
    this.result.error ??= error;
    this.stage = 'stopped';
  }

  private refuse(line: number, reason: string): void {
    this.result.refused++;
    this.sink.refusal({ file: this.file, line, reason });
  }

  private guard(run: () => void): void {
    try {
      run();
    } catch (error) {
      if (error instanceof RowError) this.refuse(this.at, error.message);
      else
        this.refuse(
          this.at,
          `unreadable: ${error instanceof Error ? error.message : String(error)}`,
        );
    }
  }

  private text(text: string): void {
    if (!text) return;
    if (this.stage === 'head') {
      this.head.push(text);
      this.headChars += text.length;
      if (this.headChars >= HEAD_CHARS || countNewlines(this.head) >= 2) this.decide(false);
      return;
    }
    if (this.stage === 'lines') this.lines!.push(text);
    else if (this.stage === 'json') this.json!.push(text);
    else if (this.stage === 'csv') this.csv!.push(text);
  }

  /** Choose JSONL, JSON report or CSV from the text seen so far, then replay it. */
  private decide(atEnd: boolean): void {
    const text = this.head.join('');
    this.head = [];
    const start = text.replace(/^[\s\ufeff]+/, '');
    if (!start) {
      if (atEnd) this.stop('the file is empty');
      else this.head = [text];
      return;
    }
    const lines = start.split('\n');
    const first = lines[0].trim();
    if (start[0] === '[') this.startJson();
    else if (start[0] === '{') {
      const one = tryParse(first);
      const two = lines.length > 1 ? tryParse(lines[1].trim()) : undefined;
      if (one !== undefined) {
        if (isDocumentObject(one)) this.startJson();
        else this.startLines();
      } else if (two !== undefined && typeof two === 'object' && two !== null && !atEnd)
        this.startLines();
      else if (!atEnd && lines.length < 2 && this.headChars < HEAD_CHARS) {
        this.head = [text];
        return;
      } else this.startJson();
    } else this.startCsv();
    this.text(text);
  }

  private startLines(linesBefore = 0): void {
    this.stage = 'lines';
    this.lines = new LineSplitter(
      {
        line: (line, lineNo) => this.line(line, lineNo),
        tooLong: (lineNo) => this.refuse(lineNo, 'line longer than 64 MB, skipped'),
      },
      undefined,
      linesBefore,
    );
  }

  private line(text: string, lineNo: number): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    this.at = lineNo;
    if (this.lineParser?.cannotCarry?.(trimmed)) {
      if (trimmed[0] !== '{' || trimmed[trimmed.length - 1] !== '}') this.refuse(lineNo, NOT_JSON);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      this.refuse(lineNo, NOT_JSON);
      return;
    }
    if (this.lineParser) {
      this.guard(() => this.lineParser!.line(value));
      return;
    }
    const format = classifyLine(value, this.file);
    if (!format) {
      if (this.pending.length < DETECT_LINES) this.pending.push([value, lineNo]);
      return;
    }
    this.result.format = format;
    this.lineParser = LINE_PARSERS[format](this.ctx);
    for (const [v, n] of this.pending) {
      this.at = n;
      this.guard(() => this.lineParser!.line(v));
    }
    this.pending = [];
    this.at = lineNo;
    this.guard(() => this.lineParser!.line(value));
  }

  private startJson(): void {
    this.stage = 'json';
    this.result.format = 'json-report';
    const sourceCtx = (): ParseContext => this.ctx;
    const router = documentParser(sourceCtx);
    this.docSources = router.sources;
    let n = 0;
    this.json = new JsonRecordReader({
      record: (path, value) => {
        this.at = ++n;
        this.guard(() => router.record(path, value));
      },
      top: (key, value) => router.top(key, value),
      fail: (reason) => {
        this.refuse(0, `not a complete JSON document: ${reason}`);
        this.stop(`not a complete JSON document: ${reason}`);
      },
    });
  }

  private startCsv(): void {
    this.stage = 'csv';
    this.csv = new CsvReader({
      row: (fields, lineNo) => {
        this.at = lineNo;
        if (!this.csvParser) {
          if (!isOpenRouterHeader(fields)) {
            this.stop(
              `not a known format: the first line is neither JSON nor an OpenRouter activity CSV header (${JSON.stringify(fields.slice(0, 4).join(',').slice(0, 60))})`,
            );
            return;
          }
          this.result.format = 'openrouter-csv';
          this.csvParser = openRouterCsvParser(this.ctx);
        }
        if (this.stage === 'stopped') return;
        this.guard(() => this.csvParser!.row(fields));
      },
      tooLong: (lineNo) => this.refuse(lineNo, 'record longer than 64 MB, skipped'),
    });
  }
}

const NOT_JSON = 'not valid JSON (a truncated or damaged line)';

function countNewlines(parts: string[]): number {
  let n = 0;
  for (const p of parts) {
    for (let i = p.indexOf('\n'); i >= 0 && n < 2; i = p.indexOf('\n', i + 1)) n++;
    if (n >= 2) break;
  }
  return n;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
