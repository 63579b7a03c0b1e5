/** Reading a dropped or chosen file as text, refusing what is not text with a clear message. */

export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export async function readDroppedFile(
  file: Pick<File, 'name' | 'size' | 'text'>,
): Promise<{ text: string } | { error: string }> {
  if (file.size > MAX_FILE_BYTES) {
    const mb = (file.size / 1024 / 1024).toFixed(1);
    return { error: `${file.name} is ${mb} MB: the limit is 4 MB of text. Nothing was changed.` };
  }
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return { error: `Could not read ${file.name}: ${String(e)}. Nothing was changed.` };
  }
  // A NUL character or many replacement characters: a binary file, not text.
  const replaced = (text.match(/\uFFFD/g) ?? []).length;
  if (text.includes('\u0000') || replaced > Math.max(8, text.length / 100)) {
    return { error: `${file.name} does not look like text. Nothing was changed.` };
  }
  return { text };
}
