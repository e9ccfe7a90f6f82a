package dev.sluice.runtime.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.compiler.plan.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code retries} and {@code option redispatch}, as HAProxy 2.6 applies them after a failed connection. */
class RetryPolicyTest {

    private static RetryPolicy policy(String lines) {
        Backend b = Plans.compile(Plans.http(lines + "    server s1 10.0.0.1:80\n")).backend("b").orElseThrow();
        return RetryPolicy.of(b);
    }

    /**
     * Each row: the backend's lines, then the action after each failure in turn for a
     * non-persistent request to a server that stays up, with several active servers; R = retry
     * the same server, D = redispatch, X = give up.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "defaults: retries 3, no redispatch           | balance leastconn                          | RRRX",
            "retries 0                                    | retries 0                                  | X",
            "redispatch on the last retry                 | balance leastconn; option redispatch        | RRDX",
            "redispatch every retry                       | balance leastconn; option redispatch 1      | DDDX",
            "redispatch every second retry                | balance leastconn; retries 5; option redispatch 2 | RDRDRX",
            "redispatch on the retry before the last      | balance leastconn; retries 4; option redispatch -2 | RRDRX",
            "redispatch 0: not by count                   | balance leastconn; option redispatch 0      | RRRX",
            "round robin redispatches at once             | option redispatch                          | DDDX",
            "round robin without the option               | ''                                         | RRRX",
            "random redispatches at once                  | balance random; option redispatch          | DDDX",
            "hashing redispatches on the last retry       | balance uri; option redispatch             | RRDX",
            "no option redispatch cancels it              | balance leastconn; option redispatch; no option redispatch | RRRX",
    })
    void actions(String what, String lines, String expected) {
        RetryPolicy p = policy(lines.isEmpty() ? "" : "    " + lines.replace("; ", "\n    ") + "\n");
        StringBuilder actual = new StringBuilder();
        for (int done = 0; done < expected.length(); done++) {
            RetryPolicy.Action a = p.afterFailure(done, false, true, 3, false).action();
            actual.append(switch (a) {
                case RETRY_SAME -> 'R';
                case REDISPATCH -> 'D';
                case GIVE_UP -> 'X';
            });
            if (a == RetryPolicy.Action.GIVE_UP) {
                break;
            }
        }
        assertThat(actual.toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "persistent={0} up={1} active={2}")
    @CsvSource({
            // persistent, server up, active servers up, expected first action
            "true,  true,  3, RETRY_SAME",
            "true,  false, 3, REDISPATCH",
            "false, true,  1, RETRY_SAME",
            "false, false, 1, REDISPATCH",
    })
    void persistenceAndServerState(boolean persistent, boolean up, int active, RetryPolicy.Action expected) {
        RetryPolicy p = policy("    option redispatch\n");
        assertThat(p.afterFailure(0, persistent, up, active, false).action()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "connect 5s, error, same server       | timeout connect 5s   | false | true  | 1000",
            "connect 300ms, error, same server    | timeout connect 300ms | false | true  | 300",
            "timeout, same server                 | timeout connect 300ms | false | false | 0",
            "error, round robin redispatch        | option redispatch    | false | true  | 0",
            "error, one server up                 | option redispatch    | true  | true  | 1000",
    })
    void turnaroundDelay(String what, String line, boolean oneActive, boolean error, long delay) {
        RetryPolicy p = policy("    " + line + "\n");
        assertThat(p.afterFailure(0, false, true, oneActive ? 1 : 3, error).delayMs()).isEqualTo(delay);
    }

    @org.junit.jupiter.api.Test
    void aFullQueueRedispatchesOnlyWithTheOption() {
        assertThat(policy("    option redispatch\n").redispatchWhenQueueFull()).isTrue();
        assertThat(policy("").redispatchWhenQueueFull()).isFalse();
    }
}
