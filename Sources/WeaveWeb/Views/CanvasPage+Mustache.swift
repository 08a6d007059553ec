import Mustache

// The canvas page is the most requested page: Mustache finds its values by name here rather than by
// reflecting over the struct (Mirror) for every `{{name}}`, which was a large share of its rendering time.
// Adding a property to `CanvasPage` or `Chrome` means adding its name here too (the golden and page tests
// show a missing one as an empty value).

extension CanvasPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "chrome": self.chrome
        case "title": self.title
        case "view": self.view
        case "isFacilitator": self.isFacilitator
        case "isProjector": self.isProjector
        case "partnership": self.partnership
        case "partnershipHref": self.partnershipHref
        case "joinCode": self.joinCode
        case "joinURL": self.joinURL
        case "sessionHref": self.sessionHref
        case "advice": self.advice
        case "participantCount": self.participantCount
        case "boot": self.boot
        default: nil
        }
    }
}

extension Chrome: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "csrf": self.csrf
        case "signedIn": self.signedIn
        case "name": self.name
        default: nil
        }
    }
}
