//! The action's budget for a school year and its balance: expected and
//! actual charges and products, the CAF's share against its cap, and the
//! volunteers' time valued as contributions in kind.

use super::money::Cents;
use crate::findings::{Code, Finding, Measure, Subject, Unit};
use crate::model::vocabulary;
use serde::{Deserialize, Serialize};

/// What each CAF pays at most per group and school year (the national page
/// of the CLAS: 2 563 €).
pub const CAF_CAP_PER_GROUP: Cents = Cents(256_300);

vocabulary!(
    /// The charges of the *compte de résultat*.
    ChargeKind {
        Staff => "personnel",
        Premises => "locaux",
        Activities => "activites",
        Transport => "transport",
        Other => "autres_charges",
    }
);

vocabulary!(
    /// The products: who pays.
    ProductKind {
        Caf => "caf",
        Commune => "commune",
        Departement => "departement",
        CityContract => "contrat_de_ville",
        Families => "familles",
        Other => "autres_produits",
    }
);

vocabulary!(
    /// The budget's two columns: the forecast sent with the project, and
    /// what was spent and received, sent with the bilan.
    Column { Expected => "prevu", Actual => "realise" }
);

/// One line's amounts in both columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amounts {
    pub expected: Cents,
    pub actual: Cents,
}

impl Amounts {
    pub fn get(&self, column: Column) -> Cents {
        match column {
            Column::Expected => self.expected,
            Column::Actual => self.actual,
        }
    }

    fn add(self, o: Amounts) -> Amounts {
        Amounts {
            expected: self.expected + o.expected,
            actual: self.actual + o.actual,
        }
    }

    fn minus(self, o: Amounts) -> Amounts {
        Amounts {
            expected: self.expected - o.expected,
            actual: self.actual - o.actual,
        }
    }
}

/// A school year's budget, as the structure entered it. A line not entered
/// is zero.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    pub charges: Vec<(ChargeKind, Amounts)>,
    pub products: Vec<(ProductKind, Amounts)>,
    /// What an hour of a volunteer's time is worth, set by the structure.
    pub volunteer_rate: Cents,
}

impl Budget {
    pub fn charge(&self, kind: ChargeKind) -> Amounts {
        sum_of(&self.charges, kind)
    }

    pub fn product(&self, kind: ProductKind) -> Amounts {
        sum_of(&self.products, kind)
    }

    /// True when nothing was entered yet.
    pub fn is_empty(&self) -> bool {
        let zero = |a: &Amounts| *a == Amounts::default();
        self.charges.iter().all(|(_, a)| zero(a)) && self.products.iter().all(|(_, a)| zero(a))
    }
}

fn sum_of<K: PartialEq>(lines: &[(K, Amounts)], kind: K) -> Amounts {
    lines
        .iter()
        .filter(|(k, _)| *k == kind)
        .fold(Amounts::default(), |acc, (_, a)| acc.add(*a))
}

/// The budget's balance, as the bilan shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Balance {
    pub charges: Amounts,
    pub products: Amounts,
    /// Products minus charges: positive is a surplus.
    pub result: Amounts,
    pub caf: Amounts,
    /// The CAF's share at most: the cap per group times the groups.
    pub caf_cap: Cents,
    pub groups: u32,
    /// The volunteers' time in the sessions held, and its value at the
    /// structure's rate: *contributions volontaires en nature*, shown
    /// beside the budget (as both a charge and a product, so the result
    /// does not move).
    pub volunteer_minutes: u64,
    pub in_kind: Cents,
    /// `CAF_SHARE_OVER_CAP`, per column that asks the CAF for more.
    pub findings: Vec<Finding>,
}

