import Foundation
import Hummingbird
import WeaveCore
import WeaveStore

/// A partner's contact email, and sending its reminder by email when an SMTP server is configured.
/// Both are facilitator-only POSTs (the CSRF middleware checks them), and the partner is looked up only
/// within the partnership in the path: another partnership's partner is "not found".
extension RecordController {
    func addReminderRoutes(to router: Router<WeaveContext>) {
        router.post("/partnerships/:partnership/record/partners/:partner/email") { _, context in
            let partnership = try await app.facilitated(context)
            let partner = try await recordPartner(context, partnership)
            let email = try (context.form ?? Form(parsing: "")).optional("email", label: "The contact email", limit: 254)
            guard email.isEmpty || MailMessage.isAddress(email) else {
                throw HTTPError(.badRequest, message: "“\(email.prefix(80))” does not look like an email address (name@example.org).")
            }
            try await notFoundAsHTTP { try await app.store.setPartnerEmail(partner.id, in: partnership.id, to: email) }
            return Response.seeOther(recordPath(partnership) + "?notice=email#reporting")
        }
        router.post("/partnerships/:partnership/record/partners/:partner/remind") { _, context in
            let partnership = try await app.facilitated(context)
            let partner = try await recordPartner(context, partnership)
            guard let settings = app.configuration.smtp else {
                throw HTTPError(.badRequest, message: "Email is not configured on this server (--smtp-url), so nothing was sent: copy the reminder into your own message.")
            }
            var shown = try await page(partnership, context, notice: nil)
            guard let row = shown.reporting.first(where: { $0.partnerID == partner.key }), !row.email.isEmpty else {
                throw HTTPError(.badRequest, message: "\(partner.name) has no contact email yet: add one under Reporting first.")
            }
            let message = MailMessage(from: settings.from, to: row.email, toName: partner.name,
                                      subject: "Reminder: indicator reports for \(partnership.name)", body: row.reminder)
            do {
                try await SMTPClient(settings: settings).send(message)
                shown.mailResult = "Reminder sent to \(partner.name) (\(row.email))."
                shown.mailSent = true
                context.logger.info("reminder sent", metadata: ["partner": "\(partner.id)"])
                return app.pages.response(shown, template: "record")
            } catch let error as MailError {
                shown.mailResult = "The reminder to \(partner.name) was not sent. \(error.description)"
                context.logger.warning("reminder not sent", metadata: ["partner": "\(partner.id)", "why": "\(error.description)"])
                return app.pages.response(shown, template: "record", status: .badGateway)
            }
        }
    }

    /// The partner named in the path, only within this partnership.
    func recordPartner(_ context: WeaveContext, _ partnership: Partnership) async throws -> Partner {
        guard let id = UUID(uuidString: try context.parameters.require("partner")),
              let partner = try await app.store.partners(of: partnership.id).first(where: { $0.id == id }) else {
            throw HTTPError(.notFound, message: "There is no such partner in this partnership.")
        }
        return partner
    }
}
