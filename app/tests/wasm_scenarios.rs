//! The scenario table run through the domain in the browser's WASM
//! (headless Chromium): the findings must equal the golden file that the
//! native run produced and checks. Run by `.ci/test` with
//! wasm-bindgen-test-runner. Also times the validation of a busy week.

#![cfg(target_arch = "wasm32")]

use app::domain::scenarios::{busy_week, run_all, validate_move, validate_week};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn wasm_findings_equal_the_native_golden_file() {
    let golden = include_str!("scenarios.golden.json");
    let now = serde_json::to_string_pretty(&run_all()).unwrap() + "\n";
    assert_eq!(golden, now);
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// The benchmark in WASM: a week of 300 sessions, 40 groups, 60
/// accompanists, 15 venues. Prints the median of 21 runs.
#[wasm_bindgen_test]
fn wasm_validation_benchmark() {
    let ctx = busy_week(300, 40, 60, 15);
    let mut one = Vec::new();
    let mut all = Vec::new();
    for _ in 0..21 {
        let t = now_ms();
        std::hint::black_box(validate_move(&ctx));
        one.push(now_ms() - t);
        let t = now_ms();
        std::hint::black_box(validate_week(&ctx));
        all.push(now_ms() - t);
    }
    one.sort_by(f64::total_cmp);
    all.sort_by(f64::total_cmp);
    console_log!(
        "BENCH wasm: one move {:.3} ms, whole week {:.3} ms (median of 21)",
        one[10],
        all[10]
    );
}
