//! The calendar's state and the changes it sends: what is dragged, the
//! sessions shown, the rules' context, the last change (to undo it), and the
//! calls to the planning's server functions with what to do with their
//! answers. Every change is checked here first by the domain's rules (the
//! server checks it again).

use crate::domain::calendar::Slot;
use crate::domain::check::{check_session, PlanningContext};
use crate::domain::findings::has_errors;
use crate::domain::ids::*;
use crate::domain::model::{PlannedSession, SessionPlan, SessionStatus};
use crate::domain::Finding;
use crate::error::AppError;
use crate::format;
use crate::i18n::{error_message, finding_message, Locale};
use crate::planning::api::{
    create_session, load_week, move_session, publish_week, restore_session, set_accompanist,
    set_plan,
};
use crate::planning::geometry::{self, GridBox, GridSlot};
use crate::planning::series::{cancel_session, copy_week, delete_draft, move_following, undo_copy};
use crate::planning::types::{
    CheckedSession, CopyReport, GroupLine, SeriesChange, SessionLine, Skipped,
};
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The length of a session created by dragging a group: 1 h 30.
pub const NEW_SESSION_MINUTES: u32 = 90;

/// What is being dragged.
#[derive(Clone, Debug, PartialEq)]
pub enum Drag {
    /// A session block, grabbed `grab` minutes below its top.
    Move {
        session: SessionId,
        grab: u32,
        length: u32,
        target: Option<GridSlot>,
    },
    /// A session's bottom edge.
    Resize {
        session: SessionId,
        start: u32,
        end: u32,
    },
    /// An accompanist from the side list, over a session or not.
    Staff {
        accompanist: AccompanistId,
        over: Option<SessionId>,
        x: i32,
        y: i32,
    },
    /// A group from the side list, to create a session where it is dropped.
    Create {
        group: GroupId,
        target: Option<GridSlot>,
        x: i32,
        y: i32,
    },
}

/// The last change, and how to take it back.
#[derive(Clone, Debug, PartialEq)]
pub enum Undo {
    Move {
        session: SessionId,
        slot: Slot,
        venue: VenueId,
    },
    Staff {
        session: SessionId,
        accompanist: AccompanistId,
        assigned: bool,
    },
    Create {
        session: SessionId,
    },
    Cancel {
        session: SessionId,
    },
    Plan {
        session: SessionId,
        plan: SessionPlan,
    },
    Copy {
        batch: String,
    },
}

/// Which dialog is open for a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// Day, times, venue and accompanists ("Déplacer…").
    Move,
    /// Plan, publication, cancellation ("Séance…").
    Session,
}

/// A move dropped on a session of a series: waits for "cette séance" or
/// "celle-ci et les suivantes".
#[derive(Clone, Debug, PartialEq)]
pub struct PendingMove {
    pub session: SessionId,
    pub slot: Slot,
    pub venue: VenueId,
}

/// A session about to be created without dragging (the dialog).
#[derive(Clone, Debug, PartialEq)]
pub struct NewSession {
    pub group: GroupId,
    pub slot: Slot,
}

/// What a change touching several sessions did, shown until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub title: String,
    pub skipped: Vec<Skipped>,
}

/// Which sessions the calendar shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub venue: Option<VenueId>,
    pub group: Option<GroupId>,
}

impl Filter {
    pub fn shows(&self, line: &SessionLine) -> bool {
        self.venue.as_ref().is_none_or(|v| v == &line.venue)
            && self.group.as_ref().is_none_or(|g| g == &line.group)
    }
}

/// The calendar's state, shared by its parts.
#[derive(Clone, Copy)]
pub struct Planner {
    pub monday: NaiveDate,
    pub lines: RwSignal<Vec<SessionLine>>,
    pub context: RwSignal<PlanningContext>,
    pub drag: RwSignal<Option<Drag>>,
    pub message: RwSignal<Option<(bool, String)>>,
    pub undo: RwSignal<Option<Undo>>,
    pub dialog: RwSignal<Option<(SessionId, Panel)>>,
    pub creating: RwSignal<Option<NewSession>>,
    pub pending: RwSignal<Option<PendingMove>>,
    pub report: RwSignal<Option<Report>>,
    pub grid: NodeRef<leptos::html::Div>,
    pub staff: StoredValue<Vec<(AccompanistId, String)>>,
    pub groups: StoredValue<Vec<GroupLine>>,
    pub venues: StoredValue<Vec<(VenueId, String)>>,
    pub filter: StoredValue<Filter>,
    /// The sessions shown, by day and time.
    pub visible: Memo<Vec<SessionLine>>,
    /// Each block's lane and the lanes of its day's cluster.
    pub lanes: Memo<std::collections::HashMap<SessionId, (u32, u32)>>,
}

