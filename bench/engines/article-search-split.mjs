// Our engine in the split layout (ARTICLE_SEARCH_LAYOUT=split): the module
// without the dictionary's blocks, the words' postings and the articles'
// text, which each query reads from files as the widget's worker would
// fetch them.
import { join } from 'node:path';
import { engineOf } from './article-search.mjs';

const REPO = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export default engineOf('article-search split', REPO, join(REPO, 'target/bench-build'), 'split');
