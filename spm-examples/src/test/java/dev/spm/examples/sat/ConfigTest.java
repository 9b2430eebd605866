package dev.spm.examples.sat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void badValues_areRejectedAtOnce_andNamed() {
    Config.Builder b = Config.defaults().toBuilder();
    assertThatThrownBy(() -> b.randomFrequency(1.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("randomFrequency must be in [0.0, 1.0], but was 1.5");
    assertThatThrownBy(() -> b.varDecay(1)).hasMessage("varDecay must be in (0.0, 1.0), but was 1.0");
    assertThatThrownBy(() -> b.lubyUnit(0)).hasMessage("lubyUnit must be positive, but was 0");
    assertThatThrownBy(() -> b.exportMaxSize(-1)).hasMessage("exportMaxSize must be >= 0, but was -1");
    assertThatThrownBy(() -> b.restarts(null)).hasMessage("restarts must not be null");
    assertThatThrownBy(() -> Config.portfolio(-1)).hasMessage("member must be >= 0, but was -1");
  }

  @Test
  void portfolioMembers_allDiffer_andMemberZeroIsTheDefault() {
    assertThat(Config.portfolio(0).toBuilder().seed(0).build()).isEqualTo(Config.defaults());
    Set<Config> members = new HashSet<>();
    for (int i = 0; i < 16; i++) {
      members.add(Config.portfolio(i));
    }
    assertThat(members).hasSize(16);
  }
}
