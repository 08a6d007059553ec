/// The version of Weave, written into every research report's methods so a reader knows which
/// implementation produced the numbers.
public enum WeaveVersion {
    /// Semantic version of this build of Weave.
    public static let current = "0.1.0"
}
