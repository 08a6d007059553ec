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
    ],
    targets: [
        .target(
            name: "WeaveCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/Library")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "WeaveWeb",
            dependencies: [
                "WeaveCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Resources/Templates"), .copy("Resources/Public")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "WeaveWebTests",
            dependencies: [
                "WeaveWeb",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
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
    ],
    swiftLanguageModes: [.v6]
)
