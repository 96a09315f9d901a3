//! The database: one schema and one set of queries for SQLite and PostgreSQL
//! through sqlx's `Any` driver, migrations applied at start.
//!
//! Writes go through [`Store::write`]. On PostgreSQL each write is its own
//! transaction on the pool. SQLite has one writer at a time, and a durable
//! commit costs an fsync, so writes there are queued to one connection that
//! commits whatever has gathered as one transaction (group commit), each
//! write inside its own savepoint: an answer is acknowledged only after the
//! commit that holds it, and `synchronous = FULL` makes that commit survive
//! a crash of the process or of the machine.

use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::str::FromStr;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyConnection, AnyPool, ConnectOptions, Connection};
use tokio::sync::{mpsc, oneshot};

use crate::error::{ApiError, ApiResult};

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Called with the outcome of the commit that held a write.
type Done = Box<dyn FnOnce(Result<(), ApiError>) + Send>;
/// A write run on the writer's connection: whether it succeeded (else its
/// savepoint is rolled back), and what to tell its caller after the commit.
type Job = Box<dyn for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, (bool, Done)> + Send>;

/// Most writes one SQLite commit holds.
const MAX_BATCH: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// SQLite only: the queue of the one writing connection.
    writer: Option<mpsc::Sender<Job>>,
}

/// Turns `--db` into a sqlx URL: PostgreSQL and SQLite URLs as given, any
/// other value as the path of a SQLite file (created with its folder).
pub fn database_url(db: &str) -> Result<(String, Backend), String> {
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        return Ok((db.to_owned(), Backend::Postgres));
    }
    if db.starts_with("sqlite:") {
        return Ok((db.to_owned(), Backend::Sqlite));
    }
    if db.contains("://") {
        return Err(format!(
            "`{db}` is neither a PostgreSQL URL (postgres://…) nor a SQLite file"
        ));
    }
    let path = Path::new(db);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    Ok((format!("sqlite://{db}?mode=rwc"), Backend::Sqlite))
}

impl Store {
    /// Connects, applies the migrations and, for SQLite, starts the writer.
    pub async fn connect(db: &str, pool_size: u32) -> Result<Store, String> {
        sqlx::any::install_default_drivers();
        let (url, backend) = database_url(db)?;
        let shown = |e: sqlx::Error| format!("database `{db}`: {e}");
        let options = AnyConnectOptions::from_str(&url).map_err(shown)?;
        let options = options.disable_statement_logging();
        let pool = AnyPoolOptions::new()
            .max_connections(pool_size.max(1))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        sqlite_pragmas(conn).await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options.clone())
            .await
            .map_err(shown)?;
        let writer = if backend == Backend::Sqlite {
            let mut conn = AnyConnection::connect_with(&options).await.map_err(shown)?;
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(&mut conn)
                .await
                .map_err(shown)?;
            sqlite_pragmas(&mut conn).await.map_err(shown)?;
            migrate(&mut conn)
                .await
                .map_err(|e| format!("database `{db}`: {e}"))?;
            let (tx, rx) = mpsc::channel(4 * MAX_BATCH);
            tokio::spawn(run_writer(conn, rx));
            Some(tx)
        } else {
            let mut conn = pool.acquire().await.map_err(shown)?;
            migrate(&mut conn)
                .await
                .map_err(|e| format!("database `{db}`: {e}"))?;
            None
        };
        Ok(Store {
            pool,
            backend,
            writer,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The pool for reads (and PostgreSQL writes).
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Runs `f` in a transaction and answers after it is durably committed.
    /// An `Err` from `f` rolls back what `f` wrote and is returned as it is.
    pub async fn write<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut AnyConnection) -> BoxFuture<'c, ApiResult<T>> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel::<ApiResult<T>>();
        let job: Job = Box::new(move |conn| {
            Box::pin(async move {
                let result = f(conn).await;
                let ok = result.is_ok();
                let done: Done = Box::new(move |commit: Result<(), ApiError>| {
                    let _ = tx.send(commit.and(result));
                });
                (ok, done)
            })
        });
        match &self.writer {
            Some(queue) => {
                queue.send(job).await.map_err(|_| ApiError::unavailable())?;
            }
            None => {
                let mut conn = self.pool.acquire().await?;
                let mut t = conn.begin().await?;
                let (ok, done) = job(&mut t).await;
                if ok {
                    match t.commit().await {
                        Ok(()) => done(Ok(())),
                        Err(e) => done(Err(e.into())),
                    }
                } else {
                    // The caller learns the write's own error; nothing stays.
                    t.rollback().await?;
                    done(Ok(()));
                }
            }
        }
        // A writer that failed its batch drops the job's sender: nothing was kept.
        rx.await.unwrap_or_else(|_| Err(ApiError::unavailable()))
    }
}

async fn sqlite_pragmas(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    for pragma in [
        "PRAGMA busy_timeout = 5000",
        "PRAGMA synchronous = FULL",
        "PRAGMA foreign_keys = ON",
    ] {
        sqlx::query(pragma).execute(&mut *conn).await?;
    }
    Ok(())
}

async fn migrate(conn: &mut AnyConnection) -> Result<(), sqlx::migrate::MigrateError> {
    sqlx::migrate!("./migrations").run(conn).await
}

/// The SQLite writer: one transaction per gathered batch, one savepoint per
/// write. If the batch cannot commit, every job in it is dropped, so each
/// caller hears that nothing was saved.
async fn run_writer(mut conn: AnyConnection, mut queue: mpsc::Receiver<Job>) {
    while let Some(first) = queue.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        if let Err(e) = exec(&mut conn, "BEGIN IMMEDIATE").await {
            eprintln!("contest server: cannot begin a write: {e}");
            continue;
        }
        let mut dones = Vec::with_capacity(batch.len());
        let mut broken = false;
        for job in batch {
            if broken || exec(&mut conn, "SAVEPOINT w").await.is_err() {
                broken = true;
                continue;
            }
            let (ok, done) = job(&mut conn).await;
            let end = if ok {
                exec(&mut conn, "RELEASE w").await
            } else {
                match exec(&mut conn, "ROLLBACK TO w").await {
                    Ok(()) => exec(&mut conn, "RELEASE w").await,
                    Err(e) => Err(e),
                }
            };
            broken = end.is_err();
            dones.push(done);
        }
        let committed = if broken {
            Err(())
        } else {
            exec(&mut conn, "COMMIT").await.map_err(|e| {
                eprintln!("contest server: commit failed: {e}");
            })
        };
        match committed {
            Ok(()) => dones.into_iter().for_each(|done| done(Ok(()))),
            Err(()) => {
                let _ = exec(&mut conn, "ROLLBACK").await;
                drop(dones);
            }
        }
    }
}

async fn exec(conn: &mut AnyConnection, sql: &str) -> Result<(), sqlx::Error> {
    sqlx::query(sql).execute(conn).await.map(|_| ())
}
