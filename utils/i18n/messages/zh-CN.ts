/**
 * Simplified Chinese. Typed as a full Catalog: a key missing here fails the typecheck (and
 * utils/i18n/__tests__/catalogs.test.ts). Chinese has no plural forms: `other` only.
 */
import type { Catalog } from './en';

export const zhCN: Catalog = {
  'ext.name': 'Token Meter',
  'ext.description':
    '在 AI 聊天网站上实时显示 token 数和按 API 价格折算的费用。注重隐私：所有数据都留在你的浏览器中。',

  'common.unpriced': '无定价',
  'common.never': '从未',
  'common.save': '保存',
  'common.cancel': '取消',
  'common.remove': '移除',
  'common.close': '关闭',
  'common.tokens': { other: '{count} 个 token' },

  'language.label': '语言',
  'language.auto': '跟随浏览器（{language}）',
  'language.en': 'English（英语）',
  'language.zh-CN': '简体中文',
  'language.hint': '数字、日期和金额的格式跟随这里选择的语言。',
};
