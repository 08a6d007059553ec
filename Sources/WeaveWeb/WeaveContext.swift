import Hummingbird
import HummingbirdWebSocket
import NIOCore
import Logging
import WeaveStore

/// What every request carries through the app: Hummingbird's core storage, the signed-in facilitator
/// (if any) and the WebSocket handler slot for upgrades.
struct WeaveContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<WeaveContext>
    /// The signed-in facilitator, set by ``LoginMiddleware``.
    var login: Login?
    /// The value forms must send back (see ``CSRFMiddleware``).
    var csrfToken = ""
    /// The submitted form of a POST, read and checked by ``CSRFMiddleware``.
    var form: Form?
    /// The peer's address, for rate limits; `nil` in in-process tests.
    let remoteAddress: String?
    /// The connection, so that a live socket whose browser stops reading can be dropped outright.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        remoteAddress = source.channel.remoteAddress?.ipAddress
        channel = source.channel
    }

    /// Request bodies are forms or small JSON: nothing a person sends needs more.
    var maxUploadSize: Int { 256 * 1024 }
}
