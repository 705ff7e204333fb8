//! Group commit: writers that arrive together share one transaction.
//!
//! A hundred tablets syncing at the same moment would otherwise queue for
//! the database's writer one transaction at a time. Here each caller leaves
//! its job in a queue and waits for a turn; whoever gets the turn takes
//! the jobs waiting (its share of them, see `share`), writes them all in one
//! go and hands each caller its own result. A caller whose job another took
//! simply receives its answer. Up to `writers` turns run at once (one for
//! SQLite, which has one writer; more for PostgreSQL, whose row locks order
//! them). The write runs in its own task, so a caller that goes away (a
//! closed connection) never abandons others' jobs half-done.

use std::future::Future;
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// The most jobs written in one transaction.
const MOST_JOBS: usize = 128;

type Waiting<J, R> = Vec<(J, oneshot::Sender<R>)>;

/// How many of `waiting` jobs a writer takes when there are `writers`: an
/// even share. Why: the jobs of a burst pile up while the writers are busy
/// with its first arrivals; the first writer free would otherwise take the
/// whole pile while the other one, free a moment later, idles. Leaving it a
/// share writes the burst on both at once (PostgreSQL's two writers, on two
/// cores). With one writer (SQLite), all of them.
fn share(waiting: usize, writers: usize) -> usize {
    waiting.div_ceil(writers.max(1)).min(MOST_JOBS)
}

pub struct GroupCommit<J, R> {
    waiting: Mutex<Waiting<J, R>>,
    turns: Arc<tokio::sync::Semaphore>,
    writers: usize,
}

impl<J, R> GroupCommit<J, R> {
    /// At most `writers` writes at once (at least one).
    pub fn new(writers: usize) -> Self {
        GroupCommit {
            waiting: Mutex::new(Vec::new()),
            turns: Arc::new(tokio::sync::Semaphore::new(writers.max(1))),
            writers: writers.max(1),
        }
    }
}

impl<J, R> std::fmt::Debug for GroupCommit<J, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GroupCommit")
    }
}

impl<J: Send + 'static, R: Send + 'static> GroupCommit<J, R> {
    /// Hands `job` over and waits for its result. `write` receives the jobs
    /// of one transaction and returns one result per job, in their order.
    /// `None` only if the write itself panicked.
    pub async fn submit<W, F>(&self, job: J, write: W) -> Option<R>
    where
        W: Fn(Vec<J>) -> F,
        F: Future<Output = Vec<R>> + Send + 'static,
    {
        let (sender, mut answer) = oneshot::channel();
        self.lock().push((job, sender));
        loop {
            let turn = tokio::select! {
                biased;
                result = &mut answer => return result.ok(),
                turn = self.turns.clone().acquire_owned() => match turn {
                    Ok(turn) => turn,
                    Err(_) => return None, // never closed
                },
            };
            // Answered while taking the turn: another writer had our job.
            if let Ok(result) = answer.try_recv() {
                return Some(result);
            }
            let taken: Waiting<J, R> = {
                let mut waiting = self.lock();
                let first = share(waiting.len(), self.writers);
                let rest = waiting.split_off(first);
                std::mem::replace(&mut *waiting, rest)
            };
            if taken.is_empty() {
                continue;
            }
            let (jobs, senders): (Vec<J>, Vec<_>) = taken.into_iter().unzip();
            let written = write(jobs);
            let task = tokio::spawn(async move {
                let results = written.await;
                for (sender, result) in senders.into_iter().zip(results) {
                    let _ = sender.send(result);
                }
                drop(turn);
            });
            if task.await.is_err() {
                // The write panicked: every job it held was dropped.
                return answer.try_recv().ok();
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Waiting<J, R>> {
        // A poisoned queue still holds valid jobs.
        self.waiting.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn jobs_waiting_together_share_a_write_and_each_gets_its_own_result() {
        let commits: Arc<GroupCommit<u32, u32>> = Arc::new(GroupCommit::new(1));
        let writes = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for n in 0..200u32 {
            let (commits, writes) = (commits.clone(), writes.clone());
            tasks.push(tokio::spawn(async move {
                commits
                    .submit(n, move |jobs| {
                        writes.fetch_add(1, Ordering::SeqCst);
                        async move {
                            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                            jobs.into_iter().map(|j| j * 10).collect()
                        }
                    })
                    .await
            }));
        }
        for (n, task) in tasks.into_iter().enumerate() {
            assert_eq!(task.await.unwrap(), Some(n as u32 * 10));
        }
        let writes = writes.load(Ordering::SeqCst);
        assert!(writes < 200, "{writes} writes for 200 jobs");
    }

    #[test]
    fn each_writer_takes_an_even_share() {
        assert_eq!(share(100, 1), 100);
        assert_eq!(share(100, 2), 50);
        assert_eq!(share(101, 2), 51);
        assert_eq!(share(1, 2), 1);
        assert_eq!(share(1000, 1), MOST_JOBS);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn jobs_piled_up_while_both_writers_were_busy_are_shared_between_them() {
        let commits: Arc<GroupCommit<u32, u32>> = Arc::new(GroupCommit::new(2));
        // Jobs 0 and 1 hold the two writers until the gate opens.
        let gate = Arc::new(tokio::sync::Semaphore::new(0));
        let batches = Arc::new(Mutex::new(Vec::new()));
        let write = {
            let (gate, batches) = (gate.clone(), batches.clone());
            move |jobs: Vec<u32>| {
                let (gate, batches) = (gate.clone(), batches.clone());
                async move {
                    if jobs.iter().any(|j| *j < 2) {
                        gate.acquire().await.unwrap().forget();
                    } else {
                        batches.lock().unwrap().push(jobs.len());
                    }
                    jobs
                }
            }
        };
        let submit = |n: u32| {
            let (commits, write) = (commits.clone(), write.clone());
            tokio::spawn(async move { commits.submit(n, write).await })
        };
        let mut tasks = Vec::new();
        for n in 0..2 {
            tasks.push(submit(n));
            while commits.turns.available_permits() != 1 - n as usize {
                tokio::task::yield_now().await;
            }
        }
        for n in 2..102 {
            tasks.push(submit(n));
        }
        while commits.lock().len() < 100 {
            tokio::task::yield_now().await;
        }
        gate.add_permits(2);
        for (n, task) in tasks.into_iter().enumerate() {
            assert_eq!(task.await.unwrap(), Some(n as u32));
        }
        // The first writer free took half the pile, not all of it. Both
        // writers then run at once, so batches are recorded in any order.
        let batches = batches.lock().unwrap().clone();
        assert_eq!(batches.iter().max(), Some(&50), "{batches:?}");
        assert_eq!(batches.iter().sum::<usize>(), 100, "{batches:?}");
    }

    #[tokio::test]
    async fn a_caller_that_goes_away_does_not_lose_the_others() {
        let commits: Arc<GroupCommit<u32, u32>> = Arc::new(GroupCommit::new(1));
        let slow = |jobs: Vec<u32>| async move {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            jobs
        };
        let leader = {
            let commits = commits.clone();
            tokio::spawn(async move { commits.submit(1, slow).await })
        };
        tokio::task::yield_now().await;
        let follower = {
            let commits = commits.clone();
            tokio::spawn(async move { commits.submit(2, slow).await })
        };
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        leader.abort();
        assert_eq!(follower.await.unwrap(), Some(2));
    }
}
