import ArgumentParser
import Foundation
import RedressCore
import RedressStorage
import RedressWeb

extension Role: ExpressibleByArgument {}

/// Who the command line acts as in the audit trail.
func operatorName() -> String {
    "command line (\(ProcessInfo.processInfo.environment["USER"] ?? "unknown"))"
}

/// A password from standard input (first line), or a new random one to print.
private func password(fromStandardInput: Bool) throws -> (String, generated: Bool) {
    if fromStandardInput {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw Failure(description: "No password on standard input.")
        }
        return (line, false)
    }
    return (Tokens.random().prefix(20).description, true)
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Add and look after the people who sign in.",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, ResetPassword.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a user. Without --password-stdin a random password is generated and printed once.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "Sign-in name: letters, digits, . - _ @.") var username: String
        @Option(help: "The name shown in Redress and the audit trail.") var name: String
        @Option(help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: Role
        @Option(
            help:
                """
                Their id in the people pool (Investigating Officers, Independent Persons, panel members, \
                responding managers).
                """
        ) var person: String?
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false

        func run() async throws {
            let (secret, generated) = try password(fromStandardInput: passwordStdin)
            let (username, name, role, person) = (self.username, self.name, self.role, self.person)
            let user = try await storage.withDatabase { database in
                if let person, try await PeopleStore(database: database).load()[person] == nil {
                    throw Failure(
                        description:
                            "There is no one with id \(person) in the people pool; see the People and pools page.")
                }
                do {
                    let user = try await UserStore(database: database).add(
                        username: username, displayName: name, role: role, personID: person, password: secret,
                        hasher: .standard, mustChangePassword: generated)
                    try await AuditLog(database: database).append(
                        AuditEntry(
                            userID: nil, username: operatorName(), action: .userAdded,
                            detail: "\(user.username) as \(role.rawValue)"))
                    return user
                } catch let error as UserError { throw Failure(description: error.message) }
            }
            print("Added \(user.username) (\(role.displayName)).")
            if generated {
                print(
                    """
                    Password: \(secret)\nGive it to them in person or by a separate channel; it works once, to \
                    choose their own.
                    """
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List users.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let users = try await storage.withDatabase { try await UserStore(database: $0).all() }
            for u in users {
                print(
                    [u.username, u.role.rawValue, u.displayName, u.isDisabled ? "disabled" : "active"].joined(
                        separator: "\t"))
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "disable", abstract: "Disable a user and end their sessions.")
        @OptionGroup var storage: StorageOptions
        @Argument var username: String
        func run() async throws { try await UserCommand.setDisabled(true, username, storage) }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enable", abstract: "Re-enable a disabled user.")
        @OptionGroup var storage: StorageOptions
        @Argument var username: String
        func run() async throws { try await UserCommand.setDisabled(false, username, storage) }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Set a new password, clear any lockout and end every session.")
        @OptionGroup var storage: StorageOptions
        @Argument var username: String
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false

        func run() async throws {
            let (secret, generated) = try password(fromStandardInput: passwordStdin)
            let username = self.username
            try await storage.withDatabase { database in
                let store = UserStore(database: database)
                guard let user = try await store.user(username: username) else {
                    throw Failure(description: "There is no user called \(username).")
                }
                do {
                    try await store.setPassword(
                        secret, userID: user.id, hasher: .standard, mustChangePassword: generated)
                } catch let error as UserError { throw Failure(description: error.message) }
                try await AuditLog(database: database).append(
                    AuditEntry(
                        userID: nil, username: operatorName(), action: .userChanged,
                        detail: "\(user.username) (\(user.role.displayName)): reset-password"))
            }
            print("Password reset for \(username).")
            if generated { print("Password: \(secret)") }
        }
    }

    static func setDisabled(_ disabled: Bool, _ username: String, _ storage: StorageOptions) async throws {
        try await storage.withDatabase { database in
            let store = UserStore(database: database)
            guard let user = try await store.user(username: username) else {
                throw Failure(description: "There is no user called \(username).")
            }
            try await store.setDisabled(disabled, userID: user.id)
            try await AuditLog(database: database).append(
                AuditEntry(
                    userID: nil, username: operatorName(), action: .userChanged,
                    detail: "\(user.username): \(disabled ? "disable" : "enable")"))
        }
        print("\(username) \(disabled ? "disabled" : "enabled").")
    }
}

struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "The retention schedule: show or set it, list what is due, purge it.",
        subcommands: [Schedule.self, Report.self, Purge.self])

    struct Schedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schedule",
            abstract: "Print the schedule as JSON, or replace it with --set FILE.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "A JSON schedule like the one printed.") var set: String?

        func run() async throws {
            let replacement = try set.map {
                try readSetting(RetentionSchedule.self, from: $0, called: "a retention schedule")
            }
            if let problems = replacement?.problems, !problems.isEmpty {
                throw Failure(description: problems.joined(separator: "\n"))
            }
            let shown = try await storage.withDatabase { database in
                let settings = SettingsStore(database: database)
                if let replacement { try await settings.save(SettingsStore.retentionScheduleKey, replacement) }
                return try await settings.retentionSchedule()
            }
            try printJSON(shown)
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Dry run: list the closed cases whose personal data the schedule says must go today.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            let due = try await storage.withDatabase { database in
                let due = try await RetentionStore(database: database).review(today: LondonClock.today())
                try await AuditLog(database: database).append(
                    AuditEntry(
                        userID: nil, username: operatorName(), action: .retentionReviewed,
                        detail: "\(due.count) case(s) due"))
                return due
            }
            for d in due {
                print(
                    [d.reference, d.kind.rawValue, "closed \(d.closedOn.iso)", "keep until \(d.destroyAfter.iso)"]
                        .joined(separator: "\t"))
            }
            print("\(due.count) case\(due.count == 1 ? "" : "s") due for destruction.")
        }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge",
            abstract:
                "Remove the personal data from every case the schedule says must go, keeping anonymous statistics.")
        @OptionGroup var storage: StorageOptions
        @Flag(help: "Confirm: this cannot be undone.") var yes = false

        func run() async throws {
            guard yes else {
                throw Failure(
                    description: "Run `redress retention report` first; then purge with --yes. This cannot be undone.")
            }
            let purged = try await storage.withDatabase {
                try await RetentionStore(database: $0).purge(today: LondonClock.today(), by: operatorName())
            }
            print("Removed the personal data from \(purged.count) case\(purged.count == 1 ? "" : "s").")
        }
    }
}

