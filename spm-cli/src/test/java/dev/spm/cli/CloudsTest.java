package dev.spm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spm.Pools;
import org.junit.jupiter.api.Test;

class CloudsTest {
  @Test
  void slots_countWhatEachPoolSelects() {
    Clouds.Shape shape = Clouds.Shape.of("local:3x2");
    assertThat(Clouds.slots(Pools.serial(), shape)).isEqualTo(1);
    assertThat(Clouds.slots(Pools.intraAll(), shape)).isEqualTo(2);
    assertThat(Clouds.slots(Pools.inter(), shape)).isEqualTo(6);
    assertThat(Clouds.slots(Pools.inter().limit(4), shape)).isEqualTo(4);
    assertThat(Clouds.slots(Pools.interOnePerServer(), shape)).isEqualTo(3);
    assertThat(Clouds.slots(Pools.intraOnePerServer(), shape)).isEqualTo(1);
  }

  @Test
  void grownFor_addsSlotsPerServer_whenJobsExceedThePool() {
    assertThat(Clouds.grownFor("local:1x2", Pools.intraAll(), 2)).isEqualTo("local:1x2");
    assertThat(Clouds.grownFor("local:1x2", Pools.intraAll(), 5)).isEqualTo("local:1x5");
    assertThat(Clouds.grownFor("local:3x1", Pools.inter(), 7)).isEqualTo("local:3x3");
    assertThat(Clouds.grownFor("local:1x2", Pools.intraAll(), 1000)).isEqualTo("local:1x256");
  }

  @Test
  void grownFor_leavesOnePerServerAndSerialPools_capped() {
    assertThat(Clouds.grownFor("local:3x1", Pools.interOnePerServer(), 7)).isEqualTo("local:3x1");
    assertThat(Clouds.grownFor("local", Pools.serial(), 4)).isEqualTo("local");
  }
}
