/**
 * Word count on {@link dev.spm.MapReduceManager}: the seed's PartitionAggregate example.
 *
 * <p>{@link dev.spm.examples.wordcount.WordCountDemo} is the entry point. {@code Chunker} splits
 * each file into {@link dev.spm.examples.wordcount.Chunk}s at word boundaries; each chunk is one
 * map task, {@link dev.spm.examples.wordcount.WordCount#map}, which reads its byte range itself and
 * counts with a {@code WordTable} (a hash table keyed by ranges of the chunk's bytes, so no String
 * is made per occurrence), then emits each distinct word once. The combiner and reducer add.
 * {@code Words} says what a word is: a maximal run of ASCII letters and digits, lower-cased.
 */
package dev.spm.examples.wordcount;
