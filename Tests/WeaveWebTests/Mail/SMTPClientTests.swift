import Crypto
import Foundation
import NIOSSL
import Testing
import X509
@testable import WeaveWeb

/// The SMTP client against a fake server on loopback that records the conversation.
@Suite struct SMTPClientTests {
    static func settings(_ server: FakeSMTPServer, user: String = "", query: String = "tls=none&from=weave@example.org") throws -> SMTPSettings {
        try SMTPSettings(url: "smtp://\(user)127.0.0.1:\(server.port)?\(query)")
    }

    @Test func aMessageArrivesWithItsHeadersAndADotStuffedBody() async throws {
        // setup
        let server = try await FakeSMTPServer.start()
        let message = MailMessage(from: "weave@example.org", to: "bank@example.org", toName: "City Food Bank",
                                  subject: "Rappel : rapports dus — Café", body: "Hello,\n.hidden starts with a dot\n.\nÀ bientôt",
                                  date: Date(timeIntervalSince1970: 1_796_083_200), messageID: "<m1@example.org>")
        // MUT
        try await SMTPClient(settings: try Self.settings(server)).send(message)
        // validate
        let seen = server.transcript
        #expect(seen.commands.first == "EHLO weave.invalid")
        #expect(!seen.commands.contains { $0.hasPrefix("AUTH") }, "no credentials, no AUTH")
        #expect(seen.commands.contains("MAIL FROM:<weave@example.org>"))
        #expect(seen.commands.contains("RCPT TO:<bank@example.org>"))
        #expect(seen.commands.last == "QUIT")
        #expect(seen.data.contains("Date: Tue, 01 Dec 2026 00:00:00 +0000"))
        #expect(seen.data.contains("From: <weave@example.org>"))
        #expect(seen.data.contains("To: \"City Food Bank\" <bank@example.org>"))
        #expect(seen.data.contains("Message-ID: <m1@example.org>"))
        #expect(seen.data.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(seen.data.contains("Content-Transfer-Encoding: quoted-printable"))
        let subject = try #require(seen.data.first { $0.hasPrefix("Subject: ") })
        #expect(subject.hasPrefix("Subject: =?utf-8?B?"), "non-ASCII subject as RFC 2047")
        let words = ([subject.dropFirst(9)] + seen.data.drop(while: { $0 != subject }).dropFirst().prefix { $0.hasPrefix(" ") }.map { $0.dropFirst() })
        let decoded = words.map { word in String(data: Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!, encoding: .utf8)! }.joined()
        #expect(decoded == "Rappel : rapports dus — Café")
        #expect(seen.data.contains("..hidden starts with a dot"), "a line starting with a dot gets another")
        #expect(seen.data.contains(".."), "a lone dot is not the end of the message")
        #expect(seen.data.contains("=C3=80 bient=C3=B4t"), "UTF-8 as quoted-printable")
        await server.stop()
    }

    @Test func credentialsAreSentWithAuthPlainOrLogin() async throws {
        let plain = try await FakeSMTPServer.start()
        try await SMTPClient(settings: try Self.settings(plain, user: "ana:s%3Acret@")).send(
            MailMessage(from: "weave@example.org", to: "bank@example.org", subject: "Hi", body: "Hi"))
        #expect(plain.transcript.commands.contains("AUTH PLAIN " + Data("\0ana\0s:cret".utf8).base64EncodedString()))
        await plain.stop()

        let login = try await FakeSMTPServer.start(.init(capabilities: ["AUTH LOGIN"]))
        try await SMTPClient(settings: try Self.settings(login, user: "ana:secret@")).send(
            MailMessage(from: "weave@example.org", to: "bank@example.org", subject: "Hi", body: "Hi"))
        let commands = login.transcript.commands
        let auth = try #require(commands.firstIndex(of: "AUTH LOGIN"))
        #expect(commands[auth + 1] == Data("ana".utf8).base64EncodedString())
        #expect(commands[auth + 2] == Data("secret".utf8).base64EncodedString())
        #expect(commands.contains("DATA"))
        await login.stop()
    }

