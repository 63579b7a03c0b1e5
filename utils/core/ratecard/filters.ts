/**
 * Which source entries are chat models. The card prices chat turns, so image, audio, embedding,
 * speech and realtime models are left out (their prices are not per text token anyway).
 */
const NON_CHAT_ID =
  /(embed|tts|whisper|transcribe|asr|realtime|livetranslate|moderation|rerank|image|-audio|dall-e|sora|veo|imagen|lyria)/i;

export function isChatModel(id: string, inputModalities?: string[], outputModalities?: string[]) {
  if (NON_CHAT_ID.test(id)) return false;
  if (inputModalities && !inputModalities.includes('text')) return false;
  if (outputModalities && (outputModalities.length !== 1 || outputModalities[0] !== 'text')) {
    return false;
  }
  return true;
}

/** Dated snapshot suffixes that name the same model as the undated id (`-20250929`, `-2025-08-07`). */
export const FULL_DATE_SUFFIX = /-(?:\d{8}|\d{4}-\d{2}-\d{2})$/;
