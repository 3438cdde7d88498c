//! Data generators shared by the benchmarks.

/// A valid RPPS for `n` (a 10-digit body and its Luhn key), distinct for distinct `n` below
/// 10^9.
pub fn rpps_text(n: u64) -> String {
    let body = format!("1{:09}", n % 1_000_000_000);
    (0..10u32)
        .map(|k| format!("{body}{k}"))
        .find(|candidate| luhn_ok(candidate))
        .unwrap_or(body)
}

fn luhn_ok(s: &str) -> bool {
    let sum: u32 = s
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let v = u32::from(b - b'0');
            if i % 2 == 1 {
                if v * 2 > 9 { v * 2 - 9 } else { v * 2 }
            } else {
                v
            }
        })
        .sum();
    sum % 10 == 0
}
