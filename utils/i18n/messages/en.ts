/**
 * English: the source catalog. Every key here must exist in every other catalog (the type of
 * zh-CN.ts and utils/i18n/__tests__/catalogs.test.ts say so). Keys are grouped by surface
 * (`ext.`, `common.`, `popup.`, `options.`, `compare.`, `overlay.`, `menu.`, `notify.`,
 * `welcome.`). `{name}` is a placeholder; a message with `one`/`other` forms is chosen by the
 * `count` parameter (Intl.PluralRules). How to add a string: docs/i18n.md.
 */
export const en = {
  // The manifest (also written to _locales/<lang>/messages.json at build time).
  'ext.name': 'Token Meter',
  'ext.description':
    'Live token counts and API-equivalent cost on AI chat sites. Private: everything stays in your browser.',

  'common.unpriced': 'unpriced',
  'common.never': 'never',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.remove': 'Remove',
  'common.close': 'Close',
  'common.tokens': { one: '{count} token', other: '{count} tokens' },

  'language.label': 'Language',
  'language.auto': 'Browser language ({language})',
  'language.en': 'English',
  'language.zh-CN': '简体中文 (Simplified Chinese)',
  'language.hint': 'Numbers, dates and money follow the language chosen here.',

  'popup.options': 'Options',
  'popup.emptyHistory':
    'No turns recorded yet. Chat on a supported site and your usage appears here.',
  'popup.welcomeLink': 'How Token Meter works',
  'popup.dailySpend.week': 'Daily spend · this week',
  'popup.dailySpend.month': 'Daily spend · this month',
  'popup.byModel': 'By model',
  'popup.bySite': 'By site',
  'popup.topConversations': 'Top conversations',
  'popup.storageFullAdvice': 'Free space, or lower the retention in Options.',
  'popup.historyUnreadable': 'History could not be read: {error}',
  'popup.loadingHistory': 'Loading history…',
  'popup.backgroundUnreachable': 'Background not reachable: {error}',
  'popup.ready': 'v{version} · ready',
  'popup.loading': 'Loading…',
  'popup.numbersShown': 'numbers shown {ms} ms after opening',
  'popup.apiEquivalent': 'API-equivalent',
  'popup.fromEvents': 'from events (time zone changed)',
  'popup.period.day': 'Today',
  'popup.period.week': 'This week',
  'popup.period.month': 'This month',
  'popup.previous.day': 'yesterday',
  'popup.previous.week': 'last week',
  'popup.previous.month': 'last month',
  'popup.changeVs': '{change} vs {previous}',
  'popup.noSpendBefore': 'no spend before',
  'popup.previousTitle': '{previous}: {amount}',
  'popup.turns': { one: '{count} turn', other: '{count} turns' },
  'popup.unpricedCount': '{count} unpriced',
  'popup.unpricedNotIncluded': {
    one: '{count} unpriced turn not included',
    other: '{count} unpriced turns not included',
  },
  'popup.modelNotRecognised': 'model not recognised',
  'popup.unrecognisedModel': 'Unrecognised model',
  'popup.nothingYet': 'Nothing yet.',
  'popup.tokShort': '{tokens} tok',
  'popup.chartLabel': 'Daily spend: {days}',
  'popup.weekdays': 'Mon,Tue,Wed,Thu,Fri,Sat,Sun',
  'popup.storageFull': 'Browser storage is full',
  'popup.storageFullSince': ' (since {when})',
  'popup.storageKeptAside': {
    one: '{count} turn kept aside, saved automatically once there is room (tried again every 5 minutes and at the next turn). ',
    other:
      '{count} turns kept aside, saved automatically once there is room (tried again every 5 minutes and at the next turn). ',
  },
  'popup.storageLost': {
    one: '{count} turn could not be kept. ',
    other: '{count} turns could not be kept. ',
  },
  'popup.storageSafe': 'Everything stored before is safe.',
  'popup.subscriptions': 'Subscriptions this month',
  'popup.subscriptionsEmptyBefore': 'Enter what you pay per site (e.g. ChatGPT Plus $20) in',
  'popup.subscriptionsEmptyLink': 'options',
  'popup.subscriptionsEmptyAfter': 'to compare it with the API price of your use.',
  'popup.subscriptionOf': '{used} of {price}',
  'popup.otherModel': 'This week on another model',
  'popup.otherModel.model': 'Model',
  'popup.otherModel.textLanguage': 'Text language',
  'popup.otherModel.latin': 'English / Latin text',
  'popup.otherModel.cjk': 'Chinese text',
  'popup.otherModel.pricing': 'Pricing…',
  'popup.otherModel.noTurns': 'No turns this week yet.',
  'popup.otherModel.unpriced': '{model}: unpriced (the rate card has no price for it).',
  'popup.otherModel.cost': 'on {model} instead of {actual}',
  'popup.otherModel.plusUnpriced': ' (+{count} unpriced turns)',
  'popup.otherModel.factors': 'Factors: {list}.',
  'popup.otherModel.factorsMore': ', and {count} more',
  'popup.otherModel.unknownTarget':
    ' The chosen model’s tokenizer is not known: counted as o200k (default estimate).',
  'popup.otherModel.notScaled': ' Counts from {families} were not scaled (no ratio known).',
  'popup.siteCounting': 'Text fields on this site',
  'popup.siteCounting.toggle': 'Count tokens in every text field on',
  'popup.siteCounting.model': 'Model',
  'popup.siteCounting.asks': 'Asks for access to this one site; nothing else is read.',
  'popup.siteCounting.selectionModel': 'Selection menu counts on',

  'welcome.title': 'Welcome to Token Meter',
  'welcome.lead':
    'Token Meter shows what your AI chats cost while you use them: the tokens of each message and of your draft, priced at the API rate of the model you chat with.',
  'welcome.what.title': 'What it does',
  'welcome.what.overlay':
    'On a supported chat site a small meter sits by the message box: the draft, the conversation and the next request in tokens and money. Click it for the panel with each reply.',
  'welcome.what.provenance':
    'Every number says where it comes from: reported by the site, counted with the model’s own tokenizer, with a closely related vocabulary, or estimated. A model the rate card does not know is “unpriced”, never $0.',
  'welcome.what.popup':
    'The toolbar button shows your spend today, this week and this month, by model and by site, against your budgets and subscriptions.',
  'welcome.sites.title': 'Which sites it reads',
  'welcome.sites.intro':
    'Only these chat sites and API playgrounds, and only the conversation on the page (you can switch each off in Options):',
  'welcome.sites.other':
    'Other sites only when you turn them on, one site at a time, from the toolbar popup; right-click any selected text to count it.',
  'welcome.stored.title': 'What it stores',
  'welcome.stored.counts':
    'For each reply: the site, the model, the token counts, the price and the time, in this browser’s own storage (IndexedDB).',
  'welcome.stored.text':
    'Not the text of your prompts and replies, unless you turn that on in Options.',
  'welcome.stored.delete': 'Export or delete everything at any time in Options → Data.',
  'welcome.leaves.title': 'What never leaves your browser',
  'welcome.leaves.never':
    'Your conversations, counts and history: no account, no telemetry, no analytics, no remote code.',
  'welcome.leaves.ratecard':
    'The only requests Token Meter makes itself fetch public model prices (models.dev and openrouter.ai), every 12 hours; they carry nothing about you.',
  'welcome.leaves.optional':
    'Budget notifications and other sites ask for their permission only when you turn them on.',
  'welcome.try.title': 'Try it',
  'welcome.try.open': 'Open a supported site, for example chat.deepseek.com or chatgpt.com.',
  'welcome.try.type':
    'Type in the message box: the meter by it counts as you type; send, and the reply is counted when it is complete.',
  'welcome.try.popup': 'Click the Token Meter button in the toolbar to see your history.',
  'welcome.openOptions': 'Open Options',
} as const satisfies Record<string, Message>;

/** A message: plain text, or plural forms chosen by `count` (Intl.PluralRules categories). */
export type Message = string | PluralMessage;
export interface PluralMessage {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

export type MessageKey = keyof typeof en;
/** Another language's catalog: every English key, each a plain or plural message. */
export type Catalog = { readonly [K in MessageKey]: Message };
