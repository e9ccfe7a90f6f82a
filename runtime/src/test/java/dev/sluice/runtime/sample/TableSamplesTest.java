package dev.sluice.runtime.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.runtime.stick.DataType;
import dev.sluice.runtime.stick.StickEntry;
import dev.sluice.runtime.stick.StickTable;
import dev.sluice.runtime.stick.StickTables;
import dev.sluice.runtime.stick.TableKey;
import dev.sluice.runtime.stick.Trackers;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The stick-table fetches and converters, on tables of a compiled plan: what they read for a key
 * that is there, one that is not, and data the table does not store (checked against HAProxy 2.6:
 * no entry reads 0, data not stored gives no sample).
 */
class TableSamplesTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final StickTables registry = new StickTables(clock::get);
    private final SampleCompiler compiler;
    private final StickTable fe;
    private final StickTable be;

    TableSamplesTest() {
        StickTables.Staged staged = registry.stage(Plans.compile("""
                defaults
                  mode http
                  timeout client 1s
                  timeout server 1s
                  timeout connect 1s
                frontend fe
                  bind 127.0.0.1:8080
                  stick-table type ip size 10 store conn_cur,http_req_rate(10s),gpc0,bytes_in_cnt
                  default_backend be
                backend be
                  stick-table type string len 16 size 5 store http_err_cnt,gpc(2)
                  server s 127.0.0.1:9
                """));
        staged.commit();
        compiler = new SampleCompiler(Path.of(".")).inProxy("fe", staged.tables());
        fe = staged.tables().get("fe");
        be = staged.tables().get("be");
    }

    private String sample(String expr, Exchange x) {
        return compiler.sample(Plans.sample(expr)).evaluateString(x);
    }

    private boolean acl(String expr, Exchange x) {
        return compiler.acl(Plans.acl(expr)).test(x);
    }

    private static Exchange from(String ip) {
        return Exchanges.get("/").client(ip, 40000).build();
    }

    private static TableKey ip(String dotted) {
        return TableKey.ofAddress(SampleValue.ofString(dotted).castTo(SampleType.IPV4).address());
    }

    @Test
    void srcFetchesReadTheClientsEntryOfTheProxysTable() {
        Exchange x = from("10.0.0.1");
        assertThat(sample("src_conn_cur", x)).as("no entry: 0").isEqualTo("0");
        assertThat(acl("src_conn_cur ge 0", x)).isTrue();
        StickEntry e = fe.getOrCreate(ip("10.0.0.1"));
        e.add(DataType.CONN_CUR, 0, 3);
        e.count(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 7);
        e.add(DataType.BYTES_IN_CNT, 0, 5_000);
        assertThat(sample("src_conn_cur", x)).isEqualTo("3");
        assertThat(sample("src_http_req_rate", x)).isEqualTo("7");
        assertThat(sample("src_kbytes_in", x)).isEqualTo("4");
        assertThat(sample("src_sess_rate", x)).as("not stored").isNull();
        assertThat(acl("src_sess_rate ge 0", x)).isFalse();
        assertThat(sample("src_http_err_cnt(be)", x)).as("no entry in be").isEqualTo("0");
        assertThat(sample("src_conn_cur", from("10.0.0.2"))).isEqualTo("0");
    }

    @Test
    void srcIncGpc0MakesTheEntryAndClearGivesTheValueBefore() {
        Exchange x = from("10.0.0.1");
        assertThat(sample("src_get_gpc0", x)).isEqualTo("0");
        assertThat(fe.used()).as("reading makes no entry").isZero();
        assertThat(sample("src_inc_gpc0", x)).isEqualTo("1");
        assertThat(sample("src_inc_gpc0", x)).isEqualTo("2");
        assertThat(sample("src_get_gpc0", x)).isEqualTo("2");
        assertThat(sample("src_clr_gpc0", x)).isEqualTo("2");
        assertThat(sample("src_get_gpc0", x)).isEqualTo("0");
        assertThat(sample("src_inc_gpc(1,be)", x)).as("gpc[1] of be").isEqualTo("1");
        assertThat(sample("src_get_gpc0(be)", x)).as("gpc0 falls back on gpc[0]").isEqualTo("0");
        assertThat(be.lookup(TableKey.ofString("10.0.0.1", 16)).read(DataType.GPC, 1)).isEqualTo(1);
    }

    @Test
    void scFetchesReadWhatACounterTracks() {
        Trackers stream = Trackers.session().stream();
        Exchange x = Exchanges.get("/").trackers(stream).build();
        assertThat(sample("sc_http_req_rate(0)", x)).as("nothing tracked: no sample").isNull();
        assertThat(sample("sc0_tracked", x)).isEqualTo("0");
        assertThat(acl("sc_http_req_rate(0) gt 100", x)).isFalse();
        stream.track(0, fe, ip("10.0.0.1"));
        stream.count(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 101);
        assertThat(sample("sc0_tracked", x)).isEqualTo("1");
        assertThat(sample("sc_tracked(1)", x)).isEqualTo("0");
        assertThat(sample("sc_http_req_rate(0)", x)).isEqualTo("101");
        assertThat(acl("sc_http_req_rate(0) gt 100", x)).isTrue();
        assertThat(sample("sc0_conn_cur", x)).isEqualTo("1");
        assertThat(sample("sc0_trackers", x)).isEqualTo("1");
        assertThat(sample("sc0_http_err_cnt", x)).as("not stored").isNull();
        assertThat(sample("sc0_inc_gpc0", x)).isEqualTo("1");
        assertThat(sample("sc_get_gpc0(0)", x)).isEqualTo("1");
        assertThat(sample("sc_conn_cur(3)", x)).as("past sc2").isNull();
        // the same key in another table
        assertThat(sample("sc_http_err_cnt(0,be)", x)).as("not in be: 0").isEqualTo("0");
        be.getOrCreate(TableKey.ofString("10.0.0.1", 16));
        assertThat(sample("sc_http_err_cnt(0,be)", x)).as("another key type: not found").isEqualTo("0");
    }

    @Test
    void tableConvertersLookTheirInputUp() {
        Exchange x = from("10.0.0.9");
        assertThat(sample("src,in_table(fe)", x)).isEqualTo("0");
        assertThat(sample("src,table_conn_cur(fe)", x)).isEqualTo("0");
        fe.getOrCreate(ip("10.0.0.9")).add(DataType.GPC0, 0, 4);
        assertThat(sample("src,in_table(fe)", x)).isEqualTo("1");
        assertThat(sample("src,table_gpc0(fe)", x)).isEqualTo("4");
        assertThat(sample("src,table_http_err_cnt(fe)", x)).as("not stored").isNull();
        assertThat(sample("str(10.0.0.9),table_gpc0(fe)", x)).as("a string read as an address").isEqualTo("4");
        assertThat(sample("str(abc),table_gpc0(fe)", x)).as("not an address: no key").isNull();
        be.getOrCreate(TableKey.ofString("abc", 16)).add(DataType.GPC, 1, 2);
        assertThat(sample("str(abc),table_gpc(1,be)", x)).isEqualTo("2");
        assertThat(sample("table_cnt", x)).isEqualTo("1");
        assertThat(sample("table_avl(be)", x)).isEqualTo("4");
    }

    @Test
    void aFetchWithoutATableInAProxyWithoutOneIsRefused() {
        SampleCompiler backend = new SampleCompiler(Path.of(".")).inProxy("other", registry.current());
        assertThatThrownBy(() -> backend.sample(Plans.sample("src_conn_cur")))
                .hasMessageContaining("no stick-table in proxy 'other'");
        assertThatThrownBy(() -> compiler.sample(Plans.sample("src_conn_cur(nope)")))
                .hasMessageContaining("no stick-table named 'nope'");
    }
}