impl Planner {
    pub fn planned(&self, id: &SessionId) -> Option<PlannedSession> {
        self.context
            .with(|c| c.sessions.iter().find(|s| &s.id == id).cloned())
    }

    pub fn line(&self, id: &SessionId) -> Option<SessionLine> {
        self.lines
            .with_untracked(|l| l.iter().find(|s| &s.id == id).cloned())
    }

    pub fn group(&self, id: &GroupId) -> Option<GroupLine> {
        self.groups
            .with_value(|g| g.iter().find(|g| &g.id == id).cloned())
    }

    /// Where a new session of the group goes by default: its usual venue,
    /// else the first one.
    pub fn default_venue(&self, group: &GroupLine) -> Option<VenueId> {
        group.default_venue.clone().or_else(|| {
            self.venues
                .with_value(|v| v.first().map(|(id, _)| id.clone()))
        })
    }

    /// The findings of a session as it would be after `change`.
    pub fn findings_if(
        &self,
        id: &SessionId,
        change: impl FnOnce(&mut PlannedSession),
    ) -> Vec<Finding> {
        let Some(mut candidate) = self.planned(id) else {
            return Vec::new();
        };
        change(&mut candidate);
        self.context.with(|c| check_session(&candidate, c))
    }

    /// A session of the group that does not exist yet, as the rules see it.
    pub fn new_candidate(&self, group: &GroupLine, slot: Slot, venue: VenueId) -> PlannedSession {
        PlannedSession {
            id: SessionId("nouvelle-seance".into()),
            group: group.id.clone(),
            venue,
            slot,
            accompanists: group.accompanists.clone(),
            children: group.members.clone(),
            status: SessionStatus::Draft,
        }
    }

    /// The findings of a new session of `group` at `slot`.
    pub fn findings_new(
        &self,
        group: &GroupId,
        slot: Slot,
        venue: Option<VenueId>,
    ) -> Vec<Finding> {
        let Some(line) = self.group(group) else {
            return Vec::new();
        };
        let Some(venue) = venue.or_else(|| self.default_venue(&line)) else {
            return Vec::new();
        };
        let candidate = self.new_candidate(&line, slot, venue);
        self.context.with(|c| check_session(&candidate, c))
    }

    pub fn grid_box(&self) -> Option<GridBox> {
        let rect = self.grid.get_untracked()?.get_bounding_client_rect();
        Some(GridBox {
            left: rect.left(),
            top: rect.top(),
            width: rect.width(),
            height: rect.height(),
        })
    }

    pub fn slot_at(&self, target: GridSlot, length: u32) -> Slot {
        let date = self.monday + Duration::days(target.day as i64);
        Slot::new(
            date,
            geometry::time_of(target.minute),
            geometry::time_of(target.minute + length),
        )
    }

    pub fn say(&self, ok: bool, text: String) {
        self.message.set(Some((ok, text)));
    }

    /// Sends a change to the server: the message says it is on its way
    /// until the answer replaces it (on a slow network the coordinator sees
    /// that something is happening, and never an earlier « Enregistré »).
    fn send(&self, change: impl std::future::Future<Output = ()> + 'static) {
        self.say(true, "Enregistrement…".to_string());
        spawn_local(change);
    }

    /// Records the server's answer: the line, and the rules' view of it.
    fn apply(&self, checked: CheckedSession) {
        let line = checked.session;
        let in_week = line.date >= self.monday && line.date < self.monday + Duration::days(7);
        self.lines.update(|lines| {
            lines.retain(|l| l.id != line.id);
            if in_week {
                lines.push(line.clone());
                lines.sort_by(|a, b| {
                    (a.date, a.start, &a.group_name).cmp(&(b.date, b.start, &b.group_name))
                });
            }
        });
        let children = self
            .group(&line.group)
            .map(|g| g.members)
            .unwrap_or_default();
        self.context.update(|c| {
            let planned = PlannedSession {
                id: line.id.clone(),
                group: line.group.clone(),
                venue: line.venue.clone(),
                slot: Slot::new(line.date, line.start, line.end),
                accompanists: line.accompanists.iter().map(|(id, _)| id.clone()).collect(),
                children,
                status: line.status,
            };
            match c.sessions.iter_mut().find(|s| s.id == line.id) {
                Some(s) => *s = planned,
                None => c.sessions.push(planned),
            }
        });
    }

    /// Forgets a deleted session.
    fn remove(&self, id: &SessionId) {
        self.lines.update(|l| l.retain(|s| &s.id != id));
        self.context.update(|c| c.sessions.retain(|s| &s.id != id));
    }

