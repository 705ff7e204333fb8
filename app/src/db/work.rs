//! The unit of work: the one way anything is written. It owns, in this
//! order, a connection, this process's turn to write (SQLite has one
//! writer), the transaction, the organisation's lock when the change asks
//! for it, the audit rows and the commit. The change and its audit rows
//! commit together or not at all: a `Work` dropped before `commit` (an
//! error returned with `?`, a refused rule) rolls both back.

use super::audit;
use super::{timestamp, Db};
use crate::domain::ids::{OrganisationId, UserId};
use chrono::{DateTime, Utc};
use sqlx::{Any, AnyConnection, AnyPool, Transaction};

/// A change run inside a `Work` by a feature's helper (a closure's future).
pub type Changing<'a, T> = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<T, crate::error::AppError>> + Send + 'a>,
>;

/// Who writes: the audit rows' organisation and user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Author {
    pub organisation: Option<OrganisationId>,
    pub user: Option<UserId>,
}

/// One write in progress.
pub struct Work {
    tx: Transaction<'static, Any>,
    author: Author,
    /// The time of the write, as stored.
    at: String,
    /// This process's turn to write (SQLite); released after `tx` ends, as
    /// fields drop in order.
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl Work {
    /// Starts a write by `author` at `now` on the database's pool.
    pub async fn begin(db: &Db, author: Author, now: DateTime<Utc>) -> Result<Work, sqlx::Error> {
        Work::begin_on(db, &db.pool, author, timestamp(now)).await
    }

    /// Starts a write on `pool` (the register's writers' pool), stamped
    /// `at` as stored.
    pub async fn begin_on(
        db: &Db,
        pool: &AnyPool,
        author: Author,
        at: String,
    ) -> Result<Work, sqlx::Error> {
        // A connection first, then the turn to write: in that order
        // everywhere, so a writer never waits for a connection while
        // holding the turn. (SQLite's BEGIN takes no lock yet.)
        let tx = pool.begin().await?;
        let turn = db.writer().await;
        Ok(Work {
            tx,
            author,
            at,
            _turn: turn,
        })
    }

    /// Serialises the author's organisation's changes (planning, records,
    /// settings): the first statement of such a write. It takes the
    /// organisation row's lock on PostgreSQL and the write lock on SQLite,
    /// so what the change reads next is what it will sit next to.
    pub async fn lock_organisation(&mut self) -> Result<(), sqlx::Error> {
        let Some(org) = self.author.organisation.clone() else {
            return Ok(());
        };
        sqlx::query(
            "UPDATE organisations SET planning_version = planning_version + 1 WHERE id = $1",
        )
        .bind(&org.0)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// The transaction's connection, for the feature's store.
    pub fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }

    /// The time of the write, as stored.
    pub fn at(&self) -> &str {
        &self.at
    }

    /// Who writes.
    pub fn author(&self) -> &Author {
        &self.author
    }

    /// Writes to the audit log what the author did to `entity` (its kind
    /// and id), inside the write.
    pub async fn audit(
        &mut self,
        action: &str,
        (entity, entity_id): (&str, &str),
        detail: &str,
    ) -> Result<(), sqlx::Error> {
        let entry = audit::Entry {
            organisation: self.author.organisation.as_ref(),
            user: self.author.user.as_ref(),
            action,
            entity,
            entity_id,
            detail,
        };
        audit::record(&mut *self.tx, &entry, &self.at).await
    }

    /// Writes an audit row of another author (a shared write, such as the
    /// register's syncs of several tablets), inside the write.
    pub async fn audit_entry(&mut self, entry: &audit::Entry<'_>) -> Result<(), sqlx::Error> {
        audit::record(&mut *self.tx, entry, &self.at).await
    }

    /// Commits the change and its audit rows together.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl std::ops::Deref for Work {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for Work {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}
