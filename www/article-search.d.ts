// Types of the <article-search> custom element (www/article-search.js).
// The engine's own functions and result types are in pkg/article_search.d.ts.
import type { Hit } from './pkg/article_search.js';

/** `detail` of the element's `results` event. */
export interface ResultsDetail {
  query: string;
  /** Articles with any of the words. */
  total: number;
  /** Of them, those with every word. */
  fullMatches: number;
  hits: Hit[];
  /** Milliseconds the search took. */
  ms: number;
}

/** `detail` of the element's `error` event. */
export interface ErrorDetail {
  message: string;
}

/** A number, then the same number written for the widget's language. */
export type CountMessage = (n: number, formatted: string) => string;

/** The widget's own words (MESSAGES in article-search.js). */
export interface Messages {
  /** The box's accessible name (and placeholder), unless the `label` attribute gives one. */
  label: string;
  loading: string;
  /** While a big index downloads, the bytes so far and (when known) in all, already formatted: "Loading the index… 0.6 MB of 1.3 MB". */
  loadingBytes: (loaded: string, total: string | null) => string;
  /** "Type to search 5 articles." */
  prompt: CountMessage;
  /** Articles listed by filters alone. */
  articles: CountMessage;
  showingFirst: CountMessage;
  noResults: (query: string) => string;
  results: CountMessage;
  /** After the count, when some hits lack a word: ", 1 with every word". */
  withEveryWord: CountMessage;
  showingTop: CountMessage;
  /** The search time, already formatted: "in 0.21 ms". */
  time: (ms: string) => string;
  /** The words before and after the suggestion: ["Did you mean ", "?"]. */
  didYouMean: [string, string];
  /** Before the words a partial hit lacks. */
  missing: string;
  filtersAndOrder: string;
  sort: string;
  sortOptions: { relevance: string; '-date': string; date: string };
  /** The results list's accessible name. */
  resultsLabel: string;
  back: string;
  originalPage: string;
  partialText: string;
  /** Matches in the open article (0: "No matches in the text"). */
  readerMatches: CountMessage;
  loadFailed: (detail: string) => string;
  searchFailed: (detail: string) => string;
  openFailed: (detail: string) => string;
}

/** The built-in words: English (`en`, also for any language not here) and Vietnamese (`vi`). */
export declare const MESSAGES: { en: Messages; vi: Messages };

/** The `<article-search>` element: a search box with its results. */
export declare class ArticleSearchElement extends HTMLElement {
  /** Settles once the engine is loaded (rejects if it cannot be). */
  readonly ready: Promise<void>;
  /**
   * Resolves once the element shows the answer to everything asked so far
   * (the latest query, the article last opened): the engine answers from its
   * worker, so the results follow the input a moment later.
   */
  readonly settled: Promise<void>;
  /** The query; setting it searches (the results follow: await `settled`). */
  value: string;
  /** The words in use, for the element's `lang`; set some to replace them (the rest stay). */
  get messages(): Messages;
  set messages(replacements: Partial<Messages>);
  addEventListener(type: 'results', listener: (event: CustomEvent<ResultsDetail>) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: 'error', listener: (event: CustomEvent<ErrorDetail>) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: 'ready', listener: (event: Event) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (event: HTMLElementEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'article-search': ArticleSearchElement;
  }
}
