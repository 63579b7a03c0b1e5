/**
 * A long ChatGPT-shaped conversation, built the same way in Chromium (a fixture page growing in
 * batches, as a site renders a long history) and in happy-dom (to know what every turn says).
 * Used by tests/e2e/faults-hostile.test.ts and scripts/bench/overlay.bench.ts.
 */
import type { Page } from 'playwright-core';

/**
 * Append turns `texts[from..to)` to a page built from utils/sites/chatgpt/fixtures/conversation.html:
 * even indexes as clones of its first user article, odd ones of its first reply, each with its
 * first text-bearing leaf set to the text. Self-contained: it is sent to pages as source.
 */
export function appendTurns(doc: Document, texts: string[], from: number, to: number): void {
  const user = doc.querySelector('[data-message-author-role="user"]')!.closest('article')!;
  const assistant = doc
    .querySelector('[data-message-author-role="assistant"]')!
    .closest('article')!;
  const thread = assistant.parentElement!;
  const fragment = doc.createDocumentFragment();
  for (let j = from; j < to; j++) {
    const article = (j % 2 === 0 ? user : assistant).cloneNode(true) as Element;
    const message = article.querySelector('[data-message-author-role]')!;
    const leaf =
      Array.from(message.querySelectorAll('*')).find(
        (e) => e.children.length === 0 && (e.textContent ?? '').trim() !== '',
      ) ?? message;
    leaf.textContent = texts[j];
    fragment.appendChild(article);
  }
  thread.appendChild(fragment);
}

/** Grow the page's conversation by `texts`, 20 turns per frame (the page's own pace). */
export async function growPage(page: Page, texts: string[], perFrame = 20): Promise<void> {
  await page.bringToFront();
  await page.evaluate(
    async ({ src, texts, perFrame }) => {
      // Scripts run by tsx name their functions with a helper pages do not have.
      (globalThis as { __name?: unknown }).__name ??= (f: unknown) => f;
      const append = new Function(`return ${src}`)() as (
        doc: Document,
        texts: string[],
        from: number,
        to: number,
      ) => void;
      for (let i = 0; i < texts.length; i += perFrame) {
        append(document, texts, i, Math.min(i + perFrame, texts.length));
        // The next frame; a page that stopped drawing frames (a tab in the background) must
        // not stall the run, so at most 100 ms.
        await new Promise((r) => {
          requestAnimationFrame(() => setTimeout(r, 0));
          setTimeout(r, 100);
        });
      }
    },
    { src: appendTurns.toString(), texts, perFrame },
  );
}

/**
 * A live exchange at the end of the page: the prompt, then the reply growing in place three
 * words at a time. The page then holds what `appendTurns(doc, [prompt, reply])` would add.
 */
export async function liveExchange(page: Page, prompt: string, reply: string): Promise<void> {
  await page.evaluate(
    async ({ src, prompt, reply }) => {
      (globalThis as { __name?: unknown }).__name ??= (f: unknown) => f;
      const append = new Function(`return ${src}`)() as (
        doc: Document,
        texts: string[],
        from: number,
        to: number,
      ) => void;
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      append(document, [prompt], 0, 1);
      await sleep(250);
      const words = reply.split(' ');
      let shown = words.slice(0, 1).join(' ');
      append(document, ['', shown], 1, 2);
      const messages = document.querySelectorAll('[data-message-author-role="assistant"]');
      const leaf = Array.from(messages[messages.length - 1].querySelectorAll('*')).find(
        (e) => e.children.length === 0 && e.textContent === shown,
      )!;
      for (let i = 4; i <= words.length + 2; i += 3) {
        await sleep(100);
        shown = words.slice(0, Math.min(i, words.length)).join(' ');
        leaf.textContent = shown;
      }
    },
    { src: appendTurns.toString(), prompt, reply },
  );
}
