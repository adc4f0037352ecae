import Foundation
import RedressCore

/// The council details page: one form, each field with a hint saying where it is printed.
enum CouncilDetailsView {
    /// The form's values as typed, and what is wrong with them.
    struct Form {
        var name, address, complaintsTeam, reportOwner, committee: String
        /// A fingerprint of the details the form was filled from.
        var version: String

        init(_ identity: CouncilIdentity) {
            (name, address, complaintsTeam, reportOwner, committee) = (
                identity.name, identity.address, identity.complaintsTeam, identity.reportOwner, identity.committee
            )
            version = Self.version(of: identity)
        }

        init(_ fields: FormFields) {
            func field(_ key: String) -> String { fields[key].trimmingCharacters(in: .whitespacesAndNewlines) }
            (name, address, complaintsTeam, reportOwner, committee) = (
                field("name"), field("address").replacingOccurrences(of: "\r\n", with: "\n"), field("complaints-team"),
                field("report-owner"), field("committee")
            )
            version = fields["version"]
        }

        var identity: CouncilIdentity {
            CouncilIdentity(
                name: name, address: address, complaintsTeam: complaintsTeam, reportOwner: reportOwner,
                committee: committee)
        }

        static let limits: [(key: String, label: String, limit: Int)] = [
            ("name", "The council's name", 120), ("address", "The address", 300),
            ("complaints-team", "How to contact the complaints team", 200),
            ("report-owner", "Who the report is from", 120), ("committee", "Who the report is for", 120),
        ]

        var errors: [FieldError] {
            var errors: [FieldError] = []
            if name.isEmpty { errors.append(FieldError(field: "name", message: "Enter the council's name")) }
            let values = [
                "name": name, "address": address, "complaints-team": complaintsTeam,
                "report-owner": reportOwner, "committee": committee,
            ]
            for (key, label, limit) in Self.limits where (values[key] ?? "").count > limit {
                errors.append(FieldError(field: key, message: "\(label) must be \(limit) characters or fewer"))
            }
            return errors
        }

        /// Changes whenever any detail changes (FNV-1a of the fields, in hexadecimal).
        static func version(of identity: CouncilIdentity) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            let text = [
                identity.name, identity.address, identity.complaintsTeam, identity.reportOwner,
                identity.committee,
            ].joined(separator: "\u{1F}")
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return String(hash, radix: 16)
        }
    }

    static let savedMessages = [
        "details": "Council details saved", "logo": "Logo saved", "logo-removed": "Logo removed",
    ]

    static func page(
        _ form: Form, logo: (logo: CouncilLogo?, version: String), errors: [FieldError], saved: String? = nil
    ) -> HTML {
        let banner: HTML =
            saved.flatMap { savedMessages[$0] }.map {
                """
                <div class="app-notification" role="region" aria-labelledby="saved-title">
                <h2 class="app-notification__title" id="saved-title">\($0)</h2></div>
                """
            } ?? ""
        let detailErrors = errors.filter { $0.field != "logo" }
        return Layout.page(
            title: "Council details", section: .council, hasErrors: !errors.isEmpty,
            """
            \(Layout.errorSummary(errors))
            \(banner)
            <h1>Council details</h1>
            <p class="app-body">These are printed on the cover and in the footer of the annual report, and the \
            name signs the council's letters.</p>
            <form method="post" action="/council" novalidate>\(HTML.csrfField)
              <input type="hidden" name="version" value="\(form.version)">
              \(input("name", "The council's name", hint: "As letters sign it: “Anyshire County Council”.",
                      value: form.name, errors: detailErrors))
              \(CaseActionsView.textarea("address", label: "The address", hint: "Printed on the report's cover.",
                                        value: form.address, errors: detailErrors))
              \(input("complaints-team", "How to contact the complaints team",
                      hint: "A telephone number, email address or web page, for the report's cover.",
                      value: form.complaintsTeam, errors: detailErrors))
              \(input("report-owner", "Who the report is from", hint: "For example: Head of Customer Relations.",
                      value: form.reportOwner, errors: detailErrors))
              \(input("committee", "Who the report is for",
                      hint: "For example: Adults and Health Scrutiny Committee.", value: form.committee,
                      errors: detailErrors))
              <button type="submit" class="app-button">Save council details</button>
            </form>
            \(logoSection(logo, errors: errors))
            <h2 class="app-heading-m">Email</h2>
            <p class="app-body"><a class="app-link" href="/mailbox">The complaints mailbox</a>: where email in is \
            read from.</p>
            """)
    }

    /// The logo as it is printed, a form to upload another (a multipart form: the only one whose
    /// body is not URL-encoded) and a form to remove it.
    static func logoSection(_ logo: (logo: CouncilLogo?, version: String), errors: [FieldError]) -> HTML {
        let hasError = errors.contains { $0.field == "logo" }
        let current: HTML =
            logo.logo.map {
                """
                <p class="app-body">The logo printed on the report's cover:</p>
                <p><img class="app-logo-preview" src="\($0.dataURL)" alt="The council's logo"></p>
                """
            } ?? "<p class=\"app-body\">No logo yet: the report's cover shows the council's name alone.</p>"
        let remove: HTML =
            logo.logo == nil
            ? ""
            : """
            <form method="post" action="/council/logo" novalidate>\(HTML.csrfField)
              <input type="hidden" name="logo-version" value="\(logo.version)">
              <input type="hidden" name="remove" value="yes">
              <button type="submit" class="app-button app-button--secondary">Remove the logo</button>
            </form>
            """
        return """
            <h2 class="app-heading-m">Logo</h2>
            \(current)
            <form method="post" action="/council/logo" enctype="multipart/form-data" novalidate>\(HTML.csrfField)
              <input type="hidden" name="logo-version" value="\(logo.version)">
              <div class="app-form-group\(hasError ? " app-form-group--error" : "")">
                <label class="app-label" for="logo">\(logo.logo == nil ? "Upload a logo" : "Upload a new logo")</label>
                <p class="app-hint" id="logo-hint">A PNG or SVG picture, 512 KB or smaller.</p>
                \(CaseActionsView.errorMessage("logo", errors))
                <input class="app-file-upload" id="logo" name="logo" type="file" \
            accept="image/png,image/svg+xml,.png,.svg" aria-describedby="logo-hint\(hasError ? " logo-error" : "")">
              </div>
              <button type="submit" class="app-button">Upload logo</button>
            </form>
            \(remove)
            """
    }

    static func input(_ name: String, _ label: String, hint: String, value: String, errors: [FieldError]) -> HTML {
        let hasError = errors.contains { $0.field == name }
        let described = ["\(name)-hint", hasError ? "\(name)-error" : nil].compactMap { $0 }.joined(separator: " ")
        return """
            <div class="app-form-group\(hasError ? " app-form-group--error" : "")">
              <label class="app-label" for="\(name)">\(label)</label>
              <p class="app-hint" id="\(name)-hint">\(hint)</p>
              \(CaseActionsView.errorMessage(name, errors))
              <input class="app-input\(hasError ? " app-input--error" : "")" id="\(name)" name="\(name)" type="text" \
            value="\(value)"\(HTML.attribute("aria-describedby", described))>
            </div>
            """
    }
}
