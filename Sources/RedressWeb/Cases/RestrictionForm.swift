import RedressCore
import RedressStorage

/// The "who can see this case" form on the case page, for those allowed to restrict cases.
enum RestrictionForm {
    static func render(_ r: Representation, viewer: Viewer, users: [User], policy: AccessPolicy) -> HTML {
        guard viewer.may(.restrictCase) else { return "" }
        let candidates =
            users.filter {
                !$0.isDisabled && $0.id != viewer.userID && policy.grant(for: $0.role).permissions.contains(.viewCase)
            }
        let named = Set(r.restrictedTo ?? [])
        let boxes: [HTML] = candidates.map { u in
            """
            <div class="app-radios__item"><input id="restrict-\(u.id)" name="users" type="checkbox" \
            value="\(u.id)"\(HTML.attribute("checked", named.contains(u.id) ? "checked" : nil))>
            <label for="restrict-\(u.id)">\(u.displayName) (\(u.role.displayName))</label></div>
            """
        }
        func radio(_ value: String, _ label: String, checked: Bool) -> HTML {
            """
            <div class=\"app-radios__item\"><input id=\"restrict-\(value)\" name=\"restrict\" type=\"radio\" \
            value=\"\(value)\"\(HTML.attribute("checked", checked ? "checked" : nil))><label \
            for=\"restrict-\(value)\">\(label)</label></div>
            """
        }
        return """
            <h2 id="restriction">Who can see this case</h2>
            <form class="app-step-form" method="post" action="/complaints/\(r.id)/restriction" \
            novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(r.version)">
              <fieldset class="app-form-group"><legend>Access</legend>
                \(radio("no", "Everyone whose role allows it", checked: r.restrictedTo == nil))
                \(radio("yes",
            "Only you and the people ticked below (for example, a complaint by a member of staff)",
            checked: r.restrictedTo != nil))
              </fieldset>
              <fieldset class="app-form-group"><legend>Named people</legend>
                <div class="app-checkbox-grid">\(boxes)</div>
              </fieldset>
              <button type="submit" class="app-button app-button--secondary">Save who can see this case</button>
            </form>
            """
    }
}
