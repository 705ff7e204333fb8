//! Amounts of money, exact to the cent: a budget is added, compared with the
//! CAF's cap and printed without a float anywhere.

use serde::{Deserialize, Serialize};
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

/// An amount in euro cents (1 234,56 € is `Cents(123_456)`). Signed: a
/// balance may be negative.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Cents(pub i64);

/// The largest amount a budget line takes: ten million euros, far above any
/// CLAS budget, and far below what an `i64` sum of every line could reach.
pub const MAX_LINE: Cents = Cents(1_000_000_000);

impl Cents {
    pub const ZERO: Cents = Cents(0);

    pub fn euros(euros: i64) -> Cents {
        Cents(euros * 100)
    }

    /// `self` times a whole number (the cap per group times the groups).
    pub fn times(self, n: u32) -> Cents {
        Cents(self.0 * n as i64)
    }

    /// Time valued at an hourly rate: `minutes × rate / 60`, rounded to the
    /// nearest cent (half a cent up).
    pub fn for_minutes(rate_per_hour: Cents, minutes: u64) -> Cents {
        let product = rate_per_hour.0 as i128 * minutes as i128;
        Cents(((product * 2 + 60) / 120) as i64)
    }

    /// The whole euros and the cents, for printing: (-12, 5) for -12,05 €.
    pub fn parts(self) -> (bool, u64, u8) {
        let abs = self.0.unsigned_abs();
        (self.0 < 0, abs / 100, (abs % 100) as u8)
    }
}

impl Add for Cents {
    type Output = Cents;
    fn add(self, o: Cents) -> Cents {
        Cents(self.0 + o.0)
    }
}

impl AddAssign for Cents {
    fn add_assign(&mut self, o: Cents) {
        self.0 += o.0;
    }
}

impl Sub for Cents {
    type Output = Cents;
    fn sub(self, o: Cents) -> Cents {
        Cents(self.0 - o.0)
    }
}

impl Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        iter.fold(Cents::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_is_valued_to_the_nearest_cent() {
        // 90 minutes at 12,34 € an hour: 18,51 €.
        assert_eq!(Cents::for_minutes(Cents(1234), 90), Cents(1851));
        // 1 minute at 0,30 €/h is half a cent: rounded up.
        assert_eq!(Cents::for_minutes(Cents(30), 1), Cents(1));
        // 1 minute at 0,29 €/h is under half a cent.
        assert_eq!(Cents::for_minutes(Cents(29), 1), Cents(0));
        // A national-scale year does not overflow.
        assert_eq!(
            Cents::for_minutes(Cents(10_000_000), 60_000_000),
            Cents(10_000_000_000_000)
        );
    }

    #[test]
    fn parts_print_negative_amounts() {
        assert_eq!(Cents(-1205).parts(), (true, 12, 5));
        assert_eq!(Cents(256_300).parts(), (false, 2563, 0));
        assert_eq!(
            [Cents(1), Cents(2), Cents(-3)].into_iter().sum::<Cents>(),
            Cents::ZERO
        );
    }
}
