-- verify-chains.sql: checks Outreach's hash chains with psql alone, without Outreach's code.
--
--   psql "host=… dbname=… user=…" -v schema=outreach -f verify-chains.sql
--
-- A read-only database role is enough (it needs SELECT on the schema's tables and the right to create temporary
-- views, which every role has by default). The script changes nothing: it ends with ROLLBACK.
--
-- How a link is computed (docs/audit.md, ADR 16 and 20). For each event, in version order within its stream:
--   hash = hex(SHA-256(UTF-8 of the concatenation of these fields, each written as  <bytes>:<text>  ))
-- Format 2 (outreach_event_chain.format = 2, every link written since ADR 20):
--     1. the text 'outreach-chain-v2'
--     2. the previous event's link hash ('' for the first event of a stream)
--     3. the link's recorded_at in UTC as YYYY-MM-DDTHH:MM:SS.ffffffZ
--     4. the event's whole mt_events row as jsonb text, with "timestamp" replaced by its UTC text as in 3:
--        (to_jsonb(e) || jsonb_build_object('timestamp', <UTC text>))::text — so every column counts, the .NET type,
--        tenant, correlation, causation and headers included
-- Format 1 (links written before ADR 20):
--     1. the text 'outreach-chain-v1'
--     2. the previous event's link hash ('' for the first event of a stream)
--     3. stream_id, 4. version, 5. type
--     6. timestamp and 8. the link's recorded_at, both in UTC as YYYY-MM-DDTHH:MM:SS.ffffffZ
--     7. user_name ('' when empty), 9. is_archived ('true', 'false' or 'null')
--     10. bdata in hex ('' when empty), 11. data as PostgreSQL prints jsonb (data::text)
--
-- Problems it reports, one row per broken event, in recorded order (the first row is the first broken event):
--   missing-link    the event has no link: it was written outside Outreach (forged or inserted by hand)
--   gap             versions are missing before this event: events were deleted or moved away
--   altered         the event no longer hashes to its link: content, type, actor, times, stream, position or flags changed
--   orphan-link     a link whose event is gone: the event was deleted
--   stream-version  mt_streams disagrees with the last event: events were removed or added by hand
--   archived        the stream is marked archived (hidden from reads); Outreach never archives
--   time-backwards  along the sequence numbers, a link was recorded more than 10 minutes before an earlier one: back-dated
--                   (links marked adopted, written after the fact by 'outreach audit adopt', are exempt and counted)
-- A history replaced and re-hashed wholesale passes this script; only a checkpoint kept outside the database
-- catches that (outreach audit verify --checkpoint FILE).

\set ON_ERROR_STOP on
\set QUIET on
\if :{?schema}
\else
  \set schema outreach
\endif
\pset footer off

BEGIN ISOLATION LEVEL REPEATABLE READ;

CREATE TEMPORARY VIEW outreach_audit_problems AS
WITH ev AS (
    SELECT e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.user_name, e.is_archived, e.bdata, e.data,
           (to_jsonb(e) || jsonb_build_object('timestamp', to_char(e.timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))::text AS row_text,
           c.seq_id AS link, c.hash AS stored, c.recorded_at, coalesce(c.format, 1) AS format,
           coalesce(lag(c.hash) OVER w, '') AS prev,
           coalesce(lag(e.version) OVER w, 0) AS prev_version
      FROM :"schema".mt_events e
      LEFT JOIN :"schema".outreach_event_chain c ON c.seq_id = e.seq_id
    WINDOW w AS (PARTITION BY e.stream_id ORDER BY e.version)
), checked AS (
    SELECT seq_id, stream_id, version,
           CASE
               WHEN link IS NULL THEN 'missing-link'
               WHEN version <> prev_version + 1 THEN 'gap'
               WHEN format >= 2 AND stored <> encode(sha256(convert_to(concat(
                        octet_length('outreach-chain-v2'), ':', 'outreach-chain-v2',
                        octet_length(prev), ':', prev,
                        octet_length(to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), ':',
                            to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                        octet_length(row_text), ':', row_text
                    ), 'UTF8')), 'hex') THEN 'altered'
               WHEN format < 2 AND stored <> encode(sha256(convert_to(concat(
                        octet_length('outreach-chain-v1'), ':', 'outreach-chain-v1',
                        octet_length(prev), ':', prev,
                        octet_length(stream_id::text), ':', stream_id::text,
                        octet_length(version::text), ':', version::text,
                        octet_length(type), ':', type,
                        octet_length(to_char(timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), ':',
                            to_char(timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                        octet_length(coalesce(user_name, '')), ':', coalesce(user_name, ''),
                        octet_length(to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), ':',
                            to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                        octet_length(coalesce(is_archived::text, 'null')), ':', coalesce(is_archived::text, 'null'),
                        octet_length(coalesce(encode(bdata, 'hex'), '')), ':', coalesce(encode(bdata, 'hex'), ''),
                        octet_length(data::text), ':', data::text
                    ), 'UTF8')), 'hex') THEN 'altered'
           END AS problem
      FROM ev
)
SELECT seq_id, coalesce(stream_id, '00000000-0000-0000-0000-000000000000'::uuid) AS stream_id, version, problem FROM checked WHERE problem IS NOT NULL
UNION ALL
SELECT c.seq_id, c.stream_id, c.version, 'orphan-link'
  FROM :"schema".outreach_event_chain c
 WHERE NOT EXISTS (SELECT 1 FROM :"schema".mt_events e WHERE e.seq_id = c.seq_id)
UNION ALL
SELECT NULL, s.id, coalesce(s.version, 0), 'stream-version'
  FROM :"schema".mt_streams s LEFT JOIN :"schema".mt_events e ON e.stream_id = s.id
 GROUP BY s.id, s.version
HAVING coalesce(s.version, 0) <> coalesce(max(e.version), 0)
UNION ALL
SELECT NULL, s.id, NULL, 'archived' FROM :"schema".mt_streams s WHERE coalesce(s.is_archived, false)
UNION ALL
SELECT t.seq_id, t.stream_id, t.version, 'time-backwards'
  FROM (SELECT c.seq_id, c.stream_id, c.version, c.recorded_at,
               max(c.recorded_at) OVER (ORDER BY c.seq_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latest
          FROM :"schema".outreach_event_chain c WHERE NOT c.adopted) t
 WHERE t.recorded_at < t.latest - interval '10 minutes';

\echo 'Outreach hash chains in schema' :"schema"
SELECT seq_id, stream_id, version, problem
  FROM outreach_audit_problems
 ORDER BY seq_id NULLS LAST, stream_id, version;

SELECT (SELECT count(*) FROM :"schema".mt_events) AS events,
       (SELECT count(DISTINCT stream_id) FROM :"schema".mt_events) AS streams,
       (SELECT count(*) FROM outreach_audit_problems) AS problems,
       (SELECT count(*) = 0 FROM outreach_audit_problems) AS intact,
       (SELECT count(*) FROM :"schema".outreach_event_chain WHERE adopted) AS adopted,
       (SELECT count(*) > 0 FROM :"schema".outreach_event_chain WHERE adopted) AS any_adopted
\gset

\if :any_adopted
  \echo 'NOTE:' :adopted 'event(s) were chained after the fact by chain adoption (outreach_event_chain.adopted); their recorded_at is the adoption time.'
\endif

\if :intact
  \echo 'RESULT: PASS -' :events 'events in' :streams 'streams, every link recomputed and intact.'
\else
  \echo 'RESULT: FAIL -' :problems 'problem(s) in' :events 'events; the first row above is the first broken event.'
\endif

ROLLBACK;
