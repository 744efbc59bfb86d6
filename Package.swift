// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "dsr",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dsr", targets: ["dsr"]),
        .library(name: "DSRKit", targets: ["DSRKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        // PostgreSQL as the operations database (issue 14): the maintained client, async over
        // SwiftNIO; bridged to dsr's synchronous engine inside Operations/PostgreSQL only.
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // Only for the no-op log handler: postgres-nio logs through swift-log, and nothing of
        // it may reach a kept log (queries can name values).
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        .executableTarget(
            name: "dsr",
            dependencies: ["DSRCommands"]
        ),
        // The in-process locate benchmark (bench/locate.sh); not installed.
        .executableTarget(
            name: "dsr-bench",
            dependencies: ["DSRKit"]
        ),
        .target(
            name: "DSRCommands",
            dependencies: [
                "DSRKit", "DSRDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The demo generator: linked by the executable, never by DSRKit.
        .target(
            name: "DSRDemo",
            dependencies: [
                "DSRKit",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "DSRKit",
            dependencies: [
                "CArchive",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .systemLibrary(
            name: "CArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]
        ),
        .testTarget(
            name: "DSRKitTests",
            dependencies: [
                "DSRKit", "DSRDemo", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Templates/Golden"]  // read through #filePath by the golden tests
        ),
        .testTarget(
            name: "DSRDemoTests",
            dependencies: ["DSRDemo", "DSRKit", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "DSRCommandsTests",
            dependencies: ["DSRCommands", "DSRKit"]
        ),
        .testTarget(
            name: "EndToEndTests",
            // DSRKit: the restore check has no command yet; its tests call it in-process
            // after the real binary erased.
            dependencies: ["dsr", "DSRKit", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
