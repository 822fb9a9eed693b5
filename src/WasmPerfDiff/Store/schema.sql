-- wasm-perfdiff campaign store, one SQLite file per campaign (DESIGN §5).
-- The file's own campaign is the row with origin 'local'; shards merged in by `import db` and
-- WarpDiff imports add further campaign rows (origin 'shard' / 'warpdiff'), so a run is keyed by
-- (campaign, case_name, runtime, round) and nothing is ever counted twice.
-- Times are milliseconds (REAL); timestamps are ISO-8601 UTC text.

-- Version 3 added run.phase_method and the baseline_run table; CampaignStore.Open migrates a version-2 file
-- in place (ALTER TABLE ADD COLUMN; old rows keep NULL, read back as the method their phases imply).
PRAGMA user_version = 3;

CREATE TABLE IF NOT EXISTS campaign (
    key           INTEGER PRIMARY KEY,       -- compact key the runs refer to (keeps run rows and their index small)
    id            TEXT NOT NULL UNIQUE,      -- GUID, kept when a shard is merged elsewhere
    origin        TEXT NOT NULL,             -- 'local' | 'shard' | 'warpdiff'
    created       TEXT NOT NULL,
    settings      TEXT NOT NULL,             -- JSON of the campaign settings (means_only for WarpDiff)
    seed          INTEGER NOT NULL,
    cpu_model     TEXT NOT NULL,
    cores         INTEGER NOT NULL,
    kernel        TEXT NOT NULL,
    os            TEXT NOT NULL,
    tool_version  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS runtime (
    name     TEXT PRIMARY KEY,               -- configuration name, e.g. wasmtime-winch
    engine   TEXT NOT NULL,
    tier     TEXT NOT NULL,
    version  TEXT,
    command  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS "case" (
    name                    TEXT PRIMARY KEY,
    suite                   TEXT NOT NULL,
    wasm_path               TEXT NOT NULL,
    wasm_sha256             TEXT NOT NULL,   -- shards merge only when these agree
    args                    TEXT NOT NULL,   -- JSON array of guest arguments
    stdin                   TEXT,            -- path of the stdin file, if any
    expected_stdout_sha256  TEXT,            -- reference output hash when known
    size_name               TEXT NOT NULL    -- test | default | calibrated | ...
);

CREATE TABLE IF NOT EXISTS run (
    id              INTEGER PRIMARY KEY,
    campaign        INTEGER NOT NULL REFERENCES campaign(key),
    case_name       TEXT NOT NULL REFERENCES "case"(name),
    runtime         TEXT NOT NULL REFERENCES runtime(name),
    round           INTEGER NOT NULL,        -- 1-based measured round of this cell (WarpDiff means: 0)
    started         TEXT NOT NULL,
    status          TEXT NOT NULL,           -- RunStatus wire name: ok, exit-nonzero, crash, ...
    exit_code       INTEGER,
    signal          INTEGER,
    wall_ms         REAL NOT NULL,
    user_ms         REAL NOT NULL,
    sys_ms          REAL NOT NULL,
    max_rss_kb      INTEGER NOT NULL,
    stdout_bytes    INTEGER NOT NULL,
    stdout_sha256   TEXT NOT NULL,
    stderr_bytes    INTEGER NOT NULL,
    stderr_sha256   TEXT NOT NULL,
    startup_ms      REAL,
    compile_ms      REAL,
    instantiate_ms  REAL,
    execute_ms      REAL,
    teardown_ms     REAL,
    aot_compile_ms  REAL,
    message         TEXT,
    phase_method    TEXT,                    -- PhaseMethod wire name: wall | markers | side-channel | baseline (NULL: before v3)
    UNIQUE (campaign, case_name, runtime, round)
);

-- Runs of a cell's baseline module (the case's module with an empty _start): start + load + eager compile +
-- teardown of that (module, runtime), subtracted from the cell's wall times when the run has no phases of its own.
CREATE TABLE IF NOT EXISTS baseline_run (
    campaign   INTEGER NOT NULL REFERENCES campaign(key),
    case_name  TEXT NOT NULL REFERENCES "case"(name),
    runtime    TEXT NOT NULL REFERENCES runtime(name),
    seq        INTEGER NOT NULL,             -- 1-based
    started    TEXT NOT NULL,
    status     TEXT NOT NULL,
    wall_ms    REAL NOT NULL,
    UNIQUE (campaign, case_name, runtime, seq)
);

-- No further index: every query goes by campaign, then cell, which the UNIQUE key's index already
-- serves (in that order), and each extra index would slow every insert.
