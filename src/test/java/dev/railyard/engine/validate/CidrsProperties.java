package dev.railyard.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CidrsProperties {

    @Provide
    Arbitrary<Cidrs.Cidr> blocks() {
        // few distinct first octets so that overlaps are common
        Arbitrary<Long> address = Combinators.combine(Arbitraries.of(10L, 172L, 192L), Arbitraries.longs().between(0, 0xFFFFFFL))
                .as((first, rest) -> first << 24 | rest);
        return Combinators.combine(address, Arbitraries.integers().between(0, 32)).as(Cidrs.Cidr::new);
    }

    @Property(tries = 1000)
    void writtenBlocksParseBack(@ForAll("blocks") Cidrs.Cidr block) {
        String text = Ipv4.format(block.address()) + "/" + block.prefix();
        assertThat(Cidrs.parse(text)).contains(block);
        assertThat(Cidrs.parse(block.canonical())).hasValueSatisfying(c -> assertThat(c.hasHostBits()).isFalse());
    }

    /** Two CIDR blocks either nest or are disjoint, so they overlap exactly when one holds the other's first address. */
    @Property(tries = 1000)
    void overlapIsSymmetricAndMeansNesting(@ForAll("blocks") Cidrs.Cidr a, @ForAll("blocks") Cidrs.Cidr b) {
        boolean nested = a.contains(b.network()) || b.contains(a.network());
        assertThat(a.overlaps(b)).isEqualTo(b.overlaps(a)).isEqualTo(nested);
        assertThat(a.contains(a.network())).isTrue();
        assertThat(a.contains(a.last())).isTrue();
    }

    @Example
    void rejectsWhatIsNotADottedQuadWithAPrefix() {
        for (String bad : new String[] {"10.42.0.0", "10.42.0.0/33", "10.42.0/16", "010.42.0.0/16", "10.42.0.0/016", "10.42.0.256/24",
                "10.42.0.0/16/1", " 10.42.0.0/16", "10.42.0.0/-1", "::/0", "10.42.0.0/1e1"}) {
            assertThat(Cidrs.parse(bad)).as(bad).isEmpty();
        }
        assertThat(Cidrs.parse("0.0.0.0/0")).hasValueSatisfying(c -> assertThat(c.isEverything()).isTrue());
        assertThat(Cidrs.parse("10.42.1.7/16")).hasValueSatisfying(c -> assertThat(c.canonical()).isEqualTo("10.42.0.0/16"));
    }
}
