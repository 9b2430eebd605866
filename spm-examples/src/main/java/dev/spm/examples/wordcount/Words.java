package dev.spm.examples.wordcount;

/**
 * What a word is: a maximal run of ASCII letters and digits, lower-cased. Every other byte,
 * including every non-ASCII byte, separates words, as {@code tr -cs '[:alnum:]' '\n'} does in the
 * C locale.
 */
final class Words {
  private Words() {}

  /** Per byte (as {@code b & 0xff}): its lower-case form if it is a word byte, else 0. */
  static final byte[] LOWER = new byte[256];

  static {
    for (int c = '0'; c <= '9'; c++) {
      LOWER[c] = (byte) c;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      LOWER[c] = (byte) c;
      LOWER[c - 'a' + 'A'] = (byte) c;
    }
  }

  static boolean isWordByte(byte b) {
    return LOWER[b & 0xff] != 0;
  }
}
