/** Reading a dropped or chosen file as text, refusing what is not text with a clear message. */
import { t } from '@/utils/i18n';

export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export async function readDroppedFile(
  file: Pick<File, 'name' | 'size' | 'text'>,
): Promise<{ text: string } | { error: string }> {
  if (file.size > MAX_FILE_BYTES) {
    const mb = (file.size / 1024 / 1024).toFixed(1);
    return { error: t('compare.file.tooLarge', { name: file.name, size: mb }) };
  }
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return { error: t('compare.file.unreadable', { name: file.name, error: String(e) }) };
  }
  // A NUL character or many replacement characters: a binary file, not text.
  const replaced = (text.match(/\uFFFD/g) ?? []).length;
  if (text.includes('\u0000') || replaced > Math.max(8, text.length / 100)) {
    return { error: t('compare.file.notText', { name: file.name }) };
  }
  return { text };
}
