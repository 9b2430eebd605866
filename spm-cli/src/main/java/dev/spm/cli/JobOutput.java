package dev.spm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A job's stdout or stderr: spooled in a file (jobs on this machine), or bytes (a spoke whose
 * output could not go to the run's spool directory). Files are streamed when printed, never read
 * whole into memory.
 */
sealed interface JobOutput {
  /** Nothing. */
  JobOutput NONE = new Bytes(new byte[0]);

  /** The number of bytes. */
  long size();

  /** Opens the output for reading. */
  InputStream open() throws IOException;

  /** Moves or copies the output to a file, replacing it; this output is then gone. */
  void moveTo(Path target);

  /** This output under a name of its own in {@code dir}, so that its current name can be reused. */
  JobOutput keep(Path dir, String name);

  /** Deletes what this output holds on disk, if anything. */
  void discard();

  /**
   * Output spooled in a file.
   *
   * @param file the file
   * @param owned whether the file is this output's alone, deleted when it is discarded; a lane's
   *     spool file is not: the lane reuses it for its next job
   */
  record Spooled(Path file, boolean owned) implements JobOutput {
    Spooled(Path file) {
      this(file, true);
    }

    @Override
    public long size() {
      return file.toFile().length(); // 0 if the program removed its spool: then there is nothing to show
    }

    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(file);
    }

    @Override
    public void moveTo(Path target) {
      try {
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
      }
    }

    @Override
    public JobOutput keep(Path dir, String name) {
      Path kept = dir.resolve(name);
      moveTo(kept);
      return new Spooled(kept);
    }

    @Override
    public void discard() {
      if (!owned) {
        return;
      }
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // the spool directory is removed at the end of the run
      }
    }
  }

  /** Output held as bytes. */
  record Bytes(byte[] bytes) implements JobOutput {
    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public InputStream open() {
      return new java.io.ByteArrayInputStream(bytes);
    }

    @Override
    public void moveTo(Path target) {
      try {
        Files.write(target, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
      }
    }

    @Override
    public JobOutput keep(Path dir, String name) {
      return this;
    }

    @Override
    public void discard() {}
  }
}
