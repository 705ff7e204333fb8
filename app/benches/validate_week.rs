//! Benchmark: validating a week of 300 sessions (40 groups, 60 accompanists,
//! 15 venues) natively. `cargo bench -p app --bench validate_week`.
//! The same measure in WASM is `tests/wasm_scenarios.rs`.

use app::domain::scenarios::{busy_week, validate_move, validate_week};
use std::time::Instant;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let ctx = busy_week(300, 40, 60, 15);
    let (mut one, mut all) = (Vec::new(), Vec::new());
    for _ in 0..201 {
        let t = Instant::now();
        std::hint::black_box(validate_move(&ctx));
        one.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        std::hint::black_box(validate_week(&ctx));
        all.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "BENCH native: one move {:.3} ms, whole week {:.3} ms (median of 201; {} findings in the week)",
        median(one),
        median(all),
        validate_week(&ctx)
    );
}
