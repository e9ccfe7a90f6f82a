package dev.sluice.runtime.stick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.compiler.Compiler;
import dev.sluice.compiler.plan.Plan;
import dev.sluice.grammar.ConfigLoader;
import dev.sluice.grammar.HaproxyVersion;
import dev.sluice.grammar.ParseOptions;
import dev.sluice.grammar.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The table store on a clock the test moves: rates, expiry, eviction, reloads, dumps. */
class StickTableTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final StickTables registry = new StickTables(clock::get);

    private static Plan plan(String... tables) {
        StringBuilder b = new StringBuilder("defaults\n  mode http\n  timeout client 1s\n  timeout server 1s\n"
                + "  timeout connect 1s\n");
        int i = 0;
        for (String t : tables) {
            b.append("backend t").append(i++).append("\n  ").append(t).append('\n');
        }
        ParseResult parsed = ConfigLoader.parse("test.cfg", b.toString(),
                ParseOptions.defaults().withEnv(Map.of()).withVersion(HaproxyVersion.DEFAULT));
        assertThat(parsed.hasErrors()).as(parsed.diagnostics().toString()).isFalse();
        try {
            return Compiler.compile(parsed.config(), HaproxyVersion.DEFAULT);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Puts tables t0, t1, ... of {@code definitions} in force; returns t0. */
    private StickTable load(String... definitions) {
        StickTables.Staged staged = registry.stage(plan(definitions));
        staged.commit();
        return registry.current().get("t0");
    }

    private static TableKey ip(String dotted) {
        return KeyType.IP.parse(dotted, 4);
    }

    private void advance(long ms) {
        clock.addAndGet(ms);
    }

    @Test
    void aRateCountsThisPeriodAndWhatRemainsOfTheLastOne() {
        StickTable t = load("stick-table type ip size 10 store http_req_rate(10s)");
        StickEntry e = t.getOrCreate(ip("10.0.0.1"));
        assertThat(e.read(DataType.HTTP_REQ_RATE)).isZero();
        for (int i = 0; i < 6; i++) {
            e.count(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 1);
        }
        assertThat(e.read(DataType.HTTP_REQ_RATE)).isEqualTo(6);
        advance(9_999);
        assertThat(e.read(DataType.HTTP_REQ_RATE)).isEqualTo(6);
        // a quarter into the next period, three quarters of the last one still count
        advance(2_501);
        assertThat(e.read(DataType.HTTP_REQ_RATE)).isEqualTo(4); // 6 * 0.75 = 4.5
        e.count(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 2);
        assertThat(e.read(DataType.HTTP_REQ_RATE)).isEqualTo(6); // 2 + 4.5
        advance(7_500);
        assertThat(e.read(DataType.HTTP_REQ_RATE)).isEqualTo(2); // the 2 of the period that just ended, whole
        advance(10_000);
        assertThat(e.read(DataType.HTTP_REQ_RATE)).isZero();
        // an event after a long quiet time starts a fresh period
        advance(60_000);
        e.count(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 1);
        assertThat(e.read(DataType.HTTP_REQ_RATE)).isEqualTo(1);
    }

    @Test
    void dataTheTableDoesNotStoreIsAbsent() {
        StickTable t = load("stick-table type ip size 10 store gpc0,conn_cnt");
        StickEntry e = t.getOrCreate(ip("10.0.0.1"));
        assertThat(e.read(DataType.CONN_CUR)).isEqualTo(StickEntry.ABSENT);
        assertThat(e.add(DataType.CONN_CUR, 0, 1)).isEqualTo(StickEntry.ABSENT);
        assertThat(e.add(DataType.GPC0, 0, 1)).isEqualTo(1);
        assertThat(e.read(DataType.GPC0)).isEqualTo(1);
    }

    @Test
    void anEntryExpiresWhenNothingTouchesItUnlessATrackerHoldsIt() {
        StickTable t = load("stick-table type ip size 10 expire 30s store gpc0");
        StickEntry idle = t.getOrCreate(ip("10.0.0.1"));
        StickEntry busy = t.getOrCreate(ip("10.0.0.2"));
        StickEntry held = t.acquire(ip("10.0.0.3"));
        advance(20_000);
        busy.add(DataType.GPC0, 0, 1); // a change touches it
        advance(10_000);
        assertThat(t.lookup(ip("10.0.0.1"))).isNull();
        assertThat(t.lookup(ip("10.0.0.2"))).isSameAs(busy);
        assertThat(t.lookup(ip("10.0.0.3"))).isSameAs(held);
        assertThat(t.used()).isEqualTo(2);
        // reading does not touch
        advance(20_000);
        busy.read(DataType.GPC0);
        assertThat(t.used()).isEqualTo(1);
        // let go, the held entry has a full expiry again
        held.release();
        advance(29_999);
        assertThat(t.lookup(ip("10.0.0.3"))).isSameAs(held);
        advance(1);
        assertThat(t.used()).isZero();
        assertThat(idle.isRemoved()).isTrue();
        // a key seen again starts from zero
        assertThat(t.getOrCreate(ip("10.0.0.2")).read(DataType.GPC0)).isZero();
    }

    @Test
    void aFullTableEvictsTheLeastRecentlyTouchedEntryNoTrackerHolds() {
        StickTable t = load("stick-table type ip size 3 store gpc0");
        StickEntry a = t.acquire(ip("10.0.0.1"));
        advance(1);
        StickEntry b = t.getOrCreate(ip("10.0.0.2"));
        advance(1);
        StickEntry c = t.getOrCreate(ip("10.0.0.3"));
        advance(1);
        b.add(DataType.GPC0, 0, 1);
        advance(1);
        // a is the oldest but held, c is older than b since b was touched
        t.getOrCreate(ip("10.0.0.4"));
        assertThat(keys(t)).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.4");
        assertThat(c.isRemoved()).isTrue();
        advance(1);
        t.getOrCreate(ip("10.0.0.5"));
        assertThat(keys(t)).containsExactly("10.0.0.1", "10.0.0.4", "10.0.0.5");
        a.release();
        assertThat(t.used()).isEqualTo(3);
    }

    @Test
    void aFullTableWithNoPurgeRefusesNewEntries() {
        StickTable t = load("stick-table type integer size 2 nopurge store gpc0");
        assertThat(t.getOrCreate(TableKey.ofInteger(1))).isNotNull();
        assertThat(t.getOrCreate(TableKey.ofInteger(2))).isNotNull();
        assertThat(t.getOrCreate(TableKey.ofInteger(3))).isNull();
        assertThat(t.getOrCreate(TableKey.ofInteger(1))).isNotNull();
        assertThat(t.available()).isZero();
    }

    @Test
    void aFullTableWhoseEntriesAreAllHeldRefusesNewEntries() {
        StickTable t = load("stick-table type ip size 1 store conn_cur");
        Trackers session = Trackers.session();
        assertThat(session.track(0, t, ip("10.0.0.1"))).isNotNull();
        assertThat(Trackers.session().track(0, t, ip("10.0.0.2"))).isNull();
        session.release();
        assertThat(Trackers.session().track(0, t, ip("10.0.0.2"))).isNotNull();
    }

    @Test
    void trackersCountConnectionsAndAStreamGivesBackOnlyItsOwn() {
        StickTable t = load("stick-table type ip size 10 store conn_cur,conn_cnt,conn_rate(10s),http_req_cnt");
        Trackers session = Trackers.session();
        StickEntry e = session.track(1, t, ip("10.0.0.1"));
        assertThat(session.track(1, t, ip("10.0.0.2"))).as("sc1 is taken").isNull();
        Trackers stream = session.stream();
        assertThat(stream.get(1)).isSameAs(e);
        StickEntry own = stream.track(0, t, ip("10.0.0.1"));
        assertThat(own).isSameAs(e);
        assertThat(e.read(DataType.CONN_CUR)).isEqualTo(2);
        assertThat(e.read(DataType.CONN_CNT)).isEqualTo(2);
        assertThat(e.read(DataType.CONN_RATE)).isEqualTo(2);
        assertThat(e.refs()).isEqualTo(2);
        stream.count(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 1);
        assertThat(e.read(DataType.HTTP_REQ_CNT)).isEqualTo(2); // once per counter holding it
        stream.release();
        assertThat(e.read(DataType.CONN_CUR)).isEqualTo(1);
        assertThat(e.refs()).isEqualTo(1);
        session.release();
        assertThat(e.read(DataType.CONN_CUR)).isZero();
        assertThat(e.read(DataType.CONN_CNT)).isEqualTo(2);
    }

    @Test
    void generalPurposeCountersFallBackOnTheArrays() {
        StickTable t = load("stick-table type ip size 10 store gpc(2),gpc_rate(2,10s),gpt(1)");
        StickEntry e = t.getOrCreate(ip("10.0.0.1"));
        assertThat(e.incrementGpc0()).isEqualTo(1);
        assertThat(e.incrementGpc1()).isEqualTo(1);
        assertThat(e.incrementGpc1()).isEqualTo(2);
        assertThat(e.readFirst(DataType.GPC1, DataType.GPC, 1)).isEqualTo(2);
        assertThat(e.readFirst(DataType.GPC1_RATE, DataType.GPC_RATE, 1)).isEqualTo(2);
        assertThat(e.incrementGpc(5)).as("past the array: nothing stored").isZero();
        StickTable rateOnly = load("stick-table type ip size 10 store gpc0_rate(10s)");
        StickEntry r = rateOnly.getOrCreate(ip("10.0.0.1"));
        r.incrementGpc0();
        assertThat(r.incrementGpc0()).as("the rate's count").isEqualTo(2);
    }

    @Test
    void counterValuesWrapAtThirtyTwoBitsLikeHaproxys() {
        StickTable t = load("stick-table type ip size 10 store gpt0,bytes_in_cnt");
        StickEntry e = t.getOrCreate(ip("10.0.0.1"));
        e.set(DataType.GPT0, 0, 4_294_967_295L);
        assertThat(e.add(DataType.GPT0, 0, 1)).isZero();
        e.add(DataType.BYTES_IN_CNT, 0, 5_000_000_000L);
        assertThat(e.read(DataType.BYTES_IN_CNT)).isEqualTo(5_000_000_000L);
    }

    @Test
    void aReloadKeepsEntriesOfATableOfTheSameTypeAndAppliesItsNewSettings() {
        StickTable before = load("stick-table type ip size 10 expire 30s store gpc0,http_req_cnt");
        StickEntry e = before.getOrCreate(ip("10.0.0.1"));
        advance(1);
        before.getOrCreate(ip("10.0.0.2"));
        advance(1);
        e.add(DataType.GPC0, 0, 7);
        e.count(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 3);
        before.getOrCreate(ip("10.0.0.3"));

        StickTables.Staged staged = registry.stage(plan("stick-table type ip size 2 expire 5s store gpc0,conn_cur",
                "stick-table type ip size 5"));
        assertThat(staged.tables().get("t0")).isSameAs(before);
        assertThat(before.size()).as("nothing changes before the commit").isEqualTo(10);
        staged.commit();

        StickTable after = registry.current().get("t0");
        assertThat(after).isSameAs(before);
        assertThat(after.size()).isEqualTo(2);
        assertThat(after.used()).as("the oldest went").isEqualTo(2);
        assertThat(keys(after)).containsExactly("10.0.0.1", "10.0.0.3");
        assertThat(e.read(DataType.GPC0)).isEqualTo(7);
        assertThat(e.read(DataType.HTTP_REQ_CNT)).isEqualTo(StickEntry.ABSENT);
        assertThat(e.read(DataType.CONN_CUR)).isZero();
        advance(5_000);
        assertThat(after.used()).as("the new expiry applies").isZero();
    }

    @Test
    void aReloadThatChangesATablesTypeStartsItEmptyAndOneThatDropsItRemovesIt() {
        StickTable before = load("stick-table type ip size 10 store gpc0", "stick-table type string len 8 size 10");
        before.getOrCreate(ip("10.0.0.1"));
        registry.current().get("t1").getOrCreate(TableKey.ofString("abc", 8));

        registry.stage(plan("stick-table type ipv6 size 10 store gpc0", "stick-table type string len 16 size 10"))
                .commit();
        assertThat(registry.current().get("t0")).isNotSameAs(before);
        assertThat(registry.current().get("t0").used()).isZero();
        assertThat(registry.current().get("t1").used()).as("another key length is another type").isZero();

        registry.stage(plan("stick-table type ipv6 size 10 store gpc0")).commit();
        assertThat(registry.current().get("t1")).isNull();
        assertThat(registry.list()).extracting(StickTables.TableInfo::name).containsExactly("t0");
    }

    @Test
    void tablesAndEntriesReadAsHaproxysShowTable() throws Exception {
        load("stick-table type ip size 100k expire 30s store http_req_rate(10s),gpt0,conn_cur,gpc(2)",
                "stick-table type string len 8 size 10 store conn_cnt");
        StickTable t = registry.current().get("t0");
        StickEntry e = t.acquire(ip("127.0.0.1"));
        e.count(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 3);
        e.add(DataType.GPC, 1, 4);
        advance(6);
        t.getOrCreate(ip("10.0.0.9"));
        registry.current().get("t1").getOrCreate(TableKey.ofString("a b=c\\d\u0001", 8));

        assertThat(registry.list()).containsExactly(new StickTables.TableInfo("t1", "string", 10, 1),
                new StickTables.TableInfo("t0", "ip", 102400, 2));
        assertThat(registry.entries("t0", List.of())).satisfiesExactly(
                l -> assertThat(l).matches("0x0+2: key=10\\.0\\.0\\.9 use=0 exp=30000 gpt0=0 conn_cur=0 "
                        + "http_req_rate\\(10000\\)=0 gpc0=0 gpc1=0"),
                l -> assertThat(l).matches("0x0+1: key=127\\.0\\.0\\.1 use=1 exp=29994 gpt0=0 conn_cur=0 "
                        + "http_req_rate\\(10000\\)=3 gpc0=0 gpc1=4"));
        assertThat(registry.entries("t0", List.of("data.http_req_rate", "gt", "2")))
                .singleElement().asString().contains("key=127.0.0.1");
        assertThat(registry.entries("t0", List.of("key", "10.0.0.9"))).singleElement().asString()
                .contains("key=10.0.0.9");
        assertThat(registry.entries("t0", List.of("key", "10.0.0.10"))).isEmpty();
        assertThat(registry.entries("t1", List.of())).singleElement().asString()
                .contains("key=a\\ b\\=c\\\\d\\x01 use=0 exp=0 conn_cnt=0");
    }

    @Test
    void tableCommandsAnswerHaproxysErrors() {
        load("stick-table type ip size 10 store gpc0", "stick-table type binary size 10");
        assertThatThrownBy(() -> registry.entries("nope", List.of())).hasMessage("No such table");
        assertThatThrownBy(() -> registry.entries("t0", List.of("data.conn_cur", "gt", "1")))
                .hasMessage("Filter entry #1: Data type not stored in this table");
        assertThatThrownBy(() -> registry.entries("t0", List.of("data.nope", "gt", "1")))
                .hasMessage("Filter entry #1: Unknown data type");
        assertThatThrownBy(() -> registry.entries("t0", List.of("data.gpc0", "gtx", "1")))
                .hasMessage("Filter entry #1: Require and operator among "
                        + "\"eq\", \"ne\", \"le\", \"ge\", \"lt\", \"gt\"");
        assertThatThrownBy(() -> registry.entries("t0", List.of("data.gpc0", "gt", "x")))
                .hasMessage("Filter entry #1: Require a valid integer value to compare against");
        assertThatThrownBy(() -> registry.entries("t0", List.of("data.gpc0", "gt", "1", "x")))
                .hasMessage("Filter entry #2: Unknown data type");
        assertThatThrownBy(() -> registry.entries("t0", List.of("key"))).hasMessage("Key value expected");
        assertThatThrownBy(() -> registry.entries("t0", List.of("other")))
                .hasMessage("Optional argument only supports "
                        + "\"data.<store_data_type>\" <operator> <value> and key <key>");
        assertThatThrownBy(() -> registry.clear("t1", List.of("key", "00")))
                .hasMessage("Removing keys from tables of type other than ip, ipv6, string and integer "
                        + "is not supported");
    }

    @Test
    void clearTableRemovesWhatTheFilterSelectsExceptHeldEntries() throws Exception {
        StickTable t = load("stick-table type ip size 10 store gpc0");
        t.getOrCreate(ip("10.0.0.1")).add(DataType.GPC0, 0, 5);
        t.getOrCreate(ip("10.0.0.2"));
        StickEntry held = t.acquire(ip("10.0.0.3"));
        held.add(DataType.GPC0, 0, 9);
        assertThat(registry.clear("t0", List.of("data.gpc0", "ge", "5"))).isEqualTo(1);
        assertThat(keys(t)).containsExactly("10.0.0.2", "10.0.0.3");
        assertThatThrownBy(() -> registry.clear("t0", List.of("key", "10.0.0.3")))
                .hasMessage("Entry currently in use, cannot remove");
        assertThat(registry.clear("t0", List.of())).isEqualTo(1);
        assertThat(keys(t)).containsExactly("10.0.0.3");
    }

    @Test
    void concurrentUpdatesOfOneEntryAreAllCounted() throws Exception {
        StickTable t = load("stick-table type ip size 10 store http_req_cnt,http_req_rate(10s),conn_cur",
                "stick-table type ip size 10 store gpc0");
        StickTable churn = registry.current().get("t1");
        int threads = 4;
        int each = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int n = 0; n < each; n++) {
                    Trackers s = Trackers.session();
                    StickEntry e = s.track(0, t, ip("10.0.0.1"));
                    e.count(DataType.HTTP_REQ_CNT, DataType.HTTP_REQ_RATE, 1);
                    churn.getOrCreate(ip("10.1." + (n % 200) / 100 + "." + n % 100)).add(DataType.GPC0, 0, 1);
                    s.release();
                }
            });
            th.start();
            running.add(th);
        }
        start.countDown();
        for (Thread th : running) {
            th.join();
        }
        StickEntry e = t.lookup(ip("10.0.0.1"));
        assertThat(e).isNotNull();
        assertThat(e.read(DataType.HTTP_REQ_CNT)).isEqualTo((long) threads * each);
        assertThat(e.read(DataType.HTTP_REQ_RATE)).isEqualTo((long) threads * each);
        assertThat(e.read(DataType.CONN_CUR)).isZero();
        assertThat(churn.used()).as("evictions kept the size").isEqualTo(10);
    }

    private static List<String> keys(StickTable t) {
        return t.entries().stream().map(e -> t.type().format(e.key())).toList();
    }
}
