package dev.sluice.runtime.l7;

import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The HTTP/1.x codecs of the proxy's two sides, both decoding into {@link LiteHeaders}. Limits
 * are Netty's defaults: a 4 KiB request or status line, 8 KiB of header fields.
 */
public final class Codecs {

    private Codecs() {
    }

    private static HttpDecoderConfig config() {
        return new HttpDecoderConfig()
                .setHeadersFactory(LiteHeaders.FACTORY)
                .setTrailersFactory(LiteHeaders.FACTORY);
    }

    /** The codec on a client connection: decodes requests, encodes responses. */
    public static HttpServerCodec facingClients() {
        return new HttpServerCodec(config());
    }

    /** The codec on a server connection: encodes requests, decodes responses. */
    public static HttpClientCodec facingServers() {
        return new HttpClientCodec(config(), false, false);
    }
}