    /// Moves a session to `slot` after a drop: refused here when the rules
    /// find an error; for a session of a series, asks how far the move goes.
    pub fn try_move(&self, session: SessionId, slot: Slot) {
        let Some(current) = self.planned(&session) else {
            return;
        };
        if current.slot == slot {
            return;
        }
        let findings = self.findings_if(&session, |s| s.slot = slot);
        if has_errors(&findings) {
            self.say(false, refusal("Déplacement refusé", &findings));
            return;
        }
        let in_series = self.line(&session).is_some_and(|l| l.series.is_some());
        if in_series {
            self.pending.set(Some(PendingMove {
                session,
                slot,
                venue: current.venue,
            }));
        } else {
            self.save_move(session, slot, current.venue, true);
        }
    }

    /// Asks the server to move a session; `remember` keeps where it was, to undo.
    pub fn save_move(&self, id: SessionId, slot: Slot, venue: VenueId, remember: bool) {
        let this = *self;
        let Some(line) = self.line(&id) else { return };
        let before = Undo::Move {
            session: id.clone(),
            slot: Slot::new(line.date, line.start, line.end),
            venue: line.venue.clone(),
        };
        this.send(async move {
            let answer = move_session(id, line.version, slot, venue).await;
            this.after_save(answer, remember.then_some(before));
        });
    }

    /// Moves a session and the following ones of its series.
    pub fn save_move_following(&self, id: SessionId, slot: Slot, venue: VenueId) {
        let this = *self;
        let Some(line) = self.line(&id) else { return };
        this.send(async move {
            let answer = move_following(id, line.version, slot, venue).await;
            this.after_series(answer, "déplacée");
        });
    }

    pub fn save_staff(&self, id: SessionId, accompanist: AccompanistId, assigned: bool) {
        let this = *self;
        let Some(version) = self.line(&id).map(|s| s.version) else {
            return;
        };
        let undo = Undo::Staff {
            session: id.clone(),
            accompanist: accompanist.clone(),
            assigned: !assigned,
        };
        this.send(async move {
            let answer = set_accompanist(id, version, accompanist, assigned).await;
            this.after_save(answer, Some(undo));
        });
    }

    pub fn save_plan(&self, id: SessionId, plan: SessionPlan, remember: bool) {
        let this = *self;
        let Some(line) = self.line(&id) else { return };
        let undo = Undo::Plan {
            session: id.clone(),
            plan: line.plan.clone(),
        };
        this.send(async move {
            let codes: Vec<&str> = plan.activities.iter().map(|a| a.as_str()).collect();
            let answer = set_plan(
                id,
                line.version,
                codes.join(","),
                plan.parents_welcome,
                plan.shared_with_parents,
            )
            .await;
            this.after_save(answer, remember.then_some(undo));
        });
    }

    /// Creates a draft of `group` at `slot`, refused here when the rules
    /// find an error.
    pub fn create(&self, group: GroupId, slot: Slot, venue: Option<VenueId>) {
        let Some(line) = self.group(&group) else {
            return;
        };
        let Some(venue) = venue.or_else(|| self.default_venue(&line)) else {
            return;
        };
        let findings = self.findings_new(&group, slot, Some(venue.clone()));
        if has_errors(&findings) {
            self.say(false, refusal("Création refusée", &findings));
            return;
        }
        let this = *self;
        this.send(async move {
            let answer = create_session(group, slot, venue).await;
            let undo = answer.as_ref().ok().map(|c| Undo::Create {
                session: c.session.id.clone(),
            });
            this.after_save(answer, undo);
        });
    }

    pub fn cancel(&self, id: SessionId, reason: String, following: bool) {
        let this = *self;
        let Some(line) = self.line(&id) else { return };
        this.send(async move {
            let answer = cancel_session(id.clone(), line.version, reason, following).await;
            if following {
                this.after_series(answer, "annulée");
            } else {
                let single = answer.and_then(|c| c.session.ok_or(AppError::Internal));
                this.after_save(single, Some(Undo::Cancel { session: id }));
            }
        });
    }

    pub fn restore(&self, id: SessionId) {
        let this = *self;
        let Some(line) = self.line(&id) else { return };
        this.send(async move {
            let answer = restore_session(id, line.version).await;
            this.after_save(answer, None);
        });
    }

    pub fn delete(&self, id: SessionId, following: bool) {
        let this = *self;
        let Some(line) = self.line(&id) else { return };
        this.send(async move {
            match delete_draft(id.clone(), line.version, following).await {
                Ok(change) => {
                    this.remove(&id);
                    this.undo.set(None);
                    let more = if change.following > 0 {
                        format!(" Et {} brouillons suivants.", change.following)
                    } else {
                        String::new()
                    };
                    this.say(
                        true,
                        format!(
                            "Brouillon supprimé : {}, {}.{more}",
                            line.group_name,
                            format::day_month(line.date)
                        ),
                    );
                    if change.following > 0 {
                        this.reload();
                    }
                }
                Err(error) => this.failed(error),
            }
        });
    }