    @Test func aRefusalIsReportedInPlainWords() async throws {
        let server = try await FakeSMTPServer.start(.init(refuse: ("RCPT TO", "550 5.1.1 No such mailbox here")))
        let error = await #expect(throws: MailError.self) {
            try await SMTPClient(settings: try Self.settings(server)).send(MailMessage(from: "weave@example.org", to: "gone@example.org", subject: "Hi", body: "Hi"))
        }
        #expect(error == .refused(step: "the recipient gone@example.org", code: 550, text: "5.1.1 No such mailbox here"))
        #expect(error?.description == "The mail server refused the recipient gone@example.org: 550 5.1.1 No such mailbox here")
        #expect(!server.transcript.commands.contains("DATA"))
        await server.stop()
    }

    @Test func aStalledServerTimesOut() async throws {
        let server = try await FakeSMTPServer.start(.init(stallAfterGreeting: true))
        var settings = try Self.settings(server)
        settings.stepTimeout = .seconds(2)  // long enough that a loaded machine still reads the greeting in time
        let started = ContinuousClock.now
        let error = await #expect(throws: MailError.self) {
            try await SMTPClient(settings: settings).send(MailMessage(from: "weave@example.org", to: "bank@example.org", subject: "Hi", body: "Hi"))
        }
        #expect(error == .timedOut(step: "EHLO"))
        // The server never answers, so returning at all shows the step timeout ended it; the bound is loose
        // because a full parallel test run on two cores can hold this task up for many seconds.
        #expect(ContinuousClock.now - started < .seconds(60), "bounded by the step timeout, not the server")
        await server.stop()
    }

    @Test func lineBreaksInHeaderValuesAreRefusedBeforeConnecting() async throws {
        let server = try await FakeSMTPServer.start()
        for message in [MailMessage(from: "weave@example.org", to: "bank@example.org", toName: "Bank\r\nBcc: spy@evil.example", subject: "Hi", body: "Hi"),
                        MailMessage(from: "weave@example.org", to: "bank@example.org", subject: "Hi\nBcc: spy@evil.example", body: "Hi"),
                        MailMessage(from: "weave@example.org", to: "bank@example.org>\r\nRCPT TO:<spy@evil.example", subject: "Hi", body: "Hi")] {
            await #expect(throws: MailError.self) { try await SMTPClient(settings: try Self.settings(server)).send(message) }
        }
        #expect(server.transcript.connections == 0)
        await server.stop()
    }

    @Test func withoutStartTLSOnOfferNothingIsSentUnlessTLSNoneIsGiven() async throws {
        let server = try await FakeSMTPServer.start()
        let error = await #expect(throws: MailError.self) {
            try await SMTPClient(settings: try Self.settings(server, query: "from=weave@example.org")).send(
                MailMessage(from: "weave@example.org", to: "bank@example.org", subject: "Hi", body: "Hi"))
        }
        #expect(error?.description.contains("does not offer STARTTLS") == true)
        #expect(!server.transcript.commands.contains { $0.hasPrefix("MAIL") || $0.hasPrefix("AUTH") })
        await server.stop()
    }

    /// A certificate for "localhost", signed by its own key, made fresh for the test.
    static func selfSigned() throws -> (certificate: NIOSSLCertificate, key: NIOSSLPrivateKey) {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("localhost") }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: Date().addingTimeInterval(-3600), notValidAfter: Date().addingTimeInterval(3600), issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                SubjectAlternativeNames([.dnsName("localhost")])
            },
            issuerPrivateKey: Certificate.PrivateKey(key))
        return (try NIOSSLCertificate(bytes: Array(try certificate.serializeAsPEM().pemString.utf8), format: .pem),
                try NIOSSLPrivateKey(bytes: Array(key.pemRepresentation.utf8), format: .pem))
    }

    @Test func startTLSUpgradesTheConnectionBeforeSigningIn() async throws {
        // setup: a server offering STARTTLS with a certificate the client is told to trust
        let (certificate, key) = try Self.selfSigned()
        let server = try await FakeSMTPServer.start(.init(startTLS: try NIOSSLContext(configuration: .makeServerConfiguration(
            certificateChain: [.certificate(certificate)], privateKey: .privateKey(key)))))
        var client = SMTPClient(settings: try SMTPSettings(url: "smtp://ana:secret@localhost:\(server.port)?from=weave@example.org"))
        client.tls.trustRoots = .certificates([certificate])
        // MUT
        try await client.send(MailMessage(from: "weave@example.org", to: "bank@example.org", subject: "Hi", body: "Over TLS"))
        // validate: AUTH and the message only after the upgrade, and a second EHLO
        let seen = server.transcript
        #expect(seen.tlsStarted)
        #expect(Array(seen.commands.prefix(3)) == ["EHLO weave.invalid", "STARTTLS", "EHLO weave.invalid"])
        #expect(seen.commands.contains("AUTH PLAIN " + Data("\0ana\0secret".utf8).base64EncodedString()))
        #expect(FakeSMTPServer.decodedBody(seen.data) == "Over TLS")
        await server.stop()

        // An untrusted certificate: nothing after STARTTLS.
        let again = try await FakeSMTPServer.start(.init(startTLS: try NIOSSLContext(configuration: .makeServerConfiguration(
            certificateChain: [.certificate(certificate)], privateKey: .privateKey(key)))))
        var untrusting = try SMTPSettings(url: "smtp://ana:secret@localhost:\(again.port)?from=weave@example.org")
        untrusting.stepTimeout = .seconds(3)
        let error = await #expect(throws: MailError.self) {
            try await SMTPClient(settings: untrusting).send(MailMessage(from: "weave@example.org", to: "bank@example.org", subject: "Hi", body: "Hi"))
        }
        #expect(error?.description.hasPrefix("A secure connection to the mail server could not be set up") == true, "\(String(describing: error))")
        #expect(!again.transcript.commands.contains { $0.hasPrefix("AUTH") || $0.hasPrefix("MAIL") })
        await again.stop()
    }

    @Test func implicitTLSAgainstAPlainServerFailsWithoutSendingAnything() async throws {
        let server = try await FakeSMTPServer.start()
        var settings = try SMTPSettings(url: "smtps://ana:secret@127.0.0.1:\(server.port)?from=weave@example.org")
        settings.stepTimeout = .seconds(5)
        let error = await #expect(throws: MailError.self) {
            try await SMTPClient(settings: settings).send(MailMessage(from: "weave@example.org", to: "bank@example.org", subject: "Hi", body: "Hi"))
        }
        #expect(error?.description.hasPrefix("A secure connection to the mail server could not be set up") == true, "\(String(describing: error))")
        #expect(!server.transcript.commands.contains { $0.hasPrefix("AUTH") || $0.hasPrefix("MAIL") })
        await server.stop()
    }

    @Test func settingsAreReadAndShownWithoutThePassword() throws {
        let starttls = try SMTPSettings(url: "smtp://ana:p%40ss@mail.example.org", from: "weave@example.org")
        #expect(starttls.port == 587 && starttls.security == .startTLS && starttls.password == "p@ss")
        #expect(starttls.description == "smtp://ana:•••@mail.example.org:587 from weave@example.org")
        let implicit = try SMTPSettings(url: "smtps://mail.example.org?from=weave@example.org")
        #expect(implicit.port == 465 && implicit.security == .implicitTLS && implicit.username == nil)
        #expect(throws: MailError.self) { try SMTPSettings(url: "smtp://mail.example.org:25?tls=none", from: "weave@example.org") }
        #expect(throws: MailError.self) { try SMTPSettings(url: "smtp://mail.example.org") }
        #expect(throws: MailError.self) { try SMTPSettings(url: "http://mail.example.org", from: "weave@example.org") }
        #expect(throws: MailError.self) { try SMTPSettings(url: "smtp://localhost?tls=maybe", from: "weave@example.org") }
        #expect(try SMTPSettings(url: "smtp://localhost:25?tls=none", from: "weave@example.org").security == SMTPSettings.Security.none)
    }

    @Test func quotedPrintableKeepsLinesShortAndEscapes() {
        let long = String(repeating: "ab= ", count: 40)
        let encoded = MailMessage.quotedPrintable(long + "\nend \nÜ")
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(encoded.contains("ab=3D "))
        #expect(encoded.hasSuffix("end=20\r\n=C3=9C"))
        // Undo the soft breaks: the text comes back.
        #expect(encoded.replacingOccurrences(of: "=\r\n", with: "").hasPrefix(String(repeating: "ab=3D ", count: 39) + "ab=3D=20"))
    }
}
