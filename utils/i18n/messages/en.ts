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

  'options.title': 'Token Meter options',
  'options.storageFullAdvice':
    'Export your data, then lower the retention or delete old history to make room.',
  'options.currency.title': 'Currency',
  'options.currency.note':
    'Prices are in USD on every rate card; other currencies are converted with a dated rate, shown next to converted figures.',
  'options.currency.show': 'Show amounts in',
  'options.currency.showing': 'Showing {currency}.',
  'options.currency.rateInUse': 'Rate in use: {rate} {currency} per USD, {date} ({source})',
  'options.currency.yours': 'yours',
  'options.currency.bundled': 'bundled',
  'options.currency.useBundled': 'use bundled',
  'options.currency.backToBundled': 'Back to the bundled rate.',
  'options.currency.rateSaved': 'Rate saved: {rate} {currency} per USD on {date}.',
  'options.currency.yourRate': 'Your rate:',
  'options.currency.unitsPerUsd': 'Units per USD',
  'options.currency.perUsdOn': '{currency} per USD on',
  'options.currency.rateDate': 'Rate date',
  'options.currency.saveRate': 'Save rate',
  'options.budgets.title': 'Budgets',
  'options.budgets.note':
    'API-equivalent spend per week and per month, in total and per site. Leave empty for no budget.',
  'options.budgets.weekly': 'Weekly',
  'options.budgets.monthly': 'Monthly',
  'options.budgets.inputLabel.weekly': '{scope} weekly budget',
  'options.budgets.inputLabel.monthly': '{scope} monthly budget',
  'options.budgets.none': 'none',
  'options.budgets.allSites': 'All sites',
  'options.budgets.perSite': 'Per-site budgets',
  'options.budgets.save': 'Save budgets',
  'options.budgets.saved': 'Budgets saved. The toolbar badge turns amber at 80% and red at 100%.',
  'options.budgets.askNotify': 'Also notify me when a budget is crossed',
  'options.budgets.notifyOn': 'Notifications are on: one per budget and period.',
  'options.budgets.notifyGranted':
    'Notifications on: one alert per budget and period when it is crossed.',
  'options.budgets.notifyRefused': 'Notifications stay off (permission not granted).',
  'options.budgets.notifyUnsupported': 'This browser cannot show notifications for extensions.',
  'options.subscriptions.title': 'Subscriptions',
  'options.subscriptions.note':
    'What you pay per month per site (e.g. ChatGPT Plus 20). The popup compares it with the month’s API-equivalent value of your use.',
  'options.subscriptions.site': 'Site',
  'options.subscriptions.plan': 'Plan',
  'options.subscriptions.perMonth': 'Per month',
  'options.subscriptions.planLabel': '{site} plan',
  'options.subscriptions.priceLabel': '{site} monthly price',
  'options.subscriptions.planPlaceholder': 'Plus, Pro…',
  'options.subscriptions.defaultName': '{site} subscription',
  'options.subscriptions.more': 'More sites ({count})',
  'options.subscriptions.save': 'Save subscriptions',
  'options.subscriptions.saved': 'Subscriptions saved ({count}).',
  'options.amount.invalid': '"{text}" is not an amount (e.g. 20 or 12.50)',
  'options.amount.notPositive': '"{text}" must be more than zero',

  'options.data.title': 'Your data',
  'options.data.stored': {
    one: '{count} turn stored in this browser.',
    other: '{count} turns stored in this browser.',
  },
  'options.data.exported': 'Exported {count} turns as {kind} ({size} MB) in {ms} ms.',
  'options.data.exportJson': 'Export JSON',
  'options.data.exportCsv': 'Export CSV',
  'options.data.exportNote':
    'JSON keeps everything and can be imported again; CSV has one row per turn (no text).',
  'options.data.tooLarge':
    'The file is {size} MB; the largest import is {max} MB. Nothing was imported.',
  'options.data.checking': 'Checking the file…',
  'options.data.importing': 'Importing… {done} of {total}',
  'options.data.stopped':
    'Stopped after {count} new turns: {error} Turns already imported stay; importing the same file again skips them.',
  'options.data.imported': 'Imported {added} turns; {duplicates} already stored were skipped.',
  'options.data.importLabel': 'Import a JSON export:',
  'options.data.keep': 'Keep',
  'options.data.keepingMonths': {
    one: 'Keeping the last month; older turns are deleted now and every hour.',
    other: 'Keeping the last {count} months; older turns are deleted now and every hour.',
  },
  'options.data.keepingAll': 'Keeping everything.',
  'options.data.everything': 'everything',
  'options.data.lastMonths': { one: 'the last month', other: 'the last {count} months' },
  'options.data.confirmLabel': 'Confirm deletion',
  'options.data.confirmText': 'Delete all {count} turns and conversations? This cannot be undone.',
  'options.data.confirmYes': 'Yes, delete everything',
  'options.data.deleted': 'Everything was deleted.',
  'options.data.deleteAll': 'Delete everything…',
  'options.sites.title': 'Sites',
  'options.sites.note': 'Token Meter counts and records only on the sites switched on here.',
  'options.privacy.title': 'Privacy and calendar',
  'options.privacy.note':
    'Everything stays in this browser. Only counts, models and costs are stored unless you turn text on.',
  'options.privacy.storeText':
    'Store prompt and reply text and conversation titles in the history (off by default)',
  'options.privacy.weekStart': 'Weeks start on',
  'options.privacy.weekLocale': 'my locale’s first day ({locale})',
  'options.privacy.monday': 'Monday',
  'options.privacy.sunday': 'Sunday',
  'options.privacy.saturday': 'Saturday',
  'options.privacy.timeZone': 'time zone {zone}',
  'options.ratecard.title': 'Rate card',
  'options.ratecard.note':
    'Prices come from models.dev (labs’ list prices) and OpenRouter; the extension ships a snapshot and syncs every 12 hours.',
  'options.ratecard.inUse': 'Card in use',
  'options.ratecard.bundled': 'bundled snapshot',
  'options.ratecard.synced': 'synced',
  'options.ratecard.summary': '{origin} · {count} models · version {version} · created {created}',
  'options.ratecard.lastSync': 'Last sync',
  'options.ratecard.syncing': ' (syncing…)',
  'options.ratecard.sources': 'Sources',
  'options.ratecard.sourceOk': 'ok, {when}',
  'options.ratecard.error': 'Error',
  'options.ratecard.keepsLast': '{error} (the last good card stays in use)',
  'options.ratecard.unavailable': 'Status not available.',
  'options.ratecard.syncError': 'Sync finished with an error: {error}',
  'options.ratecard.refreshed': 'Rate card refreshed.',
  'options.ratecard.refreshing': 'Refreshing…',
  'options.ratecard.refresh': 'Refresh now',
  'options.prices.title': 'Custom prices',
  'options.prices.note':
    'A negotiated rate for a model, in USD per 1M tokens. It replaces the card’s price for new turns and is marked “custom price”.',
  'options.prices.invalid': '{field} must be a price ≥ 0 (USD per 1M tokens)',
  'options.prices.row': '{model}: input ${input}, output ${output} per 1M',
  'options.prices.removed': 'Custom price for {model} removed.',
  'options.prices.notOnCard': '"{model}" is not a model on the rate card',
  'options.prices.saved': 'Custom price saved for {model}.',
  'options.prices.modelPlaceholder': 'model id, e.g. openai/gpt-5',
  'options.prices.model': 'Model',
  'options.prices.input': 'Input',
  'options.prices.output': 'Output',
  'options.prices.inputPlaceholder': 'input',
  'options.prices.outputPlaceholder': 'output',
  'options.prices.inputLabel': 'Input price per 1M',
  'options.prices.outputLabel': 'Output price per 1M',
  'options.prices.unit': 'USD / 1M',
  'options.prices.save': 'Save price',
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
