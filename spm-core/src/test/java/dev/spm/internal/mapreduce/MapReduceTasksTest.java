package dev.spm.internal.mapreduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spm.testing.TestFunctions.Color;
import dev.spm.testing.TestFunctions.Shade;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The partition of a key must be the same on every spoke: {@link MapReduceTasks#stableHash}. */
class MapReduceTasksTest {
  private static final int RED = 31 * Color.class.getName().hashCode() + "RED".hashCode();

  @Test
  void stringsAndNumbers_hashAsTheJdkSpecifies() {
    assertThat(MapReduceTasks.stableHash("word")).isEqualTo("word".hashCode());
    assertThat(MapReduceTasks.stableHash(42L)).isEqualTo(Long.hashCode(42));
    assertThat(MapReduceTasks.stableHash(null)).isZero();
  }

  @Test
  void anEnumConstant_hashesByItsClassAndName_notItsIdentity() {
    assertThat(MapReduceTasks.stableHash(Color.RED)).isEqualTo(RED).isNotEqualTo(Color.RED.hashCode());
  }

  @Test
  void recordsAndCollectionsHoldingAnEnum_hashByTheirParts() {
    assertThat(MapReduceTasks.stableHash(new Shade(Color.RED, 2)))
        .isEqualTo(31 * (31 * Shade.class.getName().hashCode() + RED) + Integer.hashCode(2));
    assertThat(MapReduceTasks.stableHash(List.of(Color.RED, "x"))).isEqualTo(31 * (31 + RED) + "x".hashCode());
    assertThat(MapReduceTasks.stableHash(Set.of(Color.RED, "x"))).isEqualTo(RED + "x".hashCode());
    assertThat(MapReduceTasks.stableHash(Map.of(Color.RED, 1L))).isEqualTo(RED ^ Long.hashCode(1));
  }

  @Test
  void aKeyWhoseHashIsItsIdentity_isRefused_withTheReason() {
    assertThatThrownBy(() -> MapReduceTasks.partition(new byte[] {1}, 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a key of [B cannot be partitioned").hasMessageContaining("identity");
    assertThatThrownBy(() -> MapReduceTasks.partition(new Object(), 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void everyPartitionIsInRange() {
    for (Object key : List.of("a", "b", 7L, -7, Color.BLUE, new Shade(Color.CYAN, -1))) {
      assertThat(MapReduceTasks.partition(key, 3)).isBetween(0, 2);
    }
  }
}
