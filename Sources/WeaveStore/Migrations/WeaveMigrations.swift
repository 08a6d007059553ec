import FluentKit

/// The schema, as numbered steps, one per file. Each step can be reverted; a new change is a new step at
/// the end, never an edit to one that has shipped (the name is what the database remembers).
///
/// Rolling upgrades run the old release and the new one on the same database for a while, so a step only
/// adds (a table, a nullable column, an index) in the release that brings it; dropping or renaming what the
/// previous release still reads waits for the release after. Steps 001–004 only create tables.
enum WeaveMigrations {
    static let all: [any Migration] = [M001Accounts(), M002Partnerships(), M003Sessions(), M004Research(),
                                       M005Invitations(),
                                       M007PartnershipRecord(), M008RecordAccess(),
                                       M006ParticipantDevices(),
                                       M011PartnerEmail(),
                                       M015SessionLanguage()]
}
