import NIOConcurrencyHelpers

/// A Bool shared between tasks.
final class NIOLockedBool: Sendable {
    private let box = NIOLockedValueBox(false)
    var value: Bool {
        get { box.withLockedValue { $0 } }
        set { box.withLockedValue { $0 = newValue } }
    }
}
