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

/** The `<article-search>` element: a search box with its results. */
export declare class ArticleSearchElement extends HTMLElement {
  /** Settles once the engine is loaded (rejects if it cannot be). */
  readonly ready: Promise<void>;
  /** The query; setting it searches. */
  value: string;
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
