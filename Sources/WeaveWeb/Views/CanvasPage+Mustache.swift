import Mustache

// The canvas page is the most requested page: Mustache finds its values by name here rather than by
// reflecting over the struct (Mirror) for every `{{name}}`, which was a large share of its rendering time.
// A property not named here is still found, by reflection as before (only slower): add new ones here.

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
        default: reflectedChild(of: self, named: name)
        }
    }
}

extension Chrome: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "csrf": self.csrf
        case "signedIn": self.signedIn
        case "name": self.name
        default: reflectedChild(of: self, named: name)
        }
    }
}

/// What Mustache itself would find by reflection: the stored property called `name`, an optional unwrapped.
private func reflectedChild(of value: Any, named name: String) -> Any? {
    guard let child = Mirror(reflecting: value).children.first(where: { $0.label == name })?.value else { return nil }
    let mirror = Mirror(reflecting: child)
    return mirror.displayStyle == .optional ? mirror.children.first?.value : child
}
