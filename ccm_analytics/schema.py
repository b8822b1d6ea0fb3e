"""The database schema, declared once: every table and public view, with a description per column.

`build` creates the tables from these declarations, `COMMENT ON`s every column (so ad hoc users
see the descriptions in `duckdb_columns()`), and imports validate against the same declarations.
`docs/data-dictionary.md` is generated from here (`python -m ccm_analytics docs`).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    data_file: str | None = None  # the shipped CSV in data/, if any


@dataclass(frozen=True)
class View:
    name: str
    description: str
    columns: tuple[Column, ...]
    sql: str
    public: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)


C = Column
PRECISION = "Precision of the date before it: day, month or year (a month or year is stored as its first day)."
SOURCE = C("source", "VARCHAR", "Where the facts of this row come from.")
SOURCE_URL = C("source_url", "VARCHAR", "Address of the source page, where one is known.")
SOURCE_DATE = C("source_date", "VARCHAR", "The source page's own date (YYYY-MM-DD, YYYY-MM or YYYY), or FROM/TO "
                "where the page is undated and only a window is known.")
NOTES = C("notes", "VARCHAR", "Caveats and the sources' own wording where a value was read from free text.")

TABLES: tuple[Table, ...] = (
    Table("states", "Every State the app can show: UN Member States, Holy See, State of Palestine, Cook Islands, Niue.", (
        C("iso3", "VARCHAR", "ISO 3166-1 alpha-3 code.", True),
        C("state_name", "VARCHAR", "Short name in UN (UNTERM) style.", True),
        C("un_region", "VARCHAR", "UN M49 region (Africa, Americas, Asia, Europe, Oceania).", True),
        C("un_subregion", "VARCHAR", "UN M49 sub-region, e.g. Sub-Saharan Africa.", True),
        C("m49_code", "INTEGER", "UN M49 numerical code."),
    ), key=("iso3",), data_file="states.csv"),
    Table("treaty_events", "Signatures, deposits of instruments of ratification, acceptance or accession, and withdrawals.", (
        C("iso3", "VARCHAR", "State (ISO 3166-1 alpha-3).", True),
        C("event_type", "VARCHAR", "signature, ratification, acceptance, accession or withdrawal.", True),
        C("event_date", "DATE", "Day of the event; for a withdrawal, the day it took effect.", True),
        SOURCE,
    ), key=("iso3", "event_type"), data_file="treaty_events.csv"),
    Table("article3_stockpiles", "Article 3: stockpile destruction, one row per State reported to hold or have held cluster munitions.", (
        C("iso3", "VARCHAR", "State (ISO 3166-1 alpha-3).", True),
        C("stockpile_status", "VARCHAR", "destroyed, no stockpile, or unknown (stockpiling not confirmed).", True),
        C("completion_date", "DATE", "Day (or first day of the month or year) stockpile destruction was completed."),
        C("completion_date_precision", "VARCHAR", PRECISION),
        C("completion_note", "VARCHAR", "What the completion date stands for, in the sources' words."),
        C("munitions_destroyed", "BIGINT", "Cluster munitions destroyed in all."),
        C("submunitions_destroyed", "BIGINT", "Submunitions destroyed in all."),
        C("quantities_note", "VARCHAR", "Precision of the quantities (exact, rounded by source, bounds)."),
        C("retained_munitions", "BIGINT", "Cluster munitions retained under Article 3.6 (latest figure stated plainly)."),
        C("retained_submunitions", "BIGINT", "Submunitions retained under Article 3.6 (latest figure stated plainly)."),
        C("retained_note", "VARCHAR", "Retention under Article 3.6 in the sources' words."),
        SOURCE, NOTES,
    ), key=("iso3",), data_file="article3_stockpiles.csv"),
    Table("article3_destruction_by_year", "Stockpiled cluster munitions destroyed per State and year, where the sources give it.", (
        C("iso3", "VARCHAR", "State (ISO 3166-1 alpha-3).", True),
        C("year", "INTEGER", "Calendar year.", True),
        C("munitions_destroyed", "BIGINT", "Cluster munitions destroyed that year."),
        C("submunitions_destroyed", "BIGINT", "Submunitions destroyed that year."),
        C("cumulative", "BOOLEAN", "True where the figure sums several years up to this one."),
        SOURCE, NOTES,
    ), key=("iso3", "year"), data_file="article3_destruction_by_year.csv"),
    Table("extension_requests", "Requests to extend an Article 3 or Article 4 deadline, one row per request.", (
        C("iso3", "VARCHAR", "Requesting State (ISO 3166-1 alpha-3).", True),
        C("article", "INTEGER", "3 (stockpile destruction) or 4 (clearance).", True),
        C("request_no", "INTEGER", "1 for the State's first request under that article, and so on.", True),
        C("submitted_date", "DATE", "Date the request was submitted."),
        C("submitted_date_precision", "VARCHAR", PRECISION),
        C("meeting", "VARCHAR", "Meeting that considered it, e.g. 9MSP, 2RC."),
        C("meeting_date", "DATE", "Month of the meeting (or of the silent procedure) that decided."),
        C("meeting_date_precision", "VARCHAR", PRECISION),
        C("document", "VARCHAR", "UN document symbol of the request, e.g. CCM/MSP/2024/6."),
        C("requested_deadline", "DATE", "Deadline the State asked for."),
        C("requested_deadline_precision", "VARCHAR", PRECISION),
        C("granted_deadline", "DATE", "Deadline granted; empty where the decision is not recorded."),
        C("granted_deadline_precision", "VARCHAR", PRECISION),
        SOURCE, NOTES,
    ), key=("iso3", "article", "request_no"), data_file="extension_requests.csv"),
    Table("article4_clearance", "Article 4: clearance of cluster munition remnants, one row per State reported with remnants.", (
        C("iso3", "VARCHAR", "State (ISO 3166-1 alpha-3).", True),
        C("obligation", "VARCHAR", "yes, no or unconfirmed: remnants under its jurisdiction or control at or after entry into force.", True),
        C("clearance_status", "VARCHAR", "Status in the sources' words.", True),
        C("completion_date", "DATE", "Date clearance was completed (or declared completed)."),
        C("completion_date_precision", "VARCHAR", PRECISION),
        C("completed_by", "DATE", "Latest day by which clearance is known to have been completed, where the date itself is not known."),
        C("contaminated_area_km2", "DECIMAL(12,3)", "Latest contaminated area reported, in km²."),
        C("contaminated_area_year", "INTEGER", "Year of that area figure."),
        C("contaminated_area_note", "VARCHAR", "What the area figure covers."),
        C("area_cleared_summary", "VARCHAR", "Clearance progress in the sources' words."),
        SOURCE, NOTES,
    ), key=("iso3",), data_file="article4_clearance.csv"),
    Table("article4_clearance_by_year", "Land released (cleared, reduced by technical survey, cancelled by non-technical "
          "survey) and submunitions destroyed per State (or globally), year and scope (whose figure it is).", (
        C("iso3", "VARCHAR", "State (ISO 3166-1 alpha-3); empty for a global total."),
        C("year", "INTEGER", "Calendar year.", True),
        C("area_cleared_km2", "DECIMAL(12,4)", "Area cleared that year, in km²."),
        C("area_qualifier", "VARCHAR", "exact, approx or lower bound."),
        C("area_reduced_km2", "DECIMAL(12,4)", "Area reduced by technical survey that year, in km²."),
        C("area_cancelled_km2", "DECIMAL(12,4)", "Area cancelled by non-technical survey that year, in km²."),
        C("submunitions_destroyed", "BIGINT", "Submunitions destroyed that year."),
        C("submunitions_qualifier", "VARCHAR", "exact, approx or lower bound."),
        C("scope", "VARCHAR", "Whose figure: national, Monitor, Mine Action Review, operator (one operator only), "
          "not CMR-specific (all unexploded ordnance), global (Monitor) or global (Mine Action Review). A rate "
          "uses one scope, and only national, Monitor or Mine Action Review.", True),
        C("scope_note", "VARCHAR", "The scope in the source's words (e.g. before accession)."),
        SOURCE, SOURCE_URL, SOURCE_DATE, NOTES,
    ), key=("iso3", "year", "scope"), data_file="article4_clearance_by_year.csv"),
    Table("article4_remaining", "Remaining contamination by cluster munition remnants a State (or the Monitor, Mine "
          "Action Review) reported at a date: confirmed and suspected hazardous area.", (
        C("iso3", "VARCHAR", "State (ISO 3166-1 alpha-3).", True),
        C("as_of_date", "DATE", "Date the figure speaks for.", True),
        C("as_of_date_precision", "VARCHAR", PRECISION),
        C("cha_km2", "DECIMAL(12,4)", "Confirmed hazardous area, in km²."),
        C("sha_km2", "DECIMAL(12,4)", "Suspected hazardous area, in km²."),
        C("total_km2", "DECIMAL(12,4)", "Total contaminated area, in km² (where the source gives a total)."),
        C("qualifier", "VARCHAR", "What the figure is, in the source's words (e.g. area confirmed to date, not what remains)."),
        C("scope", "VARCHAR", "Whose figure it is, in the source's words (e.g. national (Monitor)).", True),
        SOURCE, SOURCE_URL, SOURCE_DATE, NOTES,
    ), key=("iso3", "as_of_date", "scope"), data_file="article4_remaining.csv"),
    Table("article7_reports", "Records about transparency reports (Article 7): a submission, or a listing as outstanding.", (
        C("iso3", "VARCHAR", "State (ISO 3166-1 alpha-3).", True),
        C("report_type", "VARCHAR", "initial or annual.", True),
        C("reporting_year", "INTEGER", "Calendar year an annual report covers; empty for initial reports or when not stated."),
        C("submitted_date", "DATE", "Date the report was submitted."),
        C("submitted_date_precision", "VARCHAR", PRECISION),
        C("record", "VARCHAR", "submitted, outstanding (listed as overdue or not submitted) or unclear.", True),
        C("record_date", "DATE", "Date the record speaks for (e.g. the date of an overdue list)."),
        C("record_date_precision", "VARCHAR", PRECISION),
        C("list_id", "VARCHAR", "For a listing as outstanding: the complete published list it belongs to (CMC 2015, "
          "ISU 13, ISU 9). A State Party whose report was due before the list's window and that is not on it had "
          "submitted by `listed_to`."),
        C("listed_to", "DATE", "Last day a complete list may speak for (with `record_date`, the first: its window)."),
        C("status_text", "VARCHAR", "Status in the source's words."),
        SOURCE, SOURCE_URL, SOURCE_DATE, NOTES,
    ), data_file="article7_reports.csv"),
    Table("article7_aggregates", "Published totals on transparency reporting, with their dates.", (
        C("metric", "VARCHAR", "What is counted.", True),
        C("value", "VARCHAR", "The published figure, as published."),
        C("as_of_date", "DATE", "Date the figure speaks for."),
        C("as_of_date_precision", "VARCHAR", PRECISION),
        SOURCE, NOTES,
    ), data_file="article7_aggregates.csv"),
    Table("article9_measures", "National implementation measures (Article 9) per State.", (
        C("iso3", "VARCHAR", "State (ISO 3166-1 alpha-3).", True),
        C("status", "VARCHAR", "specific legislation adopted, existing law deemed sufficient, legislation in progress, none reported; empty where the sources do not settle it."),
        C("year_of_law", "INTEGER", "Year the law was adopted."),
        C("measure_summary", "VARCHAR", "The measures in the sources' words."),
        C("confidence", "VARCHAR", "high, medium or low: how clearly the sources support the status."),
        C("reported_date", "DATE", "Date the status was last reported."),
        C("reported_date_precision", "VARCHAR", PRECISION),
        SOURCE, NOTES,
    ), key=("iso3",), data_file="article9_measures.csv"),
    Table("article9_aggregates", "Published totals on national implementation measures, with their dates.", (
        C("metric", "VARCHAR", "What is counted, as published.", True),
        C("value", "VARCHAR", "The published figure (empty where the metric text holds it)."),
        C("as_of_date", "DATE", "Date the figure speaks for."),
        C("as_of_date_precision", "VARCHAR", PRECISION),
        SOURCE, NOTES,
    ), data_file="article9_aggregates.csv"),
    Table("budget_lines", "ISU budget (and, once imported, actual expenditure) per line and year, in CHF.", (
        C("year", "INTEGER", "Budget year.", True),
        C("budget_line", "VARCHAR", "Salaries, Social charges, Communication, Travel or Other implementation support costs.", True),
        C("amount_chf", "DECIMAL(14,2)", "Amount in Swiss francs.", True),
        C("kind", "VARCHAR", "budget (work plan) or actual (expenditure).", True),
        SOURCE,
    ), key=("year", "budget_line", "kind"), data_file="isu_budget.csv"),
    Table("isu_budget_notes", "The work plan's notes on its budget lines (GICHD in-kind support included, without amount).", (
        C("budget_line", "VARCHAR", "Budget line the note explains; empty for notes on the whole budget."),
        C("note_kind", "VARCHAR", "line description, budget note or in-kind support.", True),
        C("note", "VARCHAR", "The note's text.", True),
        SOURCE,
    ), data_file="isu_budget_notes.csv"),
    Table("contribution_records", "Voluntary contributions to the ISU budget received from States (imported; none public).", (
        C("iso3", "VARCHAR", "Contributing State (ISO 3166-1 alpha-3).", True),
        C("year", "INTEGER", "Budget year the contribution is for.", True),
        C("amount_chf", "DECIMAL(14,2)", "Amount received, in Swiss francs.", True),
        C("received_date", "DATE", "Day the payment was received."),
        C("payment_ref", "VARCHAR", "Payment reference, where one State paid more than once in a year."),
        SOURCE, NOTES,
    ), key=("iso3", "year", "payment_ref")),
    Table("article5_responsibility", "States Parties with responsibility for cluster munition victims (Article 5), from a sourced list.", (
        C("iso3", "VARCHAR", "State Party (ISO 3166-1 alpha-3).", True),
        C("as_of_date", "DATE", "Date of the list the row comes from.", True),
        SOURCE, NOTES,
    ), key=("iso3",)),
    Table("build_info", "How this database file was built: key and value (e.g. kind = real or demonstration).", (
        C("key", "VARCHAR", "What is recorded.", True),
        C("value", "VARCHAR", "Its value.", True),
    ), key=("key",)),
    Table("data_sources", "Provenance of each shipped data file: source, publication, access and the date its facts are current to.", (
        C("file", "VARCHAR", "Data file in data/.", True),
        C("title", "VARCHAR", "What the file holds.", True),
        C("source", "VARCHAR", "Where its facts come from.", True),
        C("source_url", "VARCHAR", "Address of the main publication, where one is known."),
        C("publication", "VARCHAR", "Publication cited."),
        C("accessed", "VARCHAR", "When and how the facts were gathered.", True),
        C("current_to", "DATE", "Date the facts are current to."),
        C("current_to_precision", "VARCHAR", PRECISION),
        NOTES,
    ), key=("file",), data_file="provenance.csv"),
    Table("import_log", "Every import attempt and undo, from the log kept with the imports folder (as of this build).", (
        C("logged_at", "TIMESTAMP", "When it happened (UTC).", True),
        C("who", "VARCHAR", "Who did it: the OS user (command line) or the administrator's name (Data page).", True),
        C("action", "VARCHAR", "import or undo.", True),
        C("import_id", "INTEGER", "Number of the accepted import (the one undone, for an undo); empty when refused."),
        C("kind", "VARCHAR", "Kind of file: treaty_events, article3, article4_progress, extension_requests, "
          "article7_reports, article9, budget_actuals, contributions or article5.", True),
        C("file_name", "VARCHAR", "Name of the file imported.", True),
        C("sha256", "VARCHAR", "SHA-256 of the file's bytes.", True),
        C("rows_added", "INTEGER", "Rows the import added."),
        C("rows_changed", "INTEGER", "Existing rows (same key) the import replaced."),
        C("result", "VARCHAR", "accepted, rejected, unchanged (nothing to do), interrupted, or undone (an undo).", True),
        C("undone", "BOOLEAN", "True for an accepted import that was undone since."),
        C("message", "VARCHAR", "What the import or undo said."),
    )),
)

# Internal helpers. `state_facts` holds the recorded facts per State; the table macros answer for any date.
MACROS = r"""
CREATE OR REPLACE MACRO period_end(d, p) AS
    CASE p WHEN 'year' THEN make_date(year(d), 12, 31) WHEN 'month' THEN last_day(d) ELSE d END;
