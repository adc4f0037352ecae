import NIOCore
import NIOPosix
import NIOSSL

/// A connection to a mail server (SMTP out, IMAP in): TLS from the first byte, or plain on a
/// trusted network; 20 seconds to connect. A failure names the server, never what it said.
enum MailConnection {
    static func open(
        host: String, port: Int, tls: Bool, failure: (String) -> any Error
    ) async throws
        -> NIOAsyncChannel<ByteBuffer, ByteBuffer>
    {
        do {
            return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(20))
                .connect(host: host, port: port) { ch in
                    ch.eventLoop.makeCompletedFuture {
                        if tls {
                            let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                            try ch.pipeline.syncOperations.addHandler(
                                try NIOSSLClientHandler(context: context, serverHostname: host))
                        }
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: ch)
                    }
                }
        } catch {
            throw failure("cannot connect to the mail server \(host):\(port)")
        }
    }
}
