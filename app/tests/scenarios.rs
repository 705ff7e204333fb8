//! The scenario table natively: every case gives the codes it expects, every
//! rule code is covered, and the findings equal the golden file that
//! `wasm_scenarios.rs` checks in the browser.

#![cfg(not(target_arch = "wasm32"))]

use app::domain::scenarios::{run, run_all, scenarios};
use app::domain::Code;

#[test]
fn every_scenario_gives_its_codes() {
    let all = scenarios();
    assert!(all.len() >= 30, "{} scenarios", all.len());
    for s in &all {
        let got: Vec<Code> = run(&s.case).iter().map(|f| f.code).collect();
        assert_eq!(got, s.expected, "scenario « {} »", s.name);
    }
    for code in Code::ALL {
        assert!(
            all.iter().any(|s| s.expected.contains(&code)),
            "no scenario for {}",
            code.as_str()
        );
    }
}

#[test]
fn findings_equal_the_golden_file() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios.golden.json");
    let now = serde_json::to_string_pretty(&run_all()).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &now).unwrap();
    }
    let golden = std::fs::read_to_string(&path).expect("the golden file is committed");
    assert_eq!(
        golden, now,
        "findings changed: review them, then run with UPDATE_GOLDEN=1"
    );
}