CREATE OR REPLACE MACRO thirtieth_deposit() AS (
    SELECT event_date FROM treaty_events WHERE event_type IN ('ratification', 'acceptance', 'accession')
    ORDER BY event_date LIMIT 1 OFFSET 29);
CREATE OR REPLACE MACRO entry_into_force(deposit) AS
    CAST(date_trunc('month', greatest(deposit, thirtieth_deposit())) + INTERVAL 6 MONTH AS DATE);
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
    SELECT r.*, f.entry_into_force_date + to_years(CASE r.article WHEN 3 THEN 8 ELSE 10 END) AS original_deadline,
           least(period_end(r.submitted_date, r.submitted_date_precision), r.meeting_date) AS known_from,
           coalesce(period_end(r.meeting_date, r.meeting_date_precision),
                    lag(r.granted_deadline) OVER (PARTITION BY r.iso3, r.article ORDER BY r.request_no),
                    f.entry_into_force_date + to_years(CASE r.article WHEN 3 THEN 8 ELSE 10 END)) AS decided_by
    FROM extension_requests r JOIN state_facts f USING (iso3);
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
               CAST(p.entry_into_force_date + to_years(CASE o.article WHEN 3 THEN 8 ELSE 10 END) AS DATE) AS original_deadline,
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
           pending_requests
    FROM rows ORDER BY iso3, article;
