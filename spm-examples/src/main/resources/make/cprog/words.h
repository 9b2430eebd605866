#ifndef WORDS_H
#define WORDS_H
/* Counts words (runs of letters) of text in a table; returns the number of distinct words. */
unsigned count_words(const char *text, const char *probe, long *probe_count);
#endif
