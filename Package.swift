// swift-tools-version: 6.2
import PackageDescription

/// Settings every target shares: Swift 6 language mode is the package default;
/// these make the compiler stricter still.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Weave",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "weave", targets: ["weave"]),
        .library(name: "WeaveCore", targets: ["WeaveCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/fluent-kit", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.14.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        // Already in the graph through postgres-nio; named here for the SMTP client's TLS.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Already in the graph through swift-nio-extras; tests make a self-signed certificate with it.
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
    ],
    targets: [
        .target(
            name: "WeaveCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/Library")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WeaveStore",
            dependencies: [
                "WeaveCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WeaveStoreTests",
            dependencies: ["WeaveStore"],
            // Golden files, read from the source tree (see StoredEventFormatTests).
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WeaveWeb",
            dependencies: [
                "WeaveCore",
                "WeaveStore",
                "WeaveAnalysis",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("Resources/Templates"), .copy("Resources/Public"), .copy("Resources/Passwords")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WeaveWebTests",
            dependencies: [
                "WeaveWeb",
                "WeaveStore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "weave",
            dependencies: [
                "WeaveCore",
                "WeaveAnalysis",
                "WeaveWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WeaveCoreTests",
            dependencies: ["WeaveCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "weaveTests",
            dependencies: ["weave", "WeaveCore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WeaveAnalysis",
            dependencies: ["WeaveCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WeaveAnalysisTests",
            dependencies: ["WeaveAnalysis"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        // Not shipped: the load generator of Benchmarks/workspace (see docs/benchmarks.md).
        .executableTarget(
            name: "weave-workspace-bench",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/workspace",
            swiftSettings: strictSettings
        ),
        // Not shipped: the scale-out run of Benchmarks/scale (two servers, PostgreSQL, nginx; docs/benchmarks.md).
        .executableTarget(
            name: "weave-scale-bench",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/scale",
            exclude: ["run.sh"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