CREATE OR REPLACE MACRO article7_status_at(d) AS TABLE
    -- The SQL twin of reports.initial_report_status + annual_report_status (tests/test_article7.py checks them).
    WITH params AS (SELECT facts_current_to('article7_reports.csv') AS current_to),
    rec AS (
        SELECT r.iso3, r.report_type, r.reporting_year, r.record, r.status_text, r.submitted_date, r.source,
               r.list_id, r.record_date, r.listed_to,
               period_end(r.submitted_date, r.submitted_date_precision) AS submitted_by,
               period_end(r.record_date, r.record_date_precision) AS record_by,
               r.record_date AS listed_after,
               -- a listing as outstanding speaks until the next 30 April, never past current_to (reports.listing_valid_until),
               -- nor past the end of its window where a complete list is known only to a window
               least(p.current_to, CASE WHEN record_by < make_date(year(record_by), 4, 30)
                                        THEN make_date(year(record_by), 4, 30)
                                        ELSE make_date(year(record_by) + 1, 4, 30) END,
                     CASE WHEN r.listed_to > r.record_date THEN r.listed_to END) AS valid_until
        FROM article7_reports r CROSS JOIN params p),
    st AS (SELECT * FROM state_status_at(d)),
    init AS (
        SELECT iso3, CAST(entry_into_force_date + INTERVAL 180 DAY AS DATE) AS due_date
        FROM st WHERE status = 'State Party'),
    init_sub AS (
        SELECT iso3, min(submitted_date) AS submitted_date, arg_min(submitted_by, submitted_date) AS submitted_by,
               arg_min(status_text, submitted_date) AS status_text
        FROM rec WHERE report_type = 'initial' AND record = 'submitted' AND submitted_date IS NOT NULL
                   AND submitted_by <= d
        GROUP BY iso3),
    lists AS (  -- complete lists of overdue initial reports: their window and source (reports.submitted_by_lists)
        SELECT list_id, min(record_date) AS listed_from, max(listed_to) AS listed_to, min(source) AS source
        FROM rec WHERE report_type = 'initial' AND list_id IS NOT NULL GROUP BY list_id),
    bounds AS (  -- submitted by a day, not on a known day: an undated record's date, or a list not naming the State
        SELECT iso3, record_by AS bound, source FROM rec
        WHERE report_type = 'initial' AND record = 'submitted' AND submitted_date IS NULL AND record_by IS NOT NULL
        UNION ALL
        SELECT i.iso3, l.listed_to, l.source FROM init i JOIN lists l ON i.due_date < l.listed_from
        WHERE NOT EXISTS (SELECT 1 FROM rec r WHERE r.list_id = l.list_id AND r.iso3 = i.iso3)),
    init_bound AS (
        SELECT iso3, min(bound) AS bound FROM bounds WHERE bound <= d GROUP BY iso3),
    init_undated AS (
        SELECT DISTINCT iso3 FROM rec WHERE report_type = 'initial' AND record = 'submitted' AND submitted_date IS NULL),
    init_listed AS (
        SELECT iso3, max(listed_after) AS listed_after, arg_max(valid_until, listed_after) AS valid_until FROM rec
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
                    WHEN status = 'submitted (date not in data)' THEN b.bound END AS submitted_by
        FROM init i LEFT JOIN init_sub s USING (iso3) LEFT JOIN init_undated u USING (iso3)
        LEFT JOIN init_listed l USING (iso3) LEFT JOIN init_bound b USING (iso3)),
    ann_states AS (
        SELECT iso3, entry_into_force_date AS eif, withdrawal_date,
               unnest(range(year(CAST(entry_into_force_date + INTERVAL 180 DAY AS DATE)), year(d))) AS y
        FROM st WHERE status IN ('State Party', 'Withdrawn') AND entry_into_force_date IS NOT NULL),
    owed AS (
        SELECT iso3, CAST(y AS INTEGER) AS reporting_year, make_date(CAST(y AS INTEGER) + 1, 4, 30) AS due_date,
               eif, withdrawal_date
        FROM ann_states),
    ann AS (SELECT * FROM rec WHERE report_type = 'annual' AND coalesce(submitted_by, record_by) <= d),
    ann_dated AS (
        SELECT iso3, reporting_year, min(submitted_date) AS submitted_date,
               arg_min(submitted_by, submitted_date) AS submitted_by
        FROM ann WHERE record = 'submitted' AND reporting_year IS NOT NULL AND submitted_date IS NOT NULL
        GROUP BY ALL),
    ann_undated AS (
        SELECT DISTINCT iso3, reporting_year FROM ann
        WHERE record = 'submitted' AND reporting_year IS NOT NULL AND submitted_date IS NULL),
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
               s.submitted_by
        FROM owed o LEFT JOIN ann_dated s USING (iso3, reporting_year) LEFT JOIN ann_undated u USING (iso3, reporting_year)
        WHERE o.eif <= o.due_date AND NOT coalesce(o.withdrawal_date <= o.due_date, false))
    SELECT * FROM initial_rows UNION ALL SELECT * FROM annual_rows
    ORDER BY iso3, reporting_year NULLS FIRST;