/// The balance of `budget` for an action of `groups` groups whose
/// volunteers gave `volunteer_minutes` in the sessions held.
pub fn balance(budget: &Budget, groups: u32, volunteer_minutes: u64) -> Balance {
    let charges = budget
        .charges
        .iter()
        .fold(Amounts::default(), |acc, (_, a)| acc.add(*a));
    let products = budget
        .products
        .iter()
        .fold(Amounts::default(), |acc, (_, a)| acc.add(*a));
    let caf = budget.product(ProductKind::Caf);
    let caf_cap = CAF_CAP_PER_GROUP.times(groups);
    let findings = Column::ALL
        .iter()
        .filter(|c| caf.get(**c) > caf_cap)
        .map(|c| {
            Finding::new(
                Code::CafShareOverCap,
                vec![Subject::Budget(c.as_str().to_string())],
            )
            .measured(
                Measure::new(caf_cap.0, Unit::Cents),
                Measure::new(caf.get(*c).0, Unit::Cents),
            )
        })
        .collect();
    Balance {
        charges,
        products,
        result: products.minus(charges),
        caf,
        caf_cap,
        groups,
        volunteer_minutes,
        in_kind: Cents::for_minutes(budget.volunteer_rate, volunteer_minutes),
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(expected: i64, actual: i64) -> Amounts {
        Amounts {
            expected: Cents(expected),
            actual: Cents(actual),
        }
    }

    fn budget(caf_expected: i64, caf_actual: i64) -> Budget {
        Budget {
            charges: vec![
                (ChargeKind::Staff, amounts(800_000, 812_345)),
                (ChargeKind::Premises, amounts(120_000, 120_000)),
                (ChargeKind::Activities, amounts(30_050, 29_999)),
            ],
            products: vec![
                (ProductKind::Caf, amounts(caf_expected, caf_actual)),
                (ProductKind::Commune, amounts(400_000, 400_000)),
                (ProductKind::Families, amounts(0, 1)),
            ],
            volunteer_rate: Cents(1_250),
        }
    }

    #[test]
    fn totals_and_result_are_exact_to_the_cent() {
        let b = balance(&budget(512_600, 512_599), 2, 0);
        assert_eq!(b.charges, amounts(950_050, 962_344));
        assert_eq!(b.products, amounts(912_600, 912_600));
        // Floats would drift; cents do not.
        assert_eq!(b.result, amounts(-37_450, -49_744));
        assert!(b.findings.is_empty(), "{:?}", b.findings);
    }

    #[test]
    fn the_caf_share_is_capped_per_group() {
        // Two groups: 5 126 €. One cent more is over the cap.
        let b = balance(&budget(512_601, 512_600), 2, 0);
        assert_eq!(b.caf_cap, Cents(512_600));
        assert_eq!(b.findings.len(), 1);
        let f = &b.findings[0];
        assert_eq!(f.code, Code::CafShareOverCap);
        assert_eq!(f.about, vec![Subject::Budget("prevu".into())]);
        assert_eq!(f.threshold, Some(Measure::new(512_600, Unit::Cents)));
        assert_eq!(f.actual, Some(Measure::new(512_601, Unit::Cents)));
        assert!(!f.is_error());
        // No group: any CAF money is over the cap, in both columns.
        assert_eq!(balance(&budget(1, 1), 0, 0).findings.len(), 2);
    }

    #[test]
    fn volunteers_time_is_valued_at_the_structures_rate() {
        // 37 h 30 at 12,50 € an hour.
        let b = balance(&budget(0, 0), 1, 37 * 60 + 30);
        assert_eq!(b.in_kind, Cents(46_875));
        // In kind is beside the budget: the result does not include it.
        assert_eq!(b.result, balance(&budget(0, 0), 1, 0).result);
    }

    #[test]
    fn a_kind_entered_twice_is_summed_and_empty_is_empty() {
        let mut b = budget(0, 0);
        b.charges.push((ChargeKind::Staff, amounts(1, 1)));
        assert_eq!(b.charge(ChargeKind::Staff), amounts(800_001, 812_346));
        assert_eq!(b.charge(ChargeKind::Transport), Amounts::default());
        assert!(!b.is_empty());
        assert!(Budget::default().is_empty());
    }
}