    /// Publishes the week's drafts.
    pub fn publish(&self) {
        let this = *self;
        this.send(async move {
            match publish_week(this.monday).await {
                Ok(n) => {
                    this.say(true, format!("{n} séance(s) publiée(s) : les familles et les accompagnateurs les voient."));
                    this.undo.set(None);
                    this.reload();
                }
                Err(error) => this.failed(error),
            }
        });
    }

    /// Copies the week up to `until` (empty: the end of the school year).
    pub fn copy(&self, until: String) {
        let this = *self;
        this.send(async move {
            match copy_week(this.monday.to_string(), until).await {
                Ok(report) => this.after_copy(report),
                Err(error) => this.failed(error),
            }
        });
    }

    fn after_copy(&self, report: CopyReport) {
        let mut title = format!(
            "Semaine copiée jusqu'au {} : {} séance(s) créée(s).",
            format::full_date(report.until),
            report.created
        );
        if report.already_planned > 0 {
            title.push_str(&format!(
                " {} déjà planifiée(s), laissée(s) telles quelles.",
                report.already_planned
            ));
        }
        if !report.skipped.is_empty() {
            title.push_str(&format!(" {} non copiée(s) :", report.skipped.len()));
        }
        self.say(true, title.clone());
        self.report.set(Some(Report {
            title,
            skipped: report.skipped,
        }));
        self.undo.set((report.created > 0).then_some(Undo::Copy {
            batch: report.batch,
        }));
    }

    /// Takes back the last change.
    pub fn undo_last(&self) {
        let Some(undo) = self.undo.get_untracked() else {
            return;
        };
        self.undo.set(None);
        let this = *self;
        match undo {
            Undo::Move {
                session,
                slot,
                venue,
            } => self.save_move(session, slot, venue, false),
            Undo::Staff {
                session,
                accompanist,
                assigned,
            } => {
                let Some(version) = self.line(&session).map(|s| s.version) else {
                    return;
                };
                this.send(async move {
                    let answer = set_accompanist(session, version, accompanist, assigned).await;
                    this.after_save(answer, None);
                });
            }
            Undo::Create { session } => self.delete(session, false),
            Undo::Cancel { session } => self.restore(session),
            Undo::Plan { session, plan } => self.save_plan(session, plan, false),
            Undo::Copy { batch } => this.send(async move {
                match undo_copy(batch).await {
                    Ok(n) => {
                        this.say(true, format!("Copie annulée : {n} séance(s) retirée(s)."));
                        this.report.set(None);
                        this.reload();
                    }
                    Err(error) => this.failed(error),
                }
            }),
        }
    }

    fn after_save(&self, answer: Result<CheckedSession, AppError>, undo: Option<Undo>) {
        match answer {
            Ok(checked) => {
                let label = format!(
                    "{} : {}, {}.",
                    checked.session.group_name,
                    format::day_month(checked.session.date),
                    format::time_range(checked.session.start, checked.session.end)
                );
                self.apply(checked);
                if undo.is_some() {
                    self.undo.set(undo);
                }
                self.say(true, format!("Enregistré. {label}"));
            }
            Err(error) => self.failed(error),
        }
    }

    fn after_series(&self, answer: Result<SeriesChange, AppError>, done: &str) {
        match answer {
            Ok(change) => {
                let mut title = format!(
                    "Enregistré : cette séance et {} séance(s) suivante(s) {done}s.",
                    change.following
                );
                if !change.skipped.is_empty() {
                    title.push_str(&format!(
                        " {} laissée(s) à sa place :",
                        change.skipped.len()
                    ));
                }
                self.say(true, title.clone());
                self.undo.set(None);
                self.report
                    .set((!change.skipped.is_empty()).then_some(Report {
                        title,
                        skipped: change.skipped,
                    }));
                self.reload();
            }
            Err(error) => self.failed(error),
        }
    }

    fn failed(&self, error: AppError) {
        let text = match &error {
            AppError::Rules { findings } => refusal("Refusé par le serveur", findings),
            other => error_message(other, Locale::Fr),
        };
        self.say(false, text);
        if error == AppError::Stale {
            self.reload();
        }
    }

    /// Fetches the week again (after someone else changed it, or after a
    /// change that touched other weeks).
    pub fn reload(&self) {
        let this = *self;
        spawn_local(async move {
            if let Ok(plan) = load_week(Some(this.monday.to_string())).await {
                this.context.set(plan.context);
                this.lines.set(plan.sessions);
            }
        });
    }
}

/// A refusal (`what` says of what: « Déplacement refusé ») in one sentence
/// per blocking finding.
pub fn refusal(what: &str, findings: &[Finding]) -> String {
    let reasons: Vec<String> = findings
        .iter()
        .filter(|f| f.is_error())
        .map(|f| finding_message(f, Locale::Fr))
        .collect();
    format!("{what} : {}", reasons.join(" "))
}
