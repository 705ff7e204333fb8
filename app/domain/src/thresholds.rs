//! The thresholds the rules use: settings of each organisation, with the two
//! named presets of DOMAIN.md and custom values.

use serde::{Deserialize, Serialize};

/// Which set of thresholds an organisation uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// The CLAS guide (the default): 5 to 15 children, one adult per 5 to 7.
    Guide,
    /// The CAF national page: 8 to 12 children, two adults per group.
    CafNational,
    /// Values set by the coordinator.
    Custom,
}

impl Preset {
    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Guide => "guide",
            Preset::CafNational => "caf_national",
            Preset::Custom => "custom",
        }
    }
    pub fn parse(s: &str) -> Option<Preset> {
        [Preset::Guide, Preset::CafNational, Preset::Custom]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Thresholds {
    pub preset: Preset,
    /// GROUP_UNDER_MIN below this many enrolled children.
    pub group_min: u32,
    /// GROUP_OVER_MAX above this many.
    pub group_max: u32,
    /// RATIO_EXCEEDED when a session has more children per adult than this.
    pub max_children_per_adult: u32,
    /// RATIO_EXCEEDED when a session has fewer adults than this.
    pub min_adults_per_session: u32,
    /// WEEKLY_FREQUENCY_LOW when a school week has fewer sessions.
    pub sessions_per_week: u32,
    /// INVALID_SLOT outside these lengths, in minutes.
    pub min_session_minutes: u32,
    pub max_session_minutes: u32,
}

impl Thresholds {
    pub fn guide() -> Self {
        Self {
            preset: Preset::Guide,
            group_min: 5,
            group_max: 15,
            max_children_per_adult: 7,
            min_adults_per_session: 1,
            sessions_per_week: 2,
            min_session_minutes: 30,
            max_session_minutes: 240,
        }
    }

    pub fn caf_national() -> Self {
        Self {
            preset: Preset::CafNational,
            group_min: 8,
            group_max: 12,
            // Two adults for at most twelve children.
            max_children_per_adult: 6,
            min_adults_per_session: 2,
            ..Self::guide()
        }
    }

    pub fn for_preset(preset: Preset) -> Self {
        match preset {
            Preset::Guide | Preset::Custom => Self::guide(),
            Preset::CafNational => Self::caf_national(),
        }
    }

    /// Checks custom values make sense; returns the name of the first bad field.
    pub fn validate(&self) -> Result<(), &'static str> {
        if self.group_min == 0 || self.group_min > self.group_max {
            return Err("group_min");
        }
        if self.group_max > 60 {
            return Err("group_max");
        }
        if self.max_children_per_adult == 0 {
            return Err("max_children_per_adult");
        }
        if self.min_adults_per_session == 0 {
            return Err("min_adults_per_session");
        }
        if self.sessions_per_week == 0 || self.sessions_per_week > 7 {
            return Err("sessions_per_week");
        }
        if self.min_session_minutes == 0 || self.min_session_minutes > self.max_session_minutes {
            return Err("min_session_minutes");
        }
        if self.max_session_minutes > 24 * 60 {
            return Err("max_session_minutes");
        }
        Ok(())
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        Self::guide()
    }
}
