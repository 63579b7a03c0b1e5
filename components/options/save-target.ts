/**
 * Where an export is written, chunk by chunk. Where the File System Access API is available
 * (Chromium, in a top-level page) the user picks a file and each chunk goes straight to its
 * writable stream: nothing accumulates in the page. Elsewhere (Firefox; a picker refused in a
 * frame) each chunk becomes a small Blob at once, so the string can be collected (the browser
 * keeps Blob data outside the JS heap, on disk for large ones), and the download is a Blob made
 * of those parts.
 */
import type { ExportSink } from '@/utils/db/export';

export interface SaveTarget {
  sink: ExportSink;
  how: 'file' | 'download';
  close(): Promise<void>;
  abort(): Promise<void>;
}

interface Writable {
  write(data: string): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}
type SavePicker = (options: {
  suggestedName: string;
  types: { description: string; accept: Record<string, string[]> }[];
}) => Promise<{ createWritable(): Promise<Writable> }>;

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Blob parts, handed to the browser as a download at the end. */
export function blobTarget(name: string, type: string): SaveTarget {
  let parts: Blob[] = [];
  return {
    how: 'download',
    sink: { write: (chunk) => void parts.push(new Blob([chunk], { type })) },
    close: async () => {
      download(new Blob(parts, { type }), name);
      parts = [];
    },
    abort: async () => {
      parts = [];
    },
  };
}

/**
 * Ask for a file to save to (call first in a click handler: the picker needs the click's user
 * activation). Null when the user cancels the picker.
 */
export async function openSaveTarget(
  name: string,
  type: string,
  extension: string,
): Promise<SaveTarget | null> {
  const picker = (globalThis as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
  if (typeof picker !== 'function') return blobTarget(name, type);
  let writable: Writable;
  try {
    const handle = await picker({
      suggestedName: name,
      types: [{ description: extension.toUpperCase(), accept: { [type]: [`.${extension}`] } }],
    });
    writable = await handle.createWritable();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') return null;
    // Refused (a frame, a policy): fall back to a download.
    return blobTarget(name, type);
  }
  return {
    how: 'file',
    sink: { write: (chunk) => writable.write(chunk) },
    close: () => writable.close(),
    abort: () => writable.abort().catch(() => undefined),
  };
}
