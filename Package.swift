// swift-tools-version:6.2
import PackageDescription

/// Redress: complaints, compliments and redress for English councils' social care services.
///
/// Dependencies point one way: `redress` (CLI) → `RedressWeb` → `RedressNotifications` →
/// `RedressStorage` → `RedressCore`.
/// `RedressCore` is pure (Foundation only, no I/O) so most tests run without a database.
let package = Package(
    name: "Redress",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "redress", targets: ["redress"]),
        .library(name: "RedressCore", targets: ["RedressCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // Already built for postgres-nio's SCRAM; used for scrypt password hashes and SHA-256.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        // Already in the graph through Hummingbird; named for the reminder and outbox services.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        // Already in the graph through Hummingbird and postgres-nio; named for the SMTP sender.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
    ],
    targets: [
        .target(name: "RedressCore"),
        .target(name: "RedressDocuments", dependencies: ["RedressCore"]),
        // One call into sqlite-nio's SQLite that Swift cannot make (a C variable argument list).
        .target(name: "CRedressSQLite"),
        .target(
            name: "RedressStorage",
            dependencies: [
                "RedressCore",
                "CRedressSQLite",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "RedressNotifications",
            dependencies: [
                "RedressCore",
                "RedressStorage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "RedressWeb",
            dependencies: [
                "RedressCore",
                "RedressStorage",
                "RedressDocuments",
                "RedressNotifications",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "redress",
            dependencies: [
                "RedressCore",
                "RedressStorage",
                "RedressWeb",
                "RedressDocuments",
                "RedressNotifications",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RedressTestSupport",
            dependencies: [
                "RedressCore", "RedressStorage", .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            path: "Tests/RedressTestSupport"
        ),
        .target(name: "RedressFixtures", dependencies: ["RedressCore"], path: "Tests/RedressFixtures"),
        .testTarget(name: "RedressCoreTests", dependencies: ["RedressCore", "RedressFixtures"]),
        .testTarget(
            name: "RedressDocumentsTests", dependencies: ["RedressDocuments", "RedressCore", "RedressTestSupport"]),
        .testTarget(
            name: "RedressCLITests",
            dependencies: ["redress", "RedressStorage", "RedressDocuments", "RedressFixtures", "RedressTestSupport"]),
        .testTarget(
            name: "RedressNotificationsTests",
            dependencies: [
                "RedressNotifications", "RedressStorage", "RedressTestSupport",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "RedressStorageTests",
            dependencies: [
                "RedressStorage", "RedressNotifications", "RedressTestSupport", "RedressFixtures",
                .product(name: "SQLiteKit", package: "sqlite-kit"), .product(name: "NIOCore", package: "swift-nio"),
            ]),
        .testTarget(
            name: "RedressWebTests",
            dependencies: [
                "RedressWeb",
                "RedressTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
    ]
)
