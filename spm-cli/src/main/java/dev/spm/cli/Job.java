package dev.spm.cli;

import java.util.List;

/**
 * One job of {@code spm run}.
 *
 * @param seq its number, from 1, in input order ({@code {#}} and the joblog's Seq)
 * @param args its arguments, one per input source
 * @param line its command line, replacement strings replaced
 * @param slot its slot, 1 to the jobs at once ({@code {%}})
 */
record Job(long seq, List<String> args, String line, int slot) {
  Job {
    args = List.copyOf(args);
  }
}
