/**
 * What the last OpenRouter pull found (owner `background`; the options page shows it): the
 * account's credits and the last activity pull or its error. Cleared when the key is removed.
 * Conventions: ../index.ts.
 */
import { storage } from 'wxt/utils/storage';

/** Why a pull failed, as a code the options page words (en, zh-CN). */
export type OpenRouterErrorCode =
  /** 401: the key was refused. */
  | 'unauthorized'
  /** 403: the key may not read this (credits and activity need a management key). */
  | 'forbidden'
  /** 429. */
  | 'rateLimited'
  /** Another HTTP status. */
  | 'http'
  /** No answer (offline, DNS, timeout, the permission missing). */
  | 'network'
  /** An answer that is not the documented JSON. */
  | 'malformed'
  /** The history could not store the rows. */
  | 'storage'
  | 'noKey';

export interface OpenRouterError {
  code: OpenRouterErrorCode;
  /** HTTP status, when there was one. */
  status: number | null;
  /** Detail for the user (a parse error, the storage error's message). */
  detail: string | null;
}

export interface OpenRouterStatus {
  /** `GET /api/v1/credits` at `at`: purchased and used, in micro-USD. */
  credits: { totalMicroUsd: number; usedMicroUsd: number; at: number } | null;
  creditsError: OpenRouterError | null;
  /** The last `GET /api/v1/activity` stored in the history. */
  activity: {
    at: number;
    rows: number;
    days: number;
    added: number;
    replaced: number;
    duplicates: number;
    refused: number;
  } | null;
  activityError: OpenRouterError | null;
  /** Epoch ms of the last pull attempt. */
  lastAttempt: number | null;
}

export const EMPTY_OPENROUTER_STATUS: OpenRouterStatus = {
  credits: null,
  creditsError: null,
  activity: null,
  activityError: null,
  lastAttempt: null,
};

export const openRouterStatus = /* @__PURE__ */ storage.defineItem<OpenRouterStatus>(
  'local:openrouterStatus',
  { fallback: EMPTY_OPENROUTER_STATUS, version: 1 },
);
