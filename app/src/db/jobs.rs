//! Background work that runs once across instances: an instance claims a
//! job's run for a period (`digest` for a day, `backup` for a day) by
//! inserting its row; the insert that wins runs it. Inside the job's own
//! transaction when it is one (the mails of a digest: a crash rolls the
//! claim back with them, and the next pass does it), or on its own row
//! before a long job (a backup: a crash loses that day's run, not the next).

use sqlx::AnyConnection;

/// Claims `job` for `period` at `at`: `true` when this caller got it.
pub async fn claim(
    conn: &mut AnyConnection,
    job: &str,
    period: &str,
    at: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO job_runs (job, period, started_at) VALUES ($1, $2, $3)
         ON CONFLICT (job, period) DO NOTHING",
    )
    .bind(job)
    .bind(period)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records how the claimed run ended.
pub async fn finish(
    conn: &mut AnyConnection,
    job: &str,
    period: &str,
    at: &str,
    outcome: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE job_runs SET finished_at = $1, outcome = $2 WHERE job = $3 AND period = $4",
    )
    .bind(at)
    .bind(outcome)
    .bind(job)
    .bind(period)
    .execute(conn)
    .await?;
    Ok(())
}

/// How many runs of `job` there were (tests of the instances).
pub async fn runs(db: &super::Db, job: &str) -> Result<i64, sqlx::Error> {
    use sqlx::Row;
    sqlx::query("SELECT COUNT(*) AS n FROM job_runs WHERE job = $1")
        .bind(job)
        .fetch_one(&db.pool)
        .await?
        .try_get("n")
}

/// Deletes the runs started before `before` (a year of days is kept).
pub async fn purge(db: &super::Db, before: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM job_runs WHERE started_at < $1")
        .bind(before)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected())
}
