-- One schema for SQLite and PostgreSQL: only types both understand, times as
-- milliseconds since the Unix epoch, flags as 0/1, ids made by the server.

CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    phone TEXT NOT NULL,
    unit TEXT NOT NULL,
    consent_version TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Set when name, phone and unit were erased at the end of the retention period.
    erased_at BIGINT
);
CREATE INDEX participants_created ON participants (created_at);

CREATE TABLE attempts (
    id TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants (id),
    contest TEXT NOT NULL,
    -- The draw seed: a u64 stored by its bits.
    seed BIGINT NOT NULL,
    fingerprint TEXT NOT NULL,
    timing TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    -- NULL when the attempt is untimed (timing "off").
    deadline BIGINT,
    answered BIGINT NOT NULL DEFAULT 0,
    submitted_at BIGINT,
    submit_key TEXT,
    score DOUBLE PRECISION,
    max_score DOUBLE PRECISION,
    passed BIGINT,
    correct BIGINT,
    elapsed_ms BIGINT,
    flag TEXT,
    -- The review as the submit answered it, so a retried submit answers the same.
    result TEXT
);
CREATE INDEX attempts_participant ON attempts (participant_id, contest);
CREATE INDEX attempts_contest ON attempts (contest, submitted_at);
CREATE INDEX attempts_open ON attempts (submitted_at, deadline);
-- At most one unfinished attempt per participant and contest.
CREATE UNIQUE INDEX attempts_one_open ON attempts (participant_id, contest) WHERE submitted_at IS NULL;

CREATE TABLE answers (
    attempt_id TEXT NOT NULL REFERENCES attempts (id),
    question_id TEXT NOT NULL,
    position BIGINT NOT NULL,
    -- The engine's response (display positions) as JSON.
    response TEXT NOT NULL,
    answered_at BIGINT NOT NULL,
    PRIMARY KEY (attempt_id, question_id)
);

-- Attempts begun per phone number, contest and day (China Standard Time).
CREATE TABLE attempt_quota (
    phone TEXT NOT NULL,
    contest TEXT NOT NULL,
    day TEXT NOT NULL,
    used BIGINT NOT NULL,
    PRIMARY KEY (phone, contest, day)
);
