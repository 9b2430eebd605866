/**
 * The {@code spm} command line (picocli). {@link dev.spm.cli.SpmCommand} is the root; each
 * subcommand is a small class that parses its options (bad input is a one-line error with exit
 * status 255), opens a session when its pool needs one, and calls code in spm-examples or
 * spm-bench. The pure parts of {@code spm run} (GNU parallel's quoting, durations, the split at
 * {@code :::}) are in {@link dev.spm.cli.ShellQuote}, {@link dev.spm.cli.Durations} and
 * {@link dev.spm.cli.JobLines}; every exit status is in {@link dev.spm.cli.ExitCodes}. {@code spm shell}
 * is {@link dev.spm.cli.ShellCommand}: JShell with {@link dev.spm.cli.ShellExecution} (snippets run
 * in the hub, their classes shipped to the spokes), {@link dev.spm.cli.ShellScript} for scripts, and
 * {@link dev.spm.cli.ProgressLines} for the seed's status lines.
 */
package dev.spm.cli;
