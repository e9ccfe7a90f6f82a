package dev.sluice.runtime.conformance;

import static dev.sluice.runtime.conformance.ConfigTemplate.DEFAULTS;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Side by side with HAProxy: {@code http-request} and {@code http-response} actions, and redirects. */
@Timeout(60)
class HttpActionsConformanceTest {

    @Test
    void requestHeaderActions() throws Exception {
        Scenario.named("http-request set-header, add-header, del-header").config(DEFAULTS + """
                        frontend www
                            bind 127.0.0.1:${port:www}
                            http-request set-header X-Set fixed
                            http-request set-header X-Path %[path]
                            http-request add-header X-Added one
                            http-request add-header X-Added two
                            http-request del-header X-Remove
                            http-request set-header X-Admin yes if { path_beg /admin }
                            default_backend app
                        backend app
                            server a ${server:a}
                        """)
                .httpServers("a")
                .connection(Request.get("/plain?q=1"),
                        Request.get("/client-headers").header("X-Set", "from-client").header("X-Added", "zero")
                                .header("X-Remove", "1").header("x-remove", "2"),
                        Request.get("/admin/x"))
                .run();
    }

    @Test
    void denyRedirectAndReturn() throws Exception {
        Scenario.named("http-request deny, redirect, return").config(DEFAULTS + """
                        frontend www
                            bind 127.0.0.1:${port:www}
                            http-request deny if { path_beg /private }
                            http-request redirect location /new if { path /old }
                            http-request redirect prefix https://example.com code 301 if { path_beg /moved }
                            http-request return status 200 content-type text/plain string pong if { path /ping }
                            default_backend app
                        backend app
                            server a ${server:a}
                        """)
                .httpServers("a")
                .connection(Request.get("/private/x"))
                .connection(Request.get("/old"), Request.get("/moved/y?z=1"), Request.get("/ping").withBody(),
                        Request.get("/passes"))
                .run();
    }

    @Test
    void denyWithStatus429() throws Exception {
        Scenario.named("http-request deny deny_status 429").config(DEFAULTS + """
                        frontend www
                            bind 127.0.0.1:${port:www}
                            http-request deny deny_status 429 if { path_beg /limited }
                            default_backend app
                        backend app
                            server a ${server:a}
                        """)
                .httpServers("a")
                .connection(Request.get("/limited/1"))
                .connection(Request.get("/free"))
                .run();
    }

    @Test
    void theProxysOwnAnswersTakeItsPagesAndKeepTheConnection() throws Exception {
        Scenario.named("deny and return pages, errorfiles, keep-alive after them").config(DEFAULTS + """
                        http-errors site
                            errorfile 403 ${file:403}
                        frontend www
                            bind 127.0.0.1:${port:www}
                            errorfile 429 ${file:429}
                            errorfile 500 ${file:500}
                            http-error status 503 content-type text/plain string "try later"
                            http-request deny if { path_beg /private }
                            http-request deny deny_status 429 if { path_beg /limited }
                            http-request deny deny_status 403 errorfiles site if { path_beg /site }
                            http-request deny errorfile ${file:429} if { path_beg /file }
                            http-request return status 503 default-errorfiles if { path_beg /maint }
                            http-request return status 200 content-type text/html file ${file:index} hdr X-Page index if { path_beg /index }
                            http-request return status 404 if { path_beg /empty }
                            http-request return status 200 content-type text/plain lf-string "asked for %[path]" if { path_beg /echo }
                            http-request deny deny_status 500 if { path_beg /closing }
                            http-request deny errorfile ${file:empty} if { path_beg /silent }
                            use_backend none if { path_beg /none }
                            use_backend denying if { path_beg /rdeny }
                            default_backend app
                        backend app
                            server a ${server:a}
                        backend denying
                            http-response deny deny_status 403 if { res.hdr(x-server) -m found }
                            server a ${server:a}
                        backend none
                            server b ${server:b}
                        """)
                .httpServers("a").deadServers("b")
                .file("403", "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot here\n")
                .file("429", "HTTP/1.1 429 Too Many Requests\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
                        + "Retry-After: 10\r\n\r\nslow\n")
                .file("500", "HTTP/1.1 500 Oops\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nbroken\n")
                .file("index", "<p>down for maintenance</p>\n")
                .file("empty", "")
                .connection(Request.get("/private/1"), Request.get("/limited/1").withBody(),
                        Request.get("/site/1").withBody(),
                        Request.get("/file/1").withBody(), Request.get("/maint/1").withBody(),
                        Request.get("/index").withBody(), Request.head("/index"), Request.get("/empty").withBody(),
                        Request.get("/echo/1").withBody(),
                        Request.get("/none/1").withBody(), Request.get("/rdeny/1"), Request.get("/passes"))
                .connection(Request.get("/closing").withBody(), Request.get("/after"))
                .connection(Request.get("/silent"), Request.get("/after"))
                .run();
    }

    @Test
    void responseHeaderActions() throws Exception {
        Scenario.named("http-response set-header, del-header").config(DEFAULTS + """
                        frontend www
                            bind 127.0.0.1:${port:www}
                            http-response set-header X-Frame-Options DENY
                            default_backend app
                        backend app
                            http-response del-header Server
                            http-response set-header X-Content-Type-Options nosniff
                            http-response set-header X-Status %[status]
                            http-response add-header X-Cache miss if { status 200 }
                            http-response del-header X-Cache if { res.hdr(x-server) -m str nobody }
                            server a ${server:a}
                        """)
                .httpServers("a")
                .connection(Request.get("/one"), Request.get("/two"))
                .run();
    }

    @Test
    void redirectDirectives() throws Exception {
        Scenario.named("redirect scheme, prefix, location with code").config(DEFAULTS + """
                        frontend www
                            bind 127.0.0.1:${port:www}
                            redirect scheme https code 301 if { path_beg /secure }
                            redirect prefix https://new.example.com code 302 if { hdr(host) -i old.example.com }
                            redirect prefix /v2 drop-query if { path_beg /v1 }
                            redirect location /moved code 307 if { path /gone }
                            redirect location https://example.com/there code 308 if { path /there }
                            default_backend app
                        backend app
                            server a ${server:a}
                        """)
                .httpServers("a")
                .connection(Request.get("/secure/page?x=1"), Request.get("/a/b?c=d").host("old.example.com"),
                        Request.get("/v1/items?page=2"), Request.get("/gone"), Request.get("/there"),
                        Request.get("/stays"))
                .run();
    }
}
