import ArgumentParser
import Foundation
import RedressCore
import RedressStorage
import SQLKit

/// `redress backup` and `redress restore`: everything Redress holds, as one file either engine
/// restores (`BackupStore`), or for SQLite a copy of the database file itself.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract:
            """
            Write a consistent copy of everything Redress holds while it runs: cases, users, audit trail, people, \
            submissions, letters, templates, report inputs and settings.
            """,
        discussion: """
            --format redress (the default) writes a sealed JSON Lines file that `redress restore` \
            reads into an empty store on either engine. --format sqlite (SQLite only) writes a copy \
            of the database file with VACUUM INTO and checks its integrity. For PostgreSQL, \
            pg_dump and pg_restore also work (README, "Backup and restore").
            """)
    @OptionGroup var storage: StorageOptions
    @Option(help: "The file to write (it must not exist).") var out: String
    @Option(help: "redress (any engine) or sqlite (a database file; SQLite only).") var format = "redress"

    func run() async throws {
        let (path, format) = (out, self.format)
        guard ["redress", "sqlite"].contains(format) else {
            throw Failure(description: "--format must be redress or sqlite.")
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw Failure(description: "\(path) already exists; choose a new file.")
        }
        let rows = try await storage.withDatabase { database -> Int in
            if format == "sqlite" {
                guard database.engine == .sqlite else {
                    throw Failure(
                        description: "--format sqlite backs up SQLite databases; use --format redress or pg_dump.")
                }
                return try await SQLiteFileBackup.copy(database, to: path)
            }
            guard FileManager.default.createFile(atPath: path, contents: nil),
                let handle = FileHandle(forWritingAtPath: path)
            else {
                throw Failure(description: "Cannot write \(path).")
            }
            defer { try? handle.close() }
            let rows = try await BackupStore(database: database).backup { line in handle.write(Data(line.utf8)) }
            try handle.synchronize()
            try await AuditLog(database: database).append(
                AuditEntry(userID: nil, username: operatorName(), action: .backupMade, detail: "\(rows) rows"))
            return rows
        }
        print(
            format == "sqlite"
                ? "Backed up the database to \(path); integrity check passed." : "Backed up \(rows) rows to \(path).")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract:
            """
            Restore a `redress backup` file into an empty store (a new database). The whole file is checked \
            first; on any problem nothing is restored.
            """
    )
    @OptionGroup var storage: StorageOptions
    @Argument(help: "The backup file.") var file: String
    @Flag(help: "Check the file and report, without restoring.") var dryRun = false

    func run() async throws {
        let bytes = [UInt8](try readFile(file))
        let (dryRun, file) = (self.dryRun, self.file)
        let rows = try await storage.withDatabase { database -> Int in
            do {
                if dryRun { return try await BackupStore(database: database).check(bytes) }
                let rows = try await BackupStore(database: database).restore(bytes)
                try await AuditLog(database: database).append(
                    AuditEntry(
                        userID: nil, username: operatorName(), action: .backupRestored,
                        detail: "\(rows) rows from \(URL(fileURLWithPath: file).lastPathComponent)"))
                return rows
            } catch let error as BackupError {
                throw Failure(description: error.description)
            }
        }
        print(
            dryRun
                ? "\(file) is a complete backup of \(rows) rows, ready to restore."
                : "Restored \(rows) rows from \(file).")
    }
}
