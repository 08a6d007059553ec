import FluentKit
public import Foundation
public import WeaveCore

extension Store {
    /// Schedules a session with a fresh join code.
    public func createSession(_ draft: SessionDraft) async throws -> WorkSession {
        let record = SessionRecord()
        record.partnershipID = draft.partnershipID
        record.itemID = draft.itemID
        record.date = draft.date
        record.start = draft.start
        record.breaks = draft.breaks
        record.pathVersionID = draft.pathVersionID
        record.language = draft.language
        record.choices = draft.choices.isEmpty ? nil : String(decoding: try Store.eventEncoder.encode(draft.choices), as: UTF8.self)
        record.createdAt = Store.timestamp()
        // 50 random bits make a clash vanishingly rare; a few tries make it impossible in practice.
        for attempt in 1...5 {
            record.joinCode = JoinCode.make()
            do {
                try await record.create(on: database)
                return record.value
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 5 {
                record.id = nil
                continue
            }
        }
        throw StoreError.notFound("A free join code")
    }

    /// A session by id: from memory once read (see ``SessionRowCache``; closing or deleting it here or on
    /// another server forgets it), so the pages of a running session do not ask the database for it.
    public func session(_ id: UUID) async throws -> WorkSession? {
        if let kept = sessionRows.session(id) { return kept }
        let generation = sessionRows.generation
        guard let session = try await SessionRecord.find(id, on: readDatabase)?.value else { return nil }
        sessionRows.keep(session, readAt: generation)
        return session
    }

    /// The open session a join code belongs to; closed sessions' codes no longer work.
    public func openSession(joinCode: String) async throws -> WorkSession? {
        guard let code = JoinCode.normalize(joinCode) else { return nil }
        guard let record = try await SessionRecord.query(on: database).filter(\.$joinCode == code).first(),
              record.closedAt == nil else { return nil }
        return record.value
    }

    /// A partnership's sessions, newest date first.
    public func sessions(of partnership: UUID) async throws -> [WorkSession] {
        try await SessionRecord.query(on: database).filter(\.$partnershipID == partnership)
            .sort(\.$date, .descending).sort(\.$start, .descending).all().map(\.value)
    }

    /// Marks a session closed; its join code stops working.
    public func closeSession(_ id: UUID, at date: Date = Store.timestamp()) async throws {
        let database = try openDatabase()
        guard let record = try await SessionRecord.find(id, on: database) else { throw StoreError.notFound("The session") }
        guard record.closedAt == nil else {
            sessionRows.forget(id)
            return
        }
        record.closedAt = date
        try await record.update(on: database)
        await forgetEverywhere(session: id)
    }

    /// Forgets a session's row here and, on PostgreSQL, on every other server: it was closed or deleted.
    func forgetEverywhere(session id: UUID) async {
        sessionRows.forget(id)
        await announce(.session(id))
    }

    /// Adds a participant and returns the secret for their browser (only its digest is kept).
    public func addParticipant(to session: UUID, name: String, partner: UUID) async throws -> (participant: Participant, token: String) {
        let token = Secret.token()
        let record = ParticipantRecord()
        record.sessionID = session
        record.name = name
        record.partnerID = partner
        record.tokenHash = Secret.digest(token)
        record.joinedAt = Store.timestamp()
        try await record.create(on: database)
        return (record.value, token)
    }

    /// The participant a browser's secret belongs to, only within the given session; a removed participant's
    /// browsers no longer reach it.
    public func participant(token: String, in session: UUID) async throws -> Participant? {
        guard !token.isEmpty else { return nil }
        let digest = Secret.digest(token)
        var found = try await ParticipantRecord.query(on: readDatabase)
            .filter(\.$tokenHash == digest).filter(\.$sessionID == session).first()
        if found == nil, let device = try await ParticipantDeviceRecord.query(on: readDatabase).filter(\.$tokenHash == digest).first() {
            found = try await ParticipantRecord.query(on: readDatabase)
                .filter(\.$id == device.participantID).filter(\.$sessionID == session).first()
        }
        guard let record = found, record.removedAt == nil else { return nil }
        return record.value
    }

    /// A session's participants, in the order they joined.
    public func participants(of session: UUID) async throws -> [Participant] {
        try await ParticipantRecord.query(on: database).filter(\.$sessionID == session).sort(\.$joinedAt).all().map(\.value)
    }

    // MARK: - The event log

    /// Appends an event with the next sequence number. Throws ``StoreError/sequenceTaken(_:)`` when another
    /// writer stored that number first: the caller reloads and tries again. Returns once the row is committed.
    public func append(_ event: StoredEvent) async throws {
        guard openFlag.isOpen else { throw StoreClosedError() }
        let record = try EventRecord(event)
        let db = try openDatabase()
        do {
            try await record.create(on: db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw StoreError.sequenceTaken(event.sequence)
        }
        try await announce(session: event.sessionID, sequence: event.sequence, on: db)
    }

    /// A session's events after a sequence number, in order.
    public func events(of session: UUID, after sequence: Int = 0) async throws -> [StoredEvent] {
        try await EventRecord.query(on: try openDatabase()).filter(\.$sessionID == session).filter(\.$sequence > sequence)
            .sort(\.$sequence).all().map { try $0.value() }
    }

    /// A page of a session's events, newest first: at most `limit` of those before `sequence` (all of them
    /// when `nil`). For reading a long log a page at a time, as the history page does.
    public func recentEvents(of session: UUID, before sequence: Int? = nil, limit: Int) async throws -> [StoredEvent] {
        var query = EventRecord.query(on: database).filter(\.$sessionID == session)
        if let sequence { query = query.filter(\.$sequence < sequence) }
        return try await query.sort(\.$sequence, .descending).limit(max(limit, 1)).all().map { try $0.value() }
    }

    /// The texts written to a session's text fields, newest first (see ``SessionLog``). Rows are picked by
    /// the start of their stored JSON (docs/live-protocol.md, "The stored form"), then read and checked, so
    /// only the rows asked for are decoded, however long the log.
    public func textEdits(of session: UUID, field: String?, before sequence: Int? = nil, limit: Int? = nil) async throws -> [StoredEvent] {
        // Keys are sorted, so a text's row starts `{"edit":{"_0":{"setText":{"field":"<id>",`. A field id
        // outside the library's alphabet (letters, digits, hyphens) would need escaping in LIKE: match on
        // the kind only, and let the check below pick the field.
        let plainID = field.map { $0.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" } } ?? false
        let probe = String(decoding: try Store.eventEncoder.encode(SessionEvent.edit(.setText(field: plainID ? field! : "", text: ""))), as: UTF8.self)
        let marker = plainID ? #""text""# : #"{"field""#
        guard let end = probe.range(of: marker, options: .backwards) else { return [] }
        let prefix = String(probe[..<end.lowerBound])
        var found: [StoredEvent] = []
        var cursor = sequence
        let page = min(max(limit ?? 200, 1), 200)
        while true {
            var query = EventRecord.query(on: database).filter(\.$sessionID == session).filter(\.$payload =~ prefix)
            if let cursor { query = query.filter(\.$sequence < cursor) }
            let rows = try await query.sort(\.$sequence, .descending).limit(page).all()
            for row in rows {
                let event = try row.value()
                // LIKE reads `_` as any character and ignores case: keep only this field's texts.
                if case .edit(.setText(let edited, _)) = event.event, field == nil || edited == field { found.append(event) }
                if let limit, found.count == limit { return found }
            }
            guard rows.count == page, let last = rows.last else { return found }
            cursor = last.sequence
        }
    }

    /// How many events a session has.
    public func eventCount(of session: UUID) async throws -> Int {
        try await EventRecord.query(on: database).filter(\.$sessionID == session).count()
    }

    static let eventEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

extension SessionRecord {
    var value: WorkSession {
        // Choices that cannot be read (written by hand into the database) count as none, like a path run as written.
        WorkSession(id: id!, partnershipID: partnershipID, itemID: itemID, date: date, start: start, breaks: breaks,
                    joinCode: joinCode, createdAt: createdAt, closedAt: closedAt, pathVersionID: pathVersionID, language: language,
                    choices: choices.flatMap { try? JSONDecoder().decode(StepChoices.self, from: Data($0.utf8)) } ?? StepChoices())
    }
}

extension ParticipantRecord {
    var value: Participant { Participant(id: id!, sessionID: sessionID, name: name, partnerID: partnerID, joinedAt: joinedAt, removedAt: removedAt) }
}

extension EventRecord {
    /// The row for an event, its change as JSON.
    convenience init(_ event: StoredEvent) throws {
        self.init()
        sessionID = event.sessionID
        sequence = event.sequence
        actorID = event.actor.id
        actorName = event.actor.name
        byFacilitator = event.actor.isFacilitator
        clientRef = event.clientRef
        payload = String(decoding: try Store.eventEncoder.encode(event.event), as: UTF8.self)
        at = event.at
    }

    func value() throws -> StoredEvent {
        let event: SessionEvent
        do {
            event = try JSONDecoder().decode(SessionEvent.self, from: Data(payload.utf8))
        } catch {
            throw StoreError.unreadableEvent(session: sessionID, sequence: sequence, reason: "\(error)")
        }
        return StoredEvent(sessionID: sessionID, sequence: sequence,
                           actor: SessionActor(id: actorID, name: actorName, isFacilitator: byFacilitator),
                           clientRef: clientRef, event: event, at: at)
    }
}

extension Store {
    /// Appends several events in one transaction: all are stored, or none (one commit, one disk sync).
    public func append(_ events: [StoredEvent]) async throws {
        guard openFlag.isOpen else { throw StoreClosedError() }
        guard events.count > 1 else {
            if let event = events.first { try await append(event) }
            return
        }
        let records = try events.map(EventRecord.init)
        do {
            try await openDatabase().transaction { db in
                try await records.create(on: db)
                try await self.announce(session: events[events.count - 1].sessionID, sequence: events[events.count - 1].sequence, on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw StoreError.sequenceTaken(events[0].sequence)
        }
    }
}
