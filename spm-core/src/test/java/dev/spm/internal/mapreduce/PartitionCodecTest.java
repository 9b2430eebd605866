package dev.spm.internal.mapreduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartitionCodecTest {

  private static Map<Object, Object> roundTrip(Map<?, ?> map) {
    Map<Object, Object> out = new HashMap<>();
    PartitionCodec.forEach(PartitionCodec.encode(map), (k, v) -> {
      if (out.put(k, v) != null) {
        throw new AssertionError("key handed twice: " + k);
      }
    });
    return out;
  }

  @Test
  void countsByWordRoundTripWithEveryLongAndAnyText() {
    Map<String, Long> counts = new HashMap<>();
    counts.put("", 0L);
    counts.put("the", 1L);
    counts.put("naïve", -1L);
    counts.put("日本語", Long.MAX_VALUE);
    counts.put("\uD83D\uDE00 emoji", Long.MIN_VALUE);
    counts.put("x".repeat(100_000), 127L);
    counts.put("y", 128L);
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      counts.put("w" + i, random.nextLong() >> random.nextInt(64));
    }
    assertEquals(counts, roundTrip(counts));
  }

  @Test
  void theCompactFormIsSmallerThanTheGeneralOne() {
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      counts.put("word" + i, (long) i % 50);
    }
    Map<Object, Object> mixed = new HashMap<>(counts);
    mixed.put("odd one", 1); // an Integer: the whole map takes the general form
    byte[] compact = PartitionCodec.encode(counts);
    byte[] general = PartitionCodec.encode(mixed);
    assertTrue(compact.length < general.length, compact.length + " vs " + general.length);
    assertEquals(mixed, roundTrip(mixed));
  }

  @Test
  void otherShapesTakeTheGeneralForm() {
    Map<Object, Object> lists = new HashMap<>();
    lists.put("a", new ArrayList<>(List.of(1L, 2L)));
    lists.put(3, new ArrayList<>(List.of("x")));
    assertEquals(lists, roundTrip(lists));
    Map<Object, Object> nullKey = new HashMap<>();
    nullKey.put(null, 5L);
    nullKey.put("k", 6L);
    assertEquals(nullKey, roundTrip(nullKey));
    assertEquals(Map.of(), roundTrip(Map.of()));
  }

  @Test
  void keysThatUtf8CannotCarry_keepTheirIdentity() {
    Map<String, Long> counts = new HashMap<>();
    counts.put("\uD800x", 1L); // a lone surrogate: UTF-8 would write '?'
    counts.put("?x", 10L);
    counts.put("x\uDC00", 2L);
    assertEquals(counts, roundTrip(counts));
  }

  @Test
  void aNegativeKeyLength_isRefused() {
    byte[] bytes = {1, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, 0};
    assertThrows(IllegalArgumentException.class, () -> PartitionCodec.forEach(bytes, (k, v) -> { }));
  }

  @Test
  void damagedBytesAreRefusedByName() {
    byte[] good = PartitionCodec.encode(Map.of("word", 3L));
    assertThrows(IllegalArgumentException.class, () -> PartitionCodec.forEach(new byte[0], (k, v) -> { }));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> PartitionCodec.forEach(new byte[] {9}, (k, v) -> { }));
    assertTrue(unknown.getMessage().contains("not an encoded partition"), unknown.getMessage());
    for (int cut = 1; cut < good.length; cut++) {
      byte[] truncated = Arrays.copyOf(good, cut);
      assertThrows(IllegalArgumentException.class, () -> PartitionCodec.forEach(truncated, (k, v) -> { }),
          "cut at " + cut);
    }
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertThrows(IllegalArgumentException.class, () -> PartitionCodec.forEach(longer, (k, v) -> { }));
  }

  /** Folds parts the way the general path does: each decoded into the map, in order. */
  private static Map<Object, Object> foldAsMaps(List<byte[]> parts, java.util.function.BinaryOperator<Object> r) {
    Map<Object, Object> into = new HashMap<>();
    for (byte[] part : parts) {
      PartitionCodec.forEach(part, (k, v) -> into.merge(k, v, r::apply));
    }
    return into;
  }

  @Test
  void foldingOnTheBytes_givesWhatFoldingMapsGives_argumentsInTheSameOrder() {
    Random random = new Random(11);
    List<String> words = new ArrayList<>(List.of("", "the", "naïve", "日本語", "\uD83D\uDE00 emoji", "x".repeat(5_000)));
    for (int i = 0; i < 3_000; i++) {
      words.add("w" + random.nextInt(100_000));
    }
    List<byte[]> parts = new ArrayList<>();
    for (int p = 0; p < 30; p++) {
      Map<String, Long> part = new HashMap<>();
      for (int i = 0; i < 800; i++) {
        part.put(words.get(random.nextInt(words.size())), random.nextLong() >> random.nextInt(64));
      }
      parts.add(PartitionCodec.encode(part));
    }
    java.util.function.BinaryOperator<Object> sum = (a, b) -> (Long) a + (Long) b;
    java.util.function.BinaryOperator<Object> ordered = (a, b) -> (Long) a * 3 + (Long) b; // not commutative
    for (java.util.function.BinaryOperator<Object> r : List.of(sum, ordered)) {
      byte[] folded = PartitionCodec.foldCompact(parts, r);
      Map<Object, Object> out = new HashMap<>();
      PartitionCodec.forEach(folded, (k, v) -> {
        if (out.put(k, v) != null) {
          throw new AssertionError("key handed twice: " + k);
        }
      });
      assertEquals(foldAsMaps(parts, r), out);
    }
  }

  @Test
  void foldingOnTheBytes_growsPastManyKeys_andGivesWayToMaps() {
    Map<String, Long> many = new HashMap<>();
    for (int i = 0; i < 100_000; i++) {
      many.put("k" + i, (long) i);
    }
    List<byte[]> parts = List.of(PartitionCodec.encode(many), PartitionCodec.encode(many));
    Map<Object, Object> out = new HashMap<>();
    PartitionCodec.forEach(PartitionCodec.foldCompact(parts, (a, b) -> (Long) a + (Long) b), out::put);
    assertEquals(100_000, out.size());
    assertEquals(2L * 99_999, out.get("k99999"));
    // A reducer that leaves Long, or a part in the general form: the caller folds maps instead.
    assertEquals(null, PartitionCodec.foldCompact(parts, (a, b) -> "text"));
    byte[] general = PartitionCodec.encode(Map.of("k1", 1));
    assertEquals(null, PartitionCodec.foldCompact(List.of(parts.get(0), general), (a, b) -> (Long) a + (Long) b));
  }

  @Test
  void foldingOnTheBytes_keepsKeysApartThatHashAlike() {
    // "Aa" and "BB" have one polynomial hash, as do their concatenations: only their bytes differ.
    List<byte[]> parts = List.of(PartitionCodec.encode(Map.of("Aa", 1L, "BB", 2L, "AaAa", 3L)),
        PartitionCodec.encode(Map.of("BBBB", 4L, "AaBB", 5L, "BB", 6L)));
    Map<Object, Object> out = new HashMap<>();
    PartitionCodec.forEach(PartitionCodec.foldCompact(parts, (a, b) -> (Long) a + (Long) b), out::put);
    assertEquals(Map.of("Aa", 1L, "BB", 8L, "AaAa", 3L, "BBBB", 4L, "AaBB", 5L), out);
  }

  @Test
  void foldingOnTheBytes_givesWayToMaps_whenTheReducerGivesNull() {
    // HashMap.merge removes a key whose reducer gives null: only the map fold does that.
    List<byte[]> parts = List.of(PartitionCodec.encode(Map.of("a", 1L, "b", 2L)), PartitionCodec.encode(Map.of("a", 3L)));
    assertEquals(null, PartitionCodec.foldCompact(parts, (a, b) -> null));
  }

  @Test
  void foldingOnTheBytes_refusesDamagedParts() {
    byte[] good = PartitionCodec.encode(Map.of("word", 3L, "other", 4L));
    for (int cut = 2; cut < good.length; cut++) {
      byte[] truncated = Arrays.copyOf(good, cut);
      assertThrows(IllegalArgumentException.class,
          () -> PartitionCodec.foldCompact(List.of(good, truncated), (a, b) -> (Long) a + (Long) b), "cut at " + cut);
    }
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    assertThrows(IllegalArgumentException.class,
        () -> PartitionCodec.foldCompact(List.of(longer), (a, b) -> (Long) a + (Long) b));
  }
}
