//! Gives libcpts.so its soname on ELF targets: `libcpts.so.0.1` while the version is 0.x
//! (under semver each 0.x minor may break the ABI), `libcpts.so.N` from 1.0. A program
//! linked against it records that name; scripts/install-c installs the file as
//! `libcpts.so.<version>` with the two usual symlinks.

use std::env;

fn main() {
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let elf = matches!(
        os.as_str(),
        "linux"
            | "android"
            | "freebsd"
            | "netbsd"
            | "openbsd"
            | "dragonfly"
            | "solaris"
            | "illumos"
    );
    if elf {
        let major = env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_default();
        let minor = env::var("CARGO_PKG_VERSION_MINOR").unwrap_or_default();
        let abi = if major == "0" {
            format!("0.{minor}")
        } else {
            major
        };
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libcpts.so.{abi}");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
