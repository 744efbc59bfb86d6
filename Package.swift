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
                "DSRKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
                "DSRKit", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "DSRCommandsTests",
            dependencies: ["DSRCommands", "DSRKit"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["dsr", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
