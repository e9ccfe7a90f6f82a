package dev.sluice.runtime.conformance;

import static dev.sluice.runtime.conformance.ConfigTemplate.DEFAULTS;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Side by side with HAProxy: choosing a backend with ACL conditions. */
@Timeout(60)
class RoutingConformanceTest {

    @Test
    void pathPrefixRouting() throws Exception {
        Scenario.named("use_backend by path_beg").config(DEFAULTS + """
                        frontend www
                            bind 127.0.0.1:${port:www}
                            use_backend api if { path_beg /api }
                            default_backend web
                        backend api
                            server api1 ${server:api1}
                        backend web
                            server web1 ${server:web1}
                        """)
                .httpServers("api1", "web1")
                .connection(Request.get("/api"), Request.get("/api/v1/users?id=3"), Request.get("/apix"),
                        Request.get("/"), Request.get("/web/api"), Request.get("/API/upper"))
                .run();
    }

    @Test
    void hostRoutingWithNamedAcls() throws Exception {
        Scenario.named("use_backend by hdr(host) -i").config(DEFAULTS + """
                        frontend www
                            bind 127.0.0.1:${port:www}
                            acl static_host hdr(host) -i static.example.com
                            acl api_host hdr(host) -i api.example.com api.example.org
                            acl is_admin path_beg /admin
                            use_backend static if static_host
                            use_backend api if api_host !is_admin
                            use_backend admin if api_host is_admin || { hdr(host) -i admin.example.com }
                            default_backend web
                        backend static
                            server static1 ${server:static1}
                        backend api
                            server api1 ${server:api1}
                        backend admin
                            server admin1 ${server:admin1}
                        backend web
                            server web1 ${server:web1}
                        """)
                .httpServers("static1", "api1", "admin1", "web1")
                .connection(Request.get("/a").host("static.example.com"),
                        Request.get("/b").host("STATIC.Example.COM"),
                        Request.get("/c").host("static.example.com:80"),
                        Request.get("/d").host("api.example.com"),
                        Request.get("/admin/e").host("api.example.org"),
                        Request.get("/f").host("admin.example.com"),
                        Request.get("/g").host("www.example.com"))
                .run();
    }
}