"""

VIEWS: tuple[View, ...] = (
    View("state_status", "One row per State (197): its treaty status today.", (
        C("iso3", "VARCHAR", "ISO 3166-1 alpha-3 code."),
        C("state_name", "VARCHAR", "Short name in UN style."),
        C("un_region", "VARCHAR", "UN M49 region."),
        C("un_subregion", "VARCHAR", "UN M49 sub-region."),
        C("signature_date", "DATE", "Day the State signed; empty if it did not."),
        C("consent_date", "DATE", "Day its instrument of ratification, acceptance or accession was deposited."),
        C("consent_type", "VARCHAR", "ratification, acceptance or accession."),
        C("entry_into_force_date", "DATE", "Day the Convention entered into force for the State (Article 17)."),
        C("withdrawal_date", "DATE", "Day its withdrawal took effect (Article 20)."),
        C("status", "VARCHAR", "State Party, Signatory, Not signatory or Withdrawn."),
        C("in_force", "BOOLEAN", "True if the State is a State Party and the Convention has entered into force for it."),
    ), "SELECT * FROM state_status_at(current_date)",
        notes=("`state_status_at(DATE '2020-12-31')` gives the same columns for any other date.",)),
    View("parties_by_year", "Counts at 31 December of each year from 2008, and at today's date for the current year.", (
        C("year", "INTEGER", "Calendar year."),
        C("states_parties", "BIGINT", "States Parties (instrument deposited, withdrawal not yet effective)."),
        C("in_force", "BIGINT", "States Parties for which the Convention has entered into force."),
        C("signatories_only", "BIGINT", "Signatories that have not deposited an instrument."),
        C("new_parties", "BIGINT", "Instruments deposited during the year (up to today in the current year)."),
        C("withdrawals", "BIGINT", "Withdrawals that took effect during the year."),
    ), """
    WITH years AS (
        SELECT y::INTEGER AS year,
               CASE WHEN y = year(current_date) THEN current_date ELSE make_date(y::INTEGER, 12, 31) END AS d
        FROM range(2008, year(current_date) + 1) r(y))
    SELECT year,
           count(*) FILTER (WHERE consent_date <= d AND NOT coalesce(withdrawal_date <= d, false)) AS states_parties,
           count(*) FILTER (WHERE consent_date <= d AND NOT coalesce(withdrawal_date <= d, false)
                            AND thirtieth_deposit() <= d AND entry_into_force_date <= d) AS in_force,
           count(*) FILTER (WHERE signature_date <= d AND NOT coalesce(consent_date <= d, false)) AS signatories_only,
           count(*) FILTER (WHERE year(consent_date) = year AND consent_date <= d) AS new_parties,
           count(*) FILTER (WHERE year(withdrawal_date) = year AND withdrawal_date <= d) AS withdrawals
    FROM years CROSS JOIN state_facts GROUP BY year ORDER BY year"""),
    View("obligation_deadlines", "One row per State Party and article (3 or 4) with an obligation, and its status today.", (
        C("iso3", "VARCHAR", "State Party (ISO 3166-1 alpha-3)."),
        C("article", "INTEGER", "3 (stockpile destruction) or 4 (clearance)."),
        C("original_deadline", "DATE", "Entry into force plus 8 years (Article 3) or 10 years (Article 4)."),
        C("current_deadline", "DATE", "The latest deadline granted by a recorded decision, else the original one."),
        C("extensions_granted", "BIGINT", "Extensions granted by recorded decisions."),
        C("completion_date", "DATE", "Completion recorded (first day of its month or year where only that is known)."),
        C("status", "VARCHAR", "The first that applies of: completed; deadline passed, extension requested (the "
                               "current deadline has passed and a request awaits a recorded decision); extension "
                               "requested (a request awaits a recorded decision, the deadline not passed); overdue; "
                               "due within 12 months; on track; unknown."),
        C("state_name", "VARCHAR", "Short name in UN style."),
        C("entry_into_force_date", "DATE", "Entry into force for the State."),
        C("current_deadline_precision", "VARCHAR", PRECISION),
        C("completion_date_precision", "VARCHAR", PRECISION),
        C("pending_requests", "BIGINT", "Extension requests submitted whose decision is not recorded."),
    ), "SELECT * FROM obligation_deadlines_at(current_date)",
        notes=("`obligation_deadlines_at(DATE '2020-12-31')` gives the same columns for any other date.",
               "A deadline that passed after the date the data are current to reads `unknown`, not `overdue`.",
               "So does a passed deadline where completion is dated only to a month or year that includes the date.",
               "The pandas twin of the status rule is `ccm_analytics.deadlines.obligation_deadlines`.")),
    View("isu_budget", "The ISU budget (kind = budget) and imported actual expenditure (kind = actual), per year and line.", (
        C("year", "INTEGER", "Budget year."),
        C("budget_line", "VARCHAR", "Salaries, Social charges, Communication, Travel or Other implementation support costs."),
        C("amount_chf", "DECIMAL(14,2)", "Amount in Swiss francs."),
        C("kind", "VARCHAR", "budget or actual."),
    ), "SELECT year, budget_line, amount_chf, kind FROM budget_lines ORDER BY kind, year, budget_line"),
    View("contributions", "Contributions received from States (imported ISU records; none are public).", (
        C("iso3", "VARCHAR", "Contributing State (ISO 3166-1 alpha-3)."),
        C("year", "INTEGER", "Budget year the contribution is for."),
        C("amount_chf", "DECIMAL(14,2)", "Amount received, in Swiss francs."),
        C("received_date", "DATE", "Day the payment was received."),
        C("source", "VARCHAR", "Where the record comes from (the imported file)."),
    ), "SELECT iso3, year, amount_chf, received_date, source FROM contribution_records ORDER BY year, iso3"),
    View("article7_status", "One row per Article 7 transparency report owed up to today: the initial report of every "
         "State Party, and the annual report for each calendar year from the year its initial report fell due, due "
         "30 April of the next year, while the Convention is in force for the State on that date.", (
        C("iso3", "VARCHAR", "State (ISO 3166-1 alpha-3)."),
        C("report_type", "VARCHAR", "initial or annual."),
        C("reporting_year", "INTEGER", "Calendar year an annual report covers; empty for initial reports."),
        C("due_date", "DATE", "Initial: 180 days after entry into force; annual: 30 April after the reporting year."),
        C("submitted_date", "DATE", "Date the report was submitted, where a record gives it (first day of its month or year "
                                    "where only that is known)."),
        C("status", "VARCHAR", "submitted on time, submitted late, submitted (date not in data) (initial: submitted "
                               "by `submitted_by`, the day not known), submitted, date unknown (annual), overdue "
                               "(initial) or missing (annual) only where a record lists it as outstanding after its "
                               "due date, no record in data (annual), not yet due, or unknown."),
        C("submitted_by", "DATE", "Last day by which the report had been submitted: the end of the month or year of "
                                  "a partial date, the date of an undated record, or the last day of a complete list "
                                  "of overdue initial reports that does not name the State."),
    ), "SELECT * FROM article7_status_at(current_date)",
        notes=("`article7_status_at(DATE '2025-09-30')` gives the same columns for any other date.",
               "Annual reports are listed for the calendar years ended by the date (the current year's is not yet owed).",
               "`no record in data` is not a missing report: per-State annual report records are mostly not public.",
               "A status that depends on facts later than the date the Article 7 data are current to reads `unknown`.",
               "A record listing a report as outstanding makes it `overdue`/`missing` only until the next 30 April "
               "after the record's date (the next reporting deadline), never past the data's current-to date.")),
    View("article5", "States Parties with responsibility for cluster munition victims (Article 5), from a sourced "
         "list loaded by import; empty until such a list is loaded.", (
        C("iso3", "VARCHAR", "State Party (ISO 3166-1 alpha-3)."),
        C("state_name", "VARCHAR", "Short name in UN style."),
        C("as_of_date", "DATE", "Date of the list the row comes from."),
        C("source", "VARCHAR", "Where the list comes from."),
        C("notes", "VARCHAR", "Caveats."),
    ), "SELECT a.iso3, s.state_name, a.as_of_date, a.source, a.notes FROM article5_responsibility a "
       "LEFT JOIN states s USING (iso3) ORDER BY s.state_name"),
)


def table(name: str) -> Table:
    """The declared table called `name`."""
    return next(t for t in TABLES if t.name == name)


def create_table_sql(t: Table) -> str:
    cols = ",\n    ".join(f"{c.name} {c.type}{' NOT NULL' if c.required else ''}" for c in t.columns)
    return f"CREATE TABLE {t.name} (\n    {cols}\n)"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def comment_sql(obj: Table | View) -> list[str]:
    """COMMENT ON statements that put the descriptions into the database catalogue."""
    kind = "TABLE" if isinstance(obj, Table) else "VIEW"
    out = [f"COMMENT ON {kind} {obj.name} IS {_quote(obj.description)}"]
    out += [f"COMMENT ON COLUMN {obj.name}.{c.name} IS {_quote(c.description)}" for c in obj.columns]
    return out


def data_dictionary_markdown() -> str:
    """The data dictionary, in Markdown, generated from the declarations."""
    lines = ["# Data dictionary", "",
             "Generated from `ccm_analytics/schema.py` by `python -m ccm_analytics docs`; do not edit by hand.",
             "Public views are a contract: their names and columns change only with notice.", "",
             "## Public views", ""]
    for v in VIEWS:
        lines += [f"### `{v.name}`", "", v.description, ""] + [f"- {n}" for n in v.notes]
        lines += ["" if v.notes else None, "| column | type | description |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {c.type} | {c.description} |" for c in v.columns] + [""]
    lines += ["## Tables", ""]
    for t in TABLES:
        lines += [f"### `{t.name}`", "", t.description, "", "| column | type | description |", "|---|---|---|"]
        lines += [f"| `{c.name}` | {c.type} | {c.description}{' Required.' if c.required else ''} |" for c in t.columns]
        lines += [""]
    return "\n".join(line for line in lines if line is not None)
