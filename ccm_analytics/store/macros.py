"""The rules as SQL: table macros that answer for any date, and the internal views they read.

The treaty's numbers (8 and 10 years, 180 days, 30 April, the 30th instrument, six months) come from
`domain.treaty`, the same constants the Python code uses. `MACRO_READS` says what each internal view
or macro reads, so that lineage (a page's "data current to" and sources) is derived, never typed.
"""
from __future__ import annotations

from ccm_analytics.domain.treaty import (
    ANNUAL_REPORT_DUE,
    DEADLINE_YEARS,
    INITIAL_REPORT_DAYS,
    INSTRUMENTS_FOR_ENTRY_INTO_FORCE,
    MONTHS_TO_ENTRY_INTO_FORCE,
)

# Internal helpers. `state_facts` holds the recorded facts per State; the table macros answer for any date.
_TEMPLATE = r"""
CREATE OR REPLACE MACRO deadline_years(article) AS CASE article WHEN 3 THEN {art3} ELSE {art4} END;
CREATE OR REPLACE MACRO initial_report_due(eif) AS CAST(eif + INTERVAL {initial_days} DAY AS DATE);
CREATE OR REPLACE MACRO annual_report_due(y) AS make_date(CAST(y AS INTEGER) + 1, {due_month}, {due_day});
CREATE OR REPLACE MACRO next_annual_report_due(d) AS
    CASE WHEN d <= make_date(year(d), {due_month}, {due_day}) THEN make_date(year(d), {due_month}, {due_day})
         ELSE make_date(year(d) + 1, {due_month}, {due_day}) END;
CREATE OR REPLACE MACRO period_end(d, p) AS
    CASE p WHEN 'year' THEN make_date(year(d), 12, 31) WHEN 'month' THEN last_day(d) ELSE d END;
CREATE OR REPLACE MACRO thirtieth_deposit() AS (
    SELECT event_date FROM treaty_events WHERE event_type IN ('ratification', 'acceptance', 'accession')
    ORDER BY event_date LIMIT 1 OFFSET {thirtieth_offset});
CREATE OR REPLACE MACRO entry_into_force(deposit) AS
    CAST(date_trunc('month', greatest(deposit, thirtieth_deposit())) + INTERVAL {eif_months} MONTH AS DATE);
CREATE OR REPLACE MACRO facts_current_to(f) AS (
    SELECT period_end(current_to, current_to_precision) FROM data_sources WHERE file = f);
CREATE OR REPLACE VIEW state_facts AS
    WITH ev AS (
        SELECT iso3,
               max(event_date) FILTER (WHERE event_type = 'signature') AS signature_date,
               max(event_date) FILTER (WHERE event_type IN ('ratification', 'acceptance', 'accession')) AS consent_date,
               max(event_type) FILTER (WHERE event_type IN ('ratification', 'acceptance', 'accession')) AS consent_type,
               max(event_date) FILTER (WHERE event_type = 'withdrawal') AS withdrawal_date
        FROM treaty_events GROUP BY iso3)
    SELECT s.iso3, s.state_name, s.un_region, s.un_subregion, ev.signature_date, ev.consent_date, ev.consent_type,
           entry_into_force(ev.consent_date) AS entry_into_force_date, ev.withdrawal_date
    FROM states s LEFT JOIN ev USING (iso3);
CREATE OR REPLACE MACRO state_status_at(d) AS TABLE
    SELECT iso3, state_name, un_region, un_subregion,
           CASE WHEN signature_date <= d THEN signature_date END AS signature_date,
           CASE WHEN consent_date <= d THEN consent_date END AS consent_date,
           CASE WHEN consent_date <= d THEN consent_type END AS consent_type,
           CASE WHEN consent_date <= d AND thirtieth_deposit() <= d THEN entry_into_force_date END AS entry_into_force_date,
           CASE WHEN withdrawal_date <= d THEN withdrawal_date END AS withdrawal_date,
           CASE WHEN withdrawal_date <= d THEN 'Withdrawn'
                WHEN consent_date <= d THEN 'State Party'
                WHEN signature_date <= d THEN 'Signatory'
                ELSE 'Not signatory' END AS status,
           coalesce(consent_date <= d AND NOT coalesce(withdrawal_date <= d, false)
                    AND thirtieth_deposit() <= d AND entry_into_force_date <= d, false) AS in_force
    FROM state_facts;
CREATE OR REPLACE VIEW obligations AS
    -- Article 3: States that held stockpiles when the Convention entered into force for them
    -- (or whose stockpiling the data cannot settle); Article 4: States with remnants at or after it.
    SELECT a.iso3, 3 AS article, a.stockpile_status <> 'unknown' AS confirmed,
           a.completion_date, a.completion_date_precision,
           -- destroyed, date unknown: known complete by the date the facts are current to
           CASE WHEN a.stockpile_status = 'destroyed' AND a.completion_date IS NULL
                THEN facts_current_to('article3_stockpiles.csv') END AS completed_by
    FROM article3_stockpiles a JOIN state_facts f USING (iso3)
    WHERE a.stockpile_status = 'unknown'
       OR (a.stockpile_status = 'destroyed' AND (a.completion_date IS NULL
           OR period_end(a.completion_date, a.completion_date_precision) >= f.entry_into_force_date))
    UNION ALL
    SELECT iso3, 4, obligation = 'yes', completion_date, completion_date_precision, completed_by
    FROM article4_clearance WHERE obligation <> 'no';
CREATE OR REPLACE MACRO extension_decisions() AS TABLE
    -- A decision is taken by the end of its meeting's month; where the meeting is not dated,
    -- no later than the deadline it extends (the previous one granted, or the original).
    SELECT r.*, f.entry_into_force_date + to_years(deadline_years(r.article)) AS original_deadline,
           least(period_end(r.submitted_date, r.submitted_date_precision), r.meeting_date) AS known_from,
           coalesce(period_end(r.meeting_date, r.meeting_date_precision),
                    lag(r.granted_deadline) OVER (PARTITION BY r.iso3, r.article ORDER BY r.request_no),
                    f.entry_into_force_date + to_years(deadline_years(r.article))) AS decided_by
    FROM extension_requests r JOIN state_facts f USING (iso3);
CREATE OR REPLACE MACRO extension_requests_at(d) AS TABLE
    -- Every request known on d (submitted or considered by then), with the deadline it extends and where
    -- its decision stood on d: granted (by a recorded decision taken by d), not recorded, or not yet decided.
    WITH r AS (
        SELECT e.*, lag(e.granted_deadline) OVER w AS previous_granted,
               lag(e.granted_deadline_precision) OVER w AS previous_precision
        FROM extension_decisions() e WINDOW w AS (PARTITION BY e.iso3, e.article ORDER BY e.request_no))
    SELECT r.iso3, f.state_name, r.article, r.request_no, r.submitted_date, r.submitted_date_precision,
           r.meeting, r.meeting_date, r.meeting_date_precision, r.document, r.requested_deadline,
           r.requested_deadline_precision,
           CASE WHEN r.granted_deadline IS NOT NULL AND r.decided_by <= d THEN r.granted_deadline END
               AS granted_deadline,
           CASE WHEN r.granted_deadline IS NOT NULL AND r.decided_by <= d THEN r.granted_deadline_precision END
               AS granted_deadline_precision,
           r.request_type, r.request_type_basis, r.request_type_source,
           r.source, r.notes, CAST(r.original_deadline AS DATE) AS original_deadline, r.known_from, r.decided_by,
           CAST(coalesce(r.previous_granted, r.original_deadline) AS DATE) AS extends_deadline,
           CASE WHEN r.previous_granted IS NOT NULL THEN r.previous_precision ELSE 'day' END
               AS extends_deadline_precision,
           CASE WHEN r.granted_deadline IS NOT NULL AND r.decided_by <= d THEN 'granted'
                WHEN r.granted_deadline IS NULL THEN 'decision not recorded'
                ELSE 'not yet decided on the reference date' END AS decision
    FROM r JOIN state_facts f USING (iso3)
    WHERE r.known_from <= d
    ORDER BY r.iso3, r.article, r.request_no;
CREATE OR REPLACE MACRO obligation_deadlines_at(d) AS TABLE
    WITH parties AS (
        SELECT * FROM state_facts WHERE consent_date <= d AND NOT coalesce(withdrawal_date <= d, false)),
    granted AS (
        SELECT iso3, article, count(*) AS n,
               arg_max(granted_deadline, granted_deadline) AS deadline,
               arg_max(granted_deadline_precision, granted_deadline) AS deadline_precision
        FROM extension_decisions() WHERE granted_deadline IS NOT NULL AND decided_by <= d GROUP BY ALL),
    pending AS (
        SELECT iso3, article, count(*) AS n FROM extension_decisions()
        WHERE known_from <= d AND (granted_deadline IS NULL OR decided_by > d) GROUP BY ALL),
    rows AS (
        SELECT o.*, p.state_name, p.entry_into_force_date,
               CAST(p.entry_into_force_date + to_years(deadline_years(o.article)) AS DATE) AS original_deadline,
               coalesce(g.deadline, original_deadline) AS current_deadline,
               CASE WHEN g.deadline IS NOT NULL THEN g.deadline_precision ELSE 'day' END AS current_deadline_precision,
               coalesce(g.n, 0) AS extensions_granted, coalesce(q.n, 0) AS pending_requests,
               -- NULL (so never overdue) where the date the facts are current to is not recorded
               CASE o.article WHEN 3 THEN facts_current_to('article3_stockpiles.csv')
                              ELSE facts_current_to('article4_clearance.csv') END AS known_to
        FROM obligations o JOIN parties p USING (iso3)
        LEFT JOIN granted g USING (iso3, article) LEFT JOIN pending q USING (iso3, article))
    SELECT iso3, article, original_deadline, current_deadline, extensions_granted,
           CASE WHEN period_end(completion_date, completion_date_precision) <= d THEN completion_date END AS completion_date,
           CASE
               WHEN period_end(completion_date, completion_date_precision) <= d OR completed_by <= d THEN 'completed'
               -- a request awaiting a recorded decision: never overdue, but say whether the deadline has passed
               WHEN pending_requests > 0 AND period_end(current_deadline, current_deadline_precision) < d
                    THEN 'deadline passed, extension requested'
               WHEN pending_requests > 0 THEN 'extension requested'
               WHEN NOT confirmed OR current_deadline IS NULL THEN 'unknown'
               -- overdue only where the data, current to a later day than the deadline, record no completion
               -- on or before d: a completion dated to a month (or year) that includes d settles nothing.
               WHEN period_end(current_deadline, current_deadline_precision) < d THEN
                    CASE WHEN completed_by IS NULL AND coalesce(completion_date > d, true)
                              AND period_end(current_deadline, current_deadline_precision) < known_to
                         THEN 'overdue' ELSE 'unknown' END
               WHEN current_deadline <= d + INTERVAL 12 MONTH THEN 'due within 12 months'
               ELSE 'on track' END AS status,
           state_name, entry_into_force_date, current_deadline_precision,
           CASE WHEN period_end(completion_date, completion_date_precision) <= d THEN completion_date_precision END
               AS completion_date_precision,
           pending_requests,
           -- completed with the date not in the data: the latest day it is known to have been completed by
           CASE WHEN completion_date IS NULL AND completed_by <= d THEN completed_by END AS completed_by
    FROM rows ORDER BY iso3, article;
CREATE OR REPLACE MACRO article7_detail_at(d) AS TABLE
    -- The Article 7 rule (production); its pandas twin in tests/oracles.py checks it (test_article7*.py).
    WITH params AS (SELECT facts_current_to('article7_reports.csv') AS current_to),
    rec AS (
        SELECT r.iso3, r.report_type, r.reporting_year, r.record, r.status_text, r.submitted_date, r.source,
               r.submitted_date_precision, r.list_id, r.record_date, r.record_date_precision, r.listed_to,
               period_end(r.submitted_date, r.submitted_date_precision) AS submitted_by,
               period_end(r.record_date, r.record_date_precision) AS record_by,
               r.record_date AS listed_after,
               -- a listing as outstanding speaks until the next 30 April, never past current_to (reports.listing_valid_until),
               -- nor past the end of its window where a complete list is known only to a window
               least(p.current_to, next_annual_report_due(record_by + INTERVAL 1 DAY),
                     CASE WHEN r.listed_to > r.record_date THEN r.listed_to END) AS valid_until
        FROM article7_reports r CROSS JOIN params p),
    st AS (SELECT * FROM state_status_at(d)),
    init AS (
        SELECT iso3, initial_report_due(entry_into_force_date) AS due_date
        FROM st WHERE status = 'State Party'),
    init_sub AS (
        SELECT iso3, min(submitted_date) AS submitted_date, arg_min(submitted_by, submitted_date) AS submitted_by,
               arg_min(status_text, submitted_date) AS status_text,
               arg_min(submitted_date_precision, submitted_date) AS submitted_date_precision,
               arg_min(source, submitted_date) AS source
        FROM rec WHERE report_type = 'initial' AND record = 'submitted' AND submitted_date IS NOT NULL
                   AND submitted_by <= d
        GROUP BY iso3),
    lists AS (  -- complete lists of overdue initial reports: their window and source (tests/oracles.py: submitted_by_lists)
        SELECT list_id, min(record_date) AS listed_from, max(listed_to) AS listed_to, min(source) AS source
        FROM rec WHERE report_type = 'initial' AND list_id IS NOT NULL GROUP BY list_id),
    bounds AS (  -- submitted by a day, not on a known day: an undated record's date, or a list not naming the State
        SELECT iso3, record_by AS bound, source FROM rec
        WHERE report_type = 'initial' AND record = 'submitted' AND submitted_date IS NULL AND record_by IS NOT NULL
        UNION ALL
        SELECT i.iso3, l.listed_to, l.source FROM init i JOIN lists l ON i.due_date < l.listed_from
        WHERE NOT EXISTS (SELECT 1 FROM rec r WHERE r.list_id = l.list_id AND r.iso3 = i.iso3)),
    init_bound AS (
        SELECT iso3, min(bound) AS bound, arg_min(source, bound) AS source FROM bounds WHERE bound <= d GROUP BY iso3),
    init_undated AS (
        SELECT DISTINCT iso3 FROM rec WHERE report_type = 'initial' AND record = 'submitted' AND submitted_date IS NULL),
    init_listed AS (
        SELECT iso3, max(listed_after) AS listed_after, arg_max(valid_until, listed_after) AS valid_until,
               arg_max(record_date_precision, listed_after) AS listed_after_precision,
               arg_max(source, listed_after) AS source FROM rec
        WHERE report_type = 'initial' AND record = 'outstanding' AND record_by <= d GROUP BY iso3),
    initial_rows AS (
        SELECT i.iso3, 'initial' AS report_type, CAST(NULL AS INTEGER) AS reporting_year, i.due_date,
               s.submitted_date,
               CASE
                   WHEN s.submitted_date IS NOT NULL THEN
                       CASE WHEN i.due_date IS NULL THEN 'unknown'
                            WHEN s.submitted_by <= i.due_date THEN 'submitted on time'
                            WHEN s.submitted_date > i.due_date OR coalesce(s.status_text, '') LIKE '%late%'
                                 THEN 'submitted late'
                            ELSE 'submitted (date not in data)' END
                   WHEN i.due_date IS NULL THEN 'unknown'
                   WHEN d <= i.due_date THEN 'not yet due'
                   WHEN b.bound IS NOT NULL THEN 'submitted (date not in data)'
                   WHEN u.iso3 IS NOT NULL THEN 'unknown'
                   WHEN l.listed_after > i.due_date AND d <= l.valid_until THEN 'overdue'
                   ELSE 'unknown' END AS status,
               CASE WHEN s.submitted_date IS NOT NULL THEN s.submitted_by
                    WHEN status = 'submitted (date not in data)' THEN b.bound END AS submitted_by,
               s.submitted_date_precision,
               CASE WHEN s.submitted_date IS NOT NULL THEN s.source
                    WHEN status = 'submitted (date not in data)' THEN b.source END AS source,
               l.listed_after AS listed_outstanding_on, l.listed_after_precision AS listed_outstanding_on_precision,
               l.source AS listing_source
        FROM init i LEFT JOIN init_sub s USING (iso3) LEFT JOIN init_undated u USING (iso3)
        LEFT JOIN init_listed l USING (iso3) LEFT JOIN init_bound b USING (iso3)),
    ann_states AS (
        SELECT iso3, entry_into_force_date AS eif, withdrawal_date,
               unnest(range(year(initial_report_due(entry_into_force_date)), year(d))) AS y
        FROM st WHERE status IN ('State Party', 'Withdrawn') AND entry_into_force_date IS NOT NULL),
    owed AS (
        SELECT iso3, CAST(y AS INTEGER) AS reporting_year, annual_report_due(y) AS due_date,
               eif, withdrawal_date
        FROM ann_states),
    ann AS (SELECT * FROM rec WHERE report_type = 'annual' AND coalesce(submitted_by, record_by) <= d),
    ann_dated AS (
        SELECT iso3, reporting_year, min(submitted_date) AS submitted_date,
               arg_min(submitted_by, submitted_date) AS submitted_by,
               arg_min(submitted_date_precision, submitted_date) AS submitted_date_precision,
               arg_min(source, submitted_date) AS source
        FROM ann WHERE record = 'submitted' AND reporting_year IS NOT NULL AND submitted_date IS NOT NULL
        GROUP BY ALL),
    ann_undated AS (
        SELECT iso3, reporting_year, min(source) AS source FROM ann
        WHERE record = 'submitted' AND reporting_year IS NOT NULL AND submitted_date IS NULL GROUP BY ALL),
    annual_rows AS (
        SELECT o.iso3, 'annual' AS report_type, o.reporting_year, o.due_date, s.submitted_date,
               CASE
                   WHEN s.submitted_date IS NOT NULL THEN
                       CASE WHEN s.submitted_by <= o.due_date THEN 'submitted on time'
                            WHEN s.submitted_date > o.due_date THEN 'submitted late'
                            ELSE 'submitted, date unknown' END
                   WHEN u.iso3 IS NOT NULL THEN 'submitted, date unknown'
                   WHEN d <= o.due_date THEN 'not yet due'
                   WHEN EXISTS (SELECT 1 FROM ann a WHERE a.record = 'outstanding' AND a.iso3 = o.iso3
                                AND a.listed_after > o.due_date
                                AND (a.reporting_year IS NULL OR a.reporting_year = o.reporting_year))
                       THEN CASE WHEN EXISTS (SELECT 1 FROM ann a WHERE a.record = 'outstanding' AND a.iso3 = o.iso3
                                              AND a.listed_after > o.due_date AND d <= a.valid_until
                                              AND (a.reporting_year IS NULL OR a.reporting_year = o.reporting_year))
                                 THEN 'missing' ELSE 'unknown' END
                   WHEN o.due_date > (SELECT current_to FROM params) THEN 'unknown'
                   ELSE 'no record in data' END AS status,
               s.submitted_by, s.submitted_date_precision,
               coalesce(s.source, u.source,
                        (SELECT arg_max(a.source, a.listed_after) FROM ann a WHERE a.record = 'outstanding'
                         AND a.iso3 = o.iso3 AND a.listed_after > o.due_date
                         AND (a.reporting_year IS NULL OR a.reporting_year = o.reporting_year))) AS source,
               CAST(NULL AS DATE) AS listed_outstanding_on, CAST(NULL AS VARCHAR) AS listed_outstanding_on_precision,
               CAST(NULL AS VARCHAR) AS listing_source
        FROM owed o LEFT JOIN ann_dated s USING (iso3, reporting_year) LEFT JOIN ann_undated u USING (iso3, reporting_year)
        WHERE o.eif <= o.due_date AND NOT coalesce(o.withdrawal_date <= o.due_date, false))
    SELECT * FROM initial_rows UNION ALL SELECT * FROM annual_rows
    ORDER BY iso3, reporting_year NULLS FIRST;
CREATE OR REPLACE MACRO article7_status_at(d) AS TABLE
    SELECT iso3, report_type, reporting_year, due_date, submitted_date, status, submitted_by
    FROM article7_detail_at(d);
"""

MACROS = _TEMPLATE.format(
    art3=DEADLINE_YEARS[3], art4=DEADLINE_YEARS[4], initial_days=INITIAL_REPORT_DAYS,
    due_month=ANNUAL_REPORT_DUE[0], due_day=ANNUAL_REPORT_DUE[1],
    thirtieth_offset=INSTRUMENTS_FOR_ENTRY_INTO_FORCE - 1, eif_months=MONTHS_TO_ENTRY_INTO_FORCE)

# What each internal view or table macro reads (tables, views or other macros).
MACRO_READS: dict[str, tuple[str, ...]] = {
    "state_facts": ("states", "treaty_events"),
    "state_status_at": ("state_facts",),
    "obligations": ("article3_stockpiles", "article4_clearance", "state_facts", "data_sources"),
    "extension_decisions": ("extension_requests", "state_facts"),
    "extension_requests_at": ("extension_decisions", "state_facts"),
    "obligation_deadlines_at": ("state_facts", "obligations", "extension_decisions", "data_sources"),
    "article7_detail_at": ("article7_reports", "state_status_at", "data_sources"),
    "article7_status_at": ("article7_detail_at",),
}
