import FluentKit
public import Foundation

extension Store {
    /// Creates an account. The email is kept lowercased; a second account with it is refused.
    public func createAccount(email: String, name: String, passwordHash: String) async throws -> Account {
        let record = AccountRecord()
        record.email = email.lowercased()
        record.name = name
        record.passwordHash = passwordHash
        record.createdAt = Store.timestamp()
        do {
            try await record.create(on: database)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw StoreError.emailTaken
        }
        return record.value
    }

    /// The account with an email address, and its password hash to check against.
    public func account(email: String) async throws -> (account: Account, passwordHash: String)? {
        guard let record = try await AccountRecord.query(on: database).filter(\.$email == email.lowercased()).first() else { return nil }
        return (record.value, record.passwordHash)
    }

    /// The account with an id.
    public func account(id: UUID) async throws -> Account? {
        try await AccountRecord.find(id, on: database)?.value
    }

    /// Signs a browser in: returns the token for its cookie (only its digest is kept) and a CSRF token.
    public func createLogin(accountID: UUID, lifetime: TimeInterval) async throws -> (token: String, csrfToken: String) {
        let token = Secret.token()
        let record = LoginRecord()
        record.tokenHash = Secret.digest(token)
        record.accountID = accountID
        record.csrfToken = Secret.token()
        record.createdAt = Store.timestamp()
        record.expiresAt = Store.timestamp().addingTimeInterval(lifetime)
        try await record.create(on: database)
        return (token, record.csrfToken)
    }

    /// The login a cookie token belongs to, unless it has expired.
    public func login(token: String) async throws -> Login? {
        let db = readDatabase
        guard let record = try await LoginRecord.query(on: db).filter(\.$tokenHash == Secret.digest(token)).first(),
              record.expiresAt > Store.timestamp(),
              let account = try await AccountRecord.find(record.accountID, on: db) else { return nil }
        return Login(account: account.value, csrfToken: record.csrfToken, expiresAt: record.expiresAt)
    }

    /// Signs a browser out.
    public func deleteLogin(token: String) async throws {
        try await LoginRecord.query(on: database).filter(\.$tokenHash == Secret.digest(token)).delete()
    }

    /// Forgets expired logins; returns how many.
    @discardableResult
    public func deleteExpiredLogins(now: Date = Store.timestamp()) async throws -> Int {
        let db = database
        let count = try await LoginRecord.query(on: db).filter(\.$expiresAt <= now).count()
        try await LoginRecord.query(on: db).filter(\.$expiresAt <= now).delete()
        return count
    }
}

extension AccountRecord {
    var value: Account { Account(id: id!, email: email, name: name, createdAt: createdAt) }
}