struct SubjectAccessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subject-access", abstract: "Export everything held about a named person (UK GDPR subject access)."
    )
    @OptionGroup var storage: StorageOptions
    @Option(help: "The person's full name.") var name: String
    @Option(help: "html (a readable document) or json.") var format: String = "html"
    @Option(help: "File to write (it holds personal data: keep it safe).") var out: String

    func validate() throws {
        guard ["html", "json"].contains(format) else { throw ValidationError("--format must be html or json") }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--name must not be empty")
        }
    }

    func run() async throws {
        let (name, json, out) = (self.name, format == "json", self.out)
        let (text, count) = try await storage.withDatabase { database in
            let result = try await subjectAccessExport(
                name: name, json: json, database: database, generatedBy: operatorName(), today: LondonClock.today(),
                logger: Log.logger)
            try await AuditLog(database: database).append(
                AuditEntry(
                    userID: nil, username: operatorName(), action: .subjectAccessExport,
                    detail: "\(result.cases) case(s), \(json ? "JSON" : "HTML")"))
            return result
        }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: out)) } catch {
            throw Failure(description: "Cannot write \(out).")
        }
        print("Wrote \(count) case\(count == 1 ? "" : "s") to \(out).")
    }
}

/// Demo users, one per role, with new random passwords each time the demo starts (printed, never
/// logged). Appointment-scoped roles are linked to the pool member with the most appointments
/// of that kind, so their lists are not empty.
func resetDemoUsers(
    in database: Database, hasher: PasswordHasher
) async throws -> [(username: String, role: Role, password: String)] {
    let cases = try await RepresentationStore(database: database).all()
    func busiest(_ roles: [AppointmentRole]) -> String? {
        var counts: [String: Int] = [:]
        for r in cases {
            for s in r.stages {
                for a in s.appointments where roles.contains(a.role) { counts[a.personID, default: 0] += 1 }
            }
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }
    let demo: [(String, String, Role, String?)] = [
        ("manager", "Morgan Manager (demo)", .complaintsManager, nil),
        ("officer", "Olu Officer (demo)", .complaintsOfficer, nil),
        ("responder", "Rhian Responder (demo)", .respondingManager, busiest([.respondingManager, .adjudicator])),
        ("investigator", "Ivan Investigator (demo)", .investigatingOfficer, busiest([.investigatingOfficer])),
        ("independent", "Indira Independent (demo)", .independentPerson, busiest([.independentPerson])),
        ("panel", "Pat Panel (demo)", .panelMember, busiest([.panelChair, .panelMember])),
        ("reader", "Remi Reader (demo)", .reportReader, nil),
        ("admin", "Ada Admin (demo)", .administrator, nil),
    ]
    let store = UserStore(database: database)
    var credentials: [(String, Role, String)] = []
    for (username, name, role, person) in demo {
        let secret = String(Tokens.random().prefix(16))
        if let existing = try await store.user(username: username) {
            try await store.setPassword(secret, userID: existing.id, hasher: hasher)
        } else {
            _ = try await store.add(
                username: username, displayName: name, role: role, personID: person, password: secret, hasher: hasher)
        }
        credentials.append((username, role, secret))
    }
    return credentials
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Make, list and revoke personal API tokens (a token acts as its user, with their role).",
        subcommands: [Create.self, List.self, Revoke.self])

    static func user(_ username: String, in database: Database) async throws -> User {
        guard let user = try await UserStore(database: database).user(username: username) else {
            throw Failure(description: "There is no user \(username); see `redress user list`.")
        }
        return user
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Make a token for a user. The token is printed once and not kept.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "The user the token acts as.") var user: String
        @Option(help: "What the token is for, e.g. \"CRM link\".") var name: String
        @Option(help: "Days until it expires (1–3650).") var days = APITokenStore.defaultLifetimeDays

        func run() async throws {
            let (username, name, days) = (user, self.name, self.days)
            let secret = try await storage.withDatabase { database in
                let user = try await TokenCommand.user(username, in: database)
                guard !user.mustChangePassword else {
                    throw Failure(
                        description:
                            """
                            \(user.username) still has a one-time password: a token acts for no one until they \
                            sign in and choose their own.
                            """
                    )
                }
                do {
                    let (token, secret) = try await APITokenStore(database: database).create(
                        userID: user.id, name: name, now: Int(Date().timeIntervalSince1970), lifetimeDays: days)
                    try await AuditLog(database: database).append(
                        AuditEntry(
                            userID: nil, username: operatorName(), action: .apiTokenCreated,
                            detail: "\(token.id) for \(user.username)"))
                    return secret
                } catch let error as UserError { throw Failure(description: error.message) }
            }
            print(secret)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List a user's tokens (never the tokens themselves).")
        @OptionGroup var storage: StorageOptions
        @Option(help: "Whose tokens.") var user: String

        func run() async throws {
            let username = user
            let tokens = try await storage.withDatabase { database in
                try await APITokenStore(database: database).tokens(
                    userID: try await TokenCommand.user(username, in: database).id)
            }
            let now = Int(Date().timeIntervalSince1970)
            func day(_ t: Int) -> String {
                String(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(t))).prefix(10))
            }
            for t in tokens {
                let state =
                    t.revokedAt != nil ? "revoked" : t.isLive(now: now) ? "live until \(day(t.expiresAt))" : "expired"
                print(
                    """
                    \(t.id)  \(t.name)  made \(day(t.createdAt))  \(state)  last used \
                    \(t.lastUsedAt.map(day) ?? "never")
                    """
                )
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a token at once.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "Whose token.") var user: String
        @Argument(help: "The token's id, from `redress token list`.") var id: String

        func run() async throws {
            let (username, id) = (user, self.id)
            try await storage.withDatabase { database in
                let user = try await TokenCommand.user(username, in: database)
                guard
                    try await APITokenStore(database: database).revoke(
                        id: id, userID: user.id, now: Int(Date().timeIntervalSince1970))
                else {
                    throw Failure(description: "\(username) has no live token \(id).")
                }
                try await AuditLog(database: database).append(
                    AuditEntry(
                        userID: nil, username: operatorName(), action: .apiTokenRevoked, detail: "\(id) of \(username)")
                )
            }
            print("Revoked.")
        }
    }
}
