-- when a nightly run started: a RUNNING row whose lease (next_attempt) passed was left by a stopped instance
alter table report_runs add column started_at timestamptz;
